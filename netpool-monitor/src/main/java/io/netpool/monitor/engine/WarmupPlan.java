package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.schedule.LineScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each router's warm-up login is due (pure arithmetic, no clock).
 *
 * <p>Router {@code r}'s base slot is half of the earliest first-check delay of its lines ({@link
 * LineScheduler#firstCheckDelay}: the line's phase fraction of {@code min(interval,
 * initial_spread)}); so the logins are spread over the first half of {@code initial_spread}, each
 * ahead of its router's first check. Ordered by base slot, the {@code k}-th login is moved to
 * {@code k / logins_per_second} if that is later: the warm-up never asks the login gate for more
 * than its rate, so no warm-up times out in the gate's queue. A fleet larger than {@code
 * logins_per_second × initial_spread / 2} therefore takes {@code n / logins_per_second}; a router
 * whose first check comes before its warm-up skips the warm-up (its check logs in).
 */
final class WarmupPlan {
  private WarmupPlan() {}

  /** One router's warm-up, {@code delay} after the plan's start. */
  record Slot(DeviceSpec router, Duration delay) {}

  /**
   * The slots of {@code routers} (those without lines in {@code inventory} are left out), in the
   * order they are due.
   */
  static List<Slot> slots(
      Collection<DeviceSpec> routers,
      Inventory inventory,
      Duration initialSpread,
      double loginsPerSecond) {
    Map<String, Long> firstCheck = new HashMap<>();
    for (LineSpec line : inventory.lines().values()) {
      long d = LineScheduler.firstCheckDelay(line, initialSpread).toNanos();
      firstCheck.merge(line.router(), d, Math::min);
    }
    List<Slot> base = new ArrayList<>();
    for (DeviceSpec r : routers) {
      Long d = firstCheck.get(r.id());
      if (d != null) {
        base.add(new Slot(r, Duration.ofNanos(d / 2)));
      }
    }
    base.sort(Comparator.comparing(Slot::delay).thenComparing(s -> s.router().id()));
    double gap = 1e9 / loginsPerSecond;
    List<Slot> out = new ArrayList<>(base.size());
    for (int k = 0; k < base.size(); k++) {
      Slot s = base.get(k);
      long paced = (long) (k * gap);
      out.add(paced > s.delay().toNanos() ? new Slot(s.router(), Duration.ofNanos(paced)) : s);
    }
    return out;
  }
}
