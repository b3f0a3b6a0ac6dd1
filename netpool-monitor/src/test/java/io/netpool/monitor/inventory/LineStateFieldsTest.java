package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The line keys of the state policy (docs/monitor.md, "Line states"). */
class LineStateFieldsTest {

  @Test
  void defaultsApplyAndLinesOrDefaultsOverrideThem() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            InventoryTestSupport.BASE
                .replace("lines:\n", "lines:\n")
                .replace(
                    "    target: 192.0.2.2\n",
                    "    target: 192.0.2.2\n    down_after: 3\n    flap_changes: 0\n")
                .replace(
                    "devices:\n",
                    "defaults:\n  line: {up_after: 4, flap_window: 30m}\ndevices:\n"));
    assertThat(inv.lines().get("l1").state())
        .isEqualTo(new StatePolicy(2, 4, 5, Duration.ofMinutes(30)));
    assertThat(inv.lines().get("l2").state())
        .isEqualTo(new StatePolicy(3, 4, 0, Duration.ofMinutes(30)));
  }

  @Test
  void aFlapCountOfOneIsAProblemAtItsPlace() {
    assertThat(
            InventoryTestSupport.problems(
                InventoryTestSupport.BASE.replace(
                    "    target: 192.0.2.1\n", "    target: 192.0.2.1\n    flap_changes: 1\n")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("lines[0].flap_changes");
              assertThat(p.line()).isEqualTo(16);
              assertThat(p.message()).contains("must be 0 (off) or 2..1000, was 1");
            });
    assertThat(
            InventoryTestSupport.problems(
                InventoryTestSupport.BASE.replace(
                    "    target: 192.0.2.1\n", "    target: 192.0.2.1\n    down_after: 0\n")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("must be 1..100, was 0"));
  }
}
