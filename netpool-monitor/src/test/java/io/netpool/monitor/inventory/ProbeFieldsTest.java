package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe keys of a line (docs/inventory.md, "Probes"), checked against the router's platform.
 */
class ProbeFieldsTest {

  /** BASE with {@code extra} added to line l1 (on r1, cisco_iosxe). */
  private static String l1(String extra) {
    return InventoryTestSupport.BASE.replace(
        "    target: 192.0.2.1\n", "    target: 192.0.2.1\n" + extra);
  }

  /** BASE with {@code extra} added to line l2 (on r2, huawei_vrp). */
  private static String l2(String extra) {
    return InventoryTestSupport.BASE.replace(
        "    target: 192.0.2.2\n", "    target: 192.0.2.2\n" + extra);
  }

  @Test
  void aLineRunsPingUnlessItSaysOtherwise() throws Exception {
    Inventory inv = InventoryTestSupport.parse(InventoryTestSupport.BASE);
    assertThat(inv.lines().get("l1").probes()).isEqualTo(ProbeSelection.PING_ONLY);
  }

  @Test
  void slaLinesNameTheirOperationAsThePlatformsCommandNeeds() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            l1("    probe: [ping, sla]\n    operation: 10\n    frequency: 30s\n")
                .replace(
                    "    target: 192.0.2.2\n",
                    "    target: 192.0.2.2\n    probe: sla\n    admin: noc\n    test: l2-jitter\n"));
    ProbeSelection cisco = inv.lines().get("l1").probes();
    assertThat(cisco.types()).containsExactly("ping", "sla");
    assertThat(cisco.primary()).isEqualTo("ping");
    assertThat(cisco.keys()).isEqualTo(Map.of("operation", "10"));
    assertThat(cisco.frequency()).isEqualTo(Duration.ofSeconds(30));
    ProbeSelection huawei = inv.lines().get("l2").probes();
    assertThat(huawei.types()).containsExactly("sla");
    assertThat(huawei.keys())
        .containsExactly(Map.entry("admin", "noc"), Map.entry("test", "l2-jitter"));
    assertThat(huawei.frequency()).isEqualTo(ProbeSelection.DEFAULT_FREQUENCY);
  }

  @Test
  void aMissingOperationNameIsReportedAtTheProbeKey() {
    assertThat(InventoryTestSupport.problems(l2("    probe: sla\n    admin: noc\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[1].probe");
              assertThat(p.line()).isEqualTo(19);
              assertThat(p.message())
                  .isEqualTo(
                      "probe sla on huawei_vrp needs admin and test (its command: display nqa"
                          + " results test-instance {admin} {test}); test is missing");
            });
  }

  @Test
  void aNameTheRoutersCommandDoesNotUseIsReportedAtItsKey() {
    assertThat(
            InventoryTestSupport.problems(l1("    probe: sla\n    operation: 5\n    owner: x\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[0].owner");
              assertThat(p.line()).isEqualTo(18);
              assertThat(p.message())
                  .isEqualTo("owner is not used on cisco_iosxe, whose sla command needs operation");
            });
    assertThat(InventoryTestSupport.problems(l1("    operation: 5\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[0].operation");
              assertThat(p.message()).isEqualTo("operation is read by probe sla only");
            });
  }

  @Test
  void badValuesAreLocated() {
    assertThat(InventoryTestSupport.problems(l1("    probe: [ping, smokeping]\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[0].probe[1]");
              assertThat(p.message()).isEqualTo("unknown probe type 'smokeping'; known: ping, sla");
            });
    assertThat(InventoryTestSupport.problems(l1("    probe: [sla, sla]\n    operation: 1\n")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("'sla' is named twice"));
    assertThat(InventoryTestSupport.problems(l1("    probe: sla\n    operation: ten\n")))
        .extracting(Problem::message)
        .contains("'ten' is not an operation number (1..2147483647)");
    assertThat(
            InventoryTestSupport.problems(
                l2("    probe: sla\n    admin: noc; reload\n    test: t\n")))
        .extracting(Problem::message)
        .contains("'noc; reload' is not a name (1..64 letters, digits and _ . : -, no space)");
  }

  @Test
  void aPlatformWithoutAnSlaCommandIsRefused() {
    String linux =
        InventoryTestSupport.BASE
            .replace("platform: cisco_iosxe", "platform: linux")
            .replace("    target: 192.0.2.1\n", "    target: 192.0.2.1\n    probe: sla\n");
    assertThat(InventoryTestSupport.problems(linux))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[0].probe");
              assertThat(p.message())
                  .startsWith("probe sla: platform linux has no sla command (a probes: sla: block");
            });
  }

  @Test
  void pingRulesDoNotWarnAboutSlaOnlyLines() throws Exception {
    // repeat x timeout >= interval warns for a ping line; an sla-only line sends no ping
    Inventory inv =
        InventoryTestSupport.parse(
            l1("    probe: sla\n    operation: 7\n    repeat: 100\n    interval: 10s\n"));
    assertThat(inv.warnings()).isEmpty();
    assertThat(inv.lines().get("l1").probes().types()).isEqualTo(List.of("sla"));
  }
}
