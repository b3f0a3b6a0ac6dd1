package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.Protocol;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.TelnetOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code protocol: telnet}, {@code fallback: telnet} and {@code telnet_port}: only a device's own
 * entry may choose Telnet, and only such a device carries {@link TelnetOptions} to the driver.
 */
class TelnetFieldsTest {

  private static String r1With(String extra) {
    return InventoryTestSupport.BASE.replace(
        "    host: 10.0.0.1\n", "    host: 10.0.0.1\n" + extra);
  }

  private static TelnetOptions telnetOf(Inventory inv, String id) {
    return inv.devices()
        .get(id)
        .toDevice(SshOptions.defaults())
        .options()
        .get(TelnetOptions.class)
        .orElse(null);
  }

  @Test
  void protocolTelnetOnTheDeviceCarriesItsPort() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(r1With("    protocol: telnet\n    telnet_port: 2323\n"));
    assertThat(inv.devices().get("r1").protocol()).isSameAs(Protocol.TELNET);
    assertThat(telnetOf(inv, "r1")).isEqualTo(new TelnetOptions(2323, false));
  }

  @Test
  void fallbackOnACliDeviceCarriesTheFallbackWithPort23ByDefault() throws Exception {
    Inventory inv = InventoryTestSupport.parse(r1With("    fallback: telnet\n"));
    assertThat(inv.devices().get("r1").protocol()).isSameAs(Protocol.CLI);
    assertThat(telnetOf(inv, "r1")).isEqualTo(TelnetOptions.fallbackTo(23));
  }

  @Test
  void aDeviceThatDoesNotAskHasNoTelnetOptionsEvenWithADefaultTelnetPort() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            InventoryTestSupport.BASE.replace(
                "devices:\n", "defaults:\n  device: {telnet_port: 2323}\ndevices:\n"));
    assertThat(telnetOf(inv, "r1")).isNull();
    assertThat(telnetOf(inv, "r2")).isNull();
  }

  @Test
  void defaultsMayNotChooseTelnet() {
    assertThat(
            InventoryTestSupport.problems(
                InventoryTestSupport.BASE.replace(
                    "devices:\n", "defaults:\n  device: {protocol: telnet}\ndevices:\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("defaults.device.protocol");
              assertThat(p.message()).contains("cannot be a default").contains("clear text");
            });
    assertThat(
            InventoryTestSupport.problems(
                InventoryTestSupport.BASE.replace(
                    "devices:\n", "defaults:\n  device: {fallback: telnet}\ndevices:\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("defaults.device.fallback");
              assertThat(p.message()).contains("cannot have a default");
            });
  }

  @Test
  void fallbackGoesWithProtocolCliOnlyAndNamesTelnetOnly() {
    assertThat(InventoryTestSupport.problems(r1With("    protocol: ssh\n    fallback: telnet\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("devices[0].fallback");
              assertThat(p.message()).contains("goes with protocol cli").contains("not ssh");
            });
    assertThat(
            InventoryTestSupport.problems(r1With("    protocol: telnet\n    fallback: telnet\n")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not telnet"));
    assertThat(InventoryTestSupport.problems(r1With("    fallback: rsh\n")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("unknown fallback 'rsh'"));
    assertThat(InventoryTestSupport.problems(r1With("    protocol: telnt\n")))
        .singleElement()
        .satisfies(
            p -> assertThat(p.message()).contains("unknown protocol 'telnt'").contains("telnet"));
  }

  @Test
  void telnetThroughAJumpHostIsRefusedAtTheJumpField() {
    String yaml =
        "jump_hosts:\n  - {id: b1, host: 10.9.9.9, username: netops, password: {env: R1_PASS}}\n"
            + r1With("    fallback: telnet\n    jump: [b1]\n");
    assertThat(InventoryTestSupport.problems(yaml))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("devices[0].jump");
              assertThat(p.message()).contains("around the bastion");
            });
  }
}
