package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

  @Test
  void printsTableAndWritesInventory(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path inv = dir.resolve("inv.yaml");
    int rc =
        SimulatorMain.run(
            new String[] {
              "--devices",
              "12",
              "--platform",
              "mixed",
              "--loss-lines",
              "2",
              "--inventory-out",
              inv.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    assertThat(rc).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("r01", "r12", "cisco_nxos", "127.0.0.1:", "loss 20%", "netops");
    String yaml = Files.readString(inv);
    assertThat(yaml)
        .contains(
            "devices:",
            "  - id: r01",
            "    platform: cisco_ios",
            "    password: {env: NETPOOL_SIM_PASSWORD}");
    assertThat(yaml).doesNotContain("enable_secret");
    assertThat(yaml.lines().filter(l -> l.startsWith("  - id:")).count()).isEqualTo(12);
  }

  @Test
  void secretReferencesInTheInventory(@TempDir Path dir) throws Exception {
    Path inv = dir.resolve("inv.yaml");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    String[] args = {
      "--devices",
      "1",
      "--password",
      "it's",
      "--enable-secret",
      "en",
      "--password-ref",
      "value",
      "--enable-secret-ref",
      "file:secrets/en able",
      "--inventory-out",
      inv.toString()
    };
    assertThat(SimulatorMain.run(args, quiet, quiet, false)).isZero();
    assertThat(Files.readString(inv))
        .contains("    password: {value: 'it''s'}", "    enable_secret: {file: 'secrets/en able'}");
  }

  @Test
  void usageListsEveryPlatformWithItsAliases() {
    for (Platform p : Platform.values()) {
      assertThat(SimulatorMain.USAGE).contains(" " + p.id());
      p.aliases().forEach(a -> assertThat(SimulatorMain.USAGE).contains(a));
    }
    assertThat(SimulatorMain.USAGE).contains("cisco_iosxe (iosxe, ios-xe, cisco_xe)");
  }

  @Test
  void usageErrorsExitWith2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(SimulatorMain.run(new String[] {"--devices", "x"}, ps, ps, false)).isEqualTo(2);
    assertThat(SimulatorMain.run(new String[] {"--platform", "vax"}, ps, ps, false)).isEqualTo(2);
    assertThat(SimulatorMain.run(new String[] {"--bogus", "1"}, ps, ps, false)).isEqualTo(2);
    assertThat(SimulatorMain.run(new String[] {"--password-ref", "NAME"}, ps, ps, false))
        .isEqualTo(2);
    assertThat(SimulatorMain.run(new String[] {"--password-ref", "env:1X"}, ps, ps, false))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: netpool sim");
  }

  @Test
  void slaOperationsOnEveryPlatformThatHasThem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SimulatorMain.Options o =
        SimulatorMain.parse(
            new String[] {
              "--devices",
              "9",
              "--sla",
              "icmp-echo:10.9.9.9",
              "--sla=udp-jitter:10.8.8.8,codec=g729a"
            });
    var fleet = SimulatorMain.fleet(o);
    DeviceSpec ios =
        fleet.stream().filter(d -> d.platform() == Platform.CISCO_IOS).findFirst().get();
    assertThat(ios.slaOperations().keySet()).containsExactlyInAnyOrder("10", "20");
    assertThat(ios.slaOperation("20").codec()).isEqualTo("g729a");
    DeviceSpec junos =
        fleet.stream().filter(d -> d.platform() == Platform.JUNIPER_JUNOS).findFirst().get();
    assertThat(junos.slaOperations().keySet())
        .containsExactlyInAnyOrder("netpool/sla1", "netpool/sla2");
    DeviceSpec linux = fleet.stream().filter(d -> d.platform() == Platform.LINUX).findFirst().get();
    assertThat(linux.slaOperations()).isEmpty();

    int rc =
        SimulatorMain.run(
            new String[] {"--devices", "1", "--sla", "udp-jitter:10.8.8.8,bogus"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            false);
    assertThat(rc).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("bad --sla", "unknown SLA option");
  }

  @Test
  void anSlaKeyMustBeWhatThePlatformNamesOperationsBy() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DeviceSpec.builder("r1", Platform.JUNIPER_JUNOS)
                    .slaOperation(
                        "10", io.netpool.sim.platform.sla.SlaOperation.icmpEcho("10.0.0.1"))
                    .build())
        .hasMessageContaining("owner/test");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DeviceSpec.builder("r1", Platform.CISCO_IOS)
                    .slaOperation(
                        "a/b", io.netpool.sim.platform.sla.SlaOperation.icmpEcho("10.0.0.1"))
                    .build())
        .hasMessageContaining("entry number");
  }
}
