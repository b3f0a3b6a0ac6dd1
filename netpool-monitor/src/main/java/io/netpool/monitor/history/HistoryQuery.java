package io.netpool.monitor.history;

import io.netpool.monitor.inventory.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Answers "the history of line X from A to B" from raw rows or rollups: raw rows when the range
 * lies within the raw retention and spans at most {@link #RAW_MAX_SPAN} (a few hundred points for a
 * graph, every result for a table), 5-minute rollups otherwise. The caller may insist on either.
 */
public final class HistoryQuery {
  /** The longest range served as raw rows (a 1 s line: 21,600 results). */
  public static final Duration RAW_MAX_SPAN = Duration.ofHours(6);

  /** The most rollups in one answer: 90 days of 5-minute buckets. */
  public static final long MAX_ROLLUPS = Duration.ofDays(90).dividedBy(RollupRow.BUCKET);

  private static final int RAW_LIMIT = 50_000;

  /** Which rows the caller wants. */
  public enum Resolution {
    AUTO("auto"),
    RAW("raw"),
    ROLLUP("5m");

    private final String wire;

    Resolution(String wire) {
      this.wire = wire;
    }

    public String wireName() {
      return wire;
    }

    /** The resolution named {@code text}; IllegalArgumentException listing the names otherwise. */
    public static Resolution parse(String text) {
      for (Resolution r : values()) {
        if (r.wire.equals(text.toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
      throw new IllegalArgumentException("resolution must be auto, raw or 5m, was '" + text + "'");
    }
  }

  /**
   * What was served.
   *
   * @param resolution {@link Resolution#RAW} or {@link Resolution#ROLLUP}
   * @param reason why this resolution, in words
   * @param raw the results when raw, else empty
   * @param rollups the buckets when rolled up, else empty
   */
  public record Answer(
      Resolution resolution,
      String reason,
      List<HistoryReads.RawRow> raw,
      List<RollupRow> rollups) {}

  private final HistoryReads reads;
  private final HistorySettings settings;

  public HistoryQuery(HistoryReads reads, HistorySettings settings) {
    this.reads = Objects.requireNonNull(reads, "reads");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public HistorySettings settings() {
    return settings;
  }

  /**
   * The line's history in {@code [from, to)}.
   *
   * @throws IllegalArgumentException a range the chosen resolution cannot serve (the message says
   *     why, for a 400 answer)
   * @throws HistoryException the file cannot be read
   */
  public Answer answer(String lineId, Instant from, Instant to, Resolution asked, Instant now) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    Duration span = Duration.between(from, to);
    boolean inRaw = !from.isBefore(now.minus(settings.rawRetention()));
    boolean shortSpan = span.compareTo(RAW_MAX_SPAN) <= 0;
    String retention = Durations.format(settings.rawRetention());
    String maxSpan = Durations.format(RAW_MAX_SPAN);
    if (asked == Resolution.RAW) {
      if (!shortSpan) {
        throw new IllegalArgumentException(
            "raw results are served for at most " + maxSpan + " at once; ask for resolution=5m");
      }
      return raw(lineId, from, to, "raw asked for (kept " + retention + ")");
    }
    if (asked == Resolution.AUTO && inRaw && shortSpan) {
      return raw(
          lineId,
          from,
          to,
          "the range lies within the raw retention ("
              + retention
              + ") and spans at most "
              + maxSpan);
    }
    if (span.dividedBy(RollupRow.BUCKET) > MAX_ROLLUPS) {
      throw new IllegalArgumentException(
          "the range spans more than 90 days; ask for a shorter one");
    }
    String reason =
        asked == Resolution.ROLLUP
            ? "5m rollups asked for"
            : !inRaw
                ? "the range starts before the raw retention (" + retention + ")"
                : "the range spans more than " + maxSpan;
    Instant firstBucket = Instant.ofEpochMilli(RollupRow.bucketOf(from.toEpochMilli()));
    return new Answer(Resolution.ROLLUP, reason, List.of(), reads.rollups(lineId, firstBucket, to));
  }

  private Answer raw(String lineId, Instant from, Instant to, String reason) {
    return new Answer(Resolution.RAW, reason, reads.raw(lineId, from, to, RAW_LIMIT), List.of());
  }
}
