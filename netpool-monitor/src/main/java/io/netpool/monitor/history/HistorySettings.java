package io.netpool.monitor.history;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code history:} settings of {@code monitor.yml}: whether results are kept in {@code
 * state_dir/history.sqlite}, how long as raw rows and how long as 5-minute rollups.
 *
 * @param enabled false: no history file, {@code /api/lines/<id>/history} answers 404
 * @param rawRetention every result is kept this long
 * @param rollupRetention the 5-minute rollups are kept this long (at least {@code rawRetention})
 * @param queueSize results waiting for the writer; beyond it new ones are dropped and counted
 */
public record HistorySettings(
    boolean enabled, Duration rawRetention, Duration rollupRetention, int queueSize) {
  public static final Duration DEFAULT_RAW_RETENTION = Duration.ofHours(48);
  public static final Duration DEFAULT_ROLLUP_RETENTION = Duration.ofDays(90);
  public static final int DEFAULT_QUEUE_SIZE = 20_000;

  public HistorySettings {
    Objects.requireNonNull(rawRetention, "rawRetention");
    Objects.requireNonNull(rollupRetention, "rollupRetention");
    if (rawRetention.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException("raw_retention must be at least 5m, was " + rawRetention);
    }
    if (rollupRetention.compareTo(rawRetention) < 0) {
      throw new IllegalArgumentException(
          "rollup_retention must be at least raw_retention (rollups are made from raw rows)");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue_size must be at least 1, was " + queueSize);
    }
  }

  /** History on, 48 h raw, 90 days of rollups. */
  public static HistorySettings defaults() {
    return new HistorySettings(
        true, DEFAULT_RAW_RETENTION, DEFAULT_ROLLUP_RETENTION, DEFAULT_QUEUE_SIZE);
  }

  /** No history. */
  public static HistorySettings off() {
    return new HistorySettings(
        false, DEFAULT_RAW_RETENTION, DEFAULT_ROLLUP_RETENTION, DEFAULT_QUEUE_SIZE);
  }
}
