package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.schedule.LineScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Warm-up slots: before each router's first check, within half the spread, paced by the rate. */
class WarmupPlanTest {
  static final Duration SPREAD = Duration.ofSeconds(10);

  static Inventory fleet(int routers) {
    TestInventory t = TestInventory.create();
    for (int i = 0; i < routers; i++) {
      t.add(TestInventory.fakeDevice("r" + i, 0));
      t.add(TestInventory.line("l" + i + "a", "r" + i, "10.0.0.1", Duration.ofMinutes(1)));
      t.add(TestInventory.line("l" + i + "b", "r" + i, "10.0.0.2", Duration.ofSeconds(4)));
    }
    t.add(TestInventory.fakeDevice("no-lines", 0));
    return t.build();
  }

  @Test
  void eachRoutersSlotIsHalfItsEarliestFirstCheckWhenTheRateAllows() {
    Inventory inv = fleet(20);
    List<WarmupPlan.Slot> slots = WarmupPlan.slots(inv.devices().values(), inv, SPREAD, 1_000_000);
    assertThat(slots).hasSize(20); // the router without lines is not warmed up
    for (WarmupPlan.Slot s : slots) {
      Duration first =
          inv.linesOf(s.router().id()).stream()
              .map(l -> LineScheduler.firstCheckDelay(l, SPREAD))
              .min(Duration::compareTo)
              .orElseThrow();
      assertThat(s.delay()).isEqualTo(first.dividedBy(2));
      // the 4 s line's window is min(interval, spread) = 4 s
      assertThat(first).isLessThan(Duration.ofSeconds(4));
    }
    assertThat(slots).isSortedAccordingTo((a, b) -> a.delay().compareTo(b.delay()));
  }

  @Test
  void aFleetLargerThanTheRateAllowsIsPacedAtTheRate() {
    Inventory inv = fleet(100);
    double perSecond = 20; // 100 routers need 5 s, more than half of a 4 s window
    List<WarmupPlan.Slot> slots = WarmupPlan.slots(inv.devices().values(), inv, SPREAD, perSecond);
    assertThat(slots).hasSize(100);
    for (int k = 0; k < slots.size(); k++) {
      assertThat(slots.get(k).delay().toNanos()).isGreaterThanOrEqualTo((long) (k * 1e9 / 20));
    }
    // the plan asks no faster than the rate on average; the gate spaces the logins exactly
    assertThat(slots.get(99).delay()).isLessThan(Duration.ofMillis(4_951));
  }

  @Test
  void firstCheckDelayIsThePhaseOfTheSmallerWindow() {
    LineSpec l = TestInventory.line("x", "r", "10.0.0.1", Duration.ofSeconds(2));
    assertThat(LineScheduler.firstCheckDelay(l, SPREAD)).isLessThan(Duration.ofSeconds(2));
    assertThat(LineScheduler.firstCheckDelay(l, Duration.ZERO)).isEqualTo(Duration.ZERO);
  }
}
