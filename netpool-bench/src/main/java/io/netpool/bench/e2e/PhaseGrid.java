package io.netpool.bench.e2e;

import io.netpool.monitor.schedule.Phase;
import io.netpool.monitor.schedule.SchedulerConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The monitor's schedule, reproduced for the other variants: a line's due times are the epoch
 * instants {@code t ≡ Phase.fraction(lineId) × interval (mod interval)} (as in {@code
 * LineScheduler}), so every variant probes the same lines at the same instants.
 */
final class PhaseGrid {
  private PhaseGrid() {}

  /**
   * How long after the monitor's start every line is on its grid: the first check comes within
   * {@code min(interval, initialSpread)}, the next on the first grid point at least half an
   * interval later, so a grid point before that may be skipped by design. A measured window must
   * start later, or it counts due times the monitor never meant to run.
   */
  static Duration monitorOnGridAfter(Duration interval) {
    Duration spread = SchedulerConfig.DEFAULT_INITIAL_SPREAD;
    return (interval.compareTo(spread) < 0 ? interval : spread).plus(interval.dividedBy(2));
  }

  /** {@code wanted}, or more if the window would start before every line is on its grid. */
  static Duration warmupAtLeast(Duration wanted, Duration interval) {
    Duration min = monitorOnGridAfter(interval).plusSeconds(1);
    return wanted.compareTo(min) >= 0 ? wanted : min;
  }

  /** The line's first due time at or after {@code epochNanos}. */
  static long atOrAfter(String lineId, Duration interval, long epochNanos) {
    long i = interval.toNanos();
    long phase = Phase.offsetNanos(lineId, interval);
    long k = Math.floorDiv(epochNanos - phase + i - 1, i);
    return phase + k * i;
  }

  /** How many due times of the line fall in {@code [start, end)}. */
  static long countIn(String lineId, Duration interval, Instant start, Instant end) {
    long first = atOrAfter(lineId, interval, epochNanos(start));
    long e = epochNanos(end);
    return first >= e ? 0 : (e - 1 - first) / interval.toNanos() + 1;
  }

  static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
