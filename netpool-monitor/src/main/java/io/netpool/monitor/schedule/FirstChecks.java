package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.LineSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a line's first check goes when the scheduler adds it ({@link NewLines}), and the slots
 * already delivered: a line that comes back within a slot this scheduler checked (ownership went
 * and came back) waits for the next slot, so no node checks a line twice in one slot. Times are
 * epoch nanoseconds, as in {@link LineScheduler}.
 */
final class FirstChecks {
  private final Duration initialSpread;

  /** The last slot delivered per line, kept after a line is removed: it may come back. */
  private final Map<String, LastSlot> lastSlots = new ConcurrentHashMap<>();

  /** A slot number means something only with the interval it was counted in. */
  private record LastSlot(long slot, Duration interval) {}

  FirstChecks(Duration initialSpread) {
    this.initialSpread = initialSpread;
  }

  /** The first due time of {@code line}, added at {@code now} as {@code placement} says. */
  long firstDue(LineSpec line, long now, NewLines placement) {
    long soon = now + LineScheduler.firstCheckDelay(line, initialSpread).toNanos();
    long due = soon;
    if (placement.onGrid()) {
      long grid = LineScheduler.gridAtOrAfter(line.id(), line.interval(), now);
      long slotStart = grid - line.interval().toNanos();
      Instant since = placement.catchUpSince();
      boolean missed = since != null && slotStart >= epochNanos(since);
      due = missed ? soon : grid;
    }
    return notBeforeNextSlot(line, due);
  }

  /** {@code result} with its slot, remembered as delivered. */
  CheckResult delivered(CheckResult result, Duration interval) {
    if (result.due() == null) {
      return result;
    }
    long slot = Phase.slot(result.lineId(), interval, result.due());
    lastSlots.merge(
        result.lineId(),
        new LastSlot(slot, interval),
        (a, b) -> a.interval().equals(b.interval()) && a.slot() > b.slot() ? a : b);
    return result.withSlot(slot);
  }

  /** {@code due}, or the start of the slot after the last one delivered if that is later. */
  private long notBeforeNextSlot(LineSpec line, long due) {
    LastSlot last = lastSlots.get(line.id());
    if (last == null
        || !last.interval().equals(line.interval())
        || Phase.slot(line.id(), line.interval(), toInstant(due)) > last.slot()) {
      return due;
    }
    return Phase.offsetNanos(line.id(), line.interval())
        + (last.slot() + 1) * line.interval().toNanos();
  }

  private static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
