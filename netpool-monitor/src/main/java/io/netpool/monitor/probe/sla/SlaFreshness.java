package io.netpool.monitor.probe.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an SLA operation still runs: its progress text ({@link SlaStats#progress}, the last run's
 * time and counters as the router prints them) must change within twice the operation's frequency.
 * Compared as text, as netpool sees it over time, so the router's clock and time zone do not
 * matter; the price is that the first reads after netpool starts cannot tell a stale operation from
 * a fresh one until twice the frequency has passed.
 */
final class SlaFreshness {
  private record Seen(String progress, Instant since) {}

  private final ConcurrentHashMap<String, Seen> byLine = new ConcurrentHashMap<>();

  /**
   * Records what line {@code lineId} read at {@code now} and says for how long the same progress
   * has been seen (zero when it just changed, or when the output has no progress text).
   */
  Duration unchangedFor(String lineId, String progress, Instant now) {
    if (progress == null || progress.isBlank()) {
      byLine.remove(lineId);
      return Duration.ZERO;
    }
    Seen seen =
        byLine.compute(
            lineId,
            (id, before) ->
                before != null && before.progress().equals(progress)
                    ? before
                    : new Seen(progress, now));
    Duration d = Duration.between(seen.since(), now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Stale: unchanged for longer than twice the operation's frequency. */
  static boolean stale(Duration unchangedFor, Duration frequency) {
    return unchangedFor.compareTo(frequency.multipliedBy(2)) > 0;
  }
}
