package io.netpool.monitor.history;

import io.netpool.monitor.ping.PingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One line's 5-minute bucket: how many checks, their loss (mean and worst), the extreme RTTs and
 * the distribution of the checks' average RTTs (percentiles p10..p90 by nearest rank, p50 is the
 * median), and how many checks had each status.
 *
 * @param start the bucket's start (a multiple of {@link #BUCKET} since the epoch)
 * @param checks results in the bucket, skipped ones included
 * @param lossAvgPercent mean loss of the checks that measured one, null when none did
 * @param lossMaxPercent worst loss, null when none measured one
 * @param rttMinMs smallest single reply, null when no reply came
 * @param rttMaxMs largest single reply, null when no reply came
 * @param rttPercentilesMs p10, p20, ..., p90 of the checks' average RTTs; empty when no reply came
 * @param statusCounts per {@link #STATUSES} entry, the number of checks with that status
 */
public record RollupRow(
    Instant start,
    int checks,
    Double lossAvgPercent,
    Double lossMaxPercent,
    Double rttMinMs,
    Double rttMaxMs,
    List<Double> rttPercentilesMs,
    List<Integer> statusCounts) {

  /** The bucket width. */
  public static final Duration BUCKET = Duration.ofMinutes(5);

  static final long BUCKET_MS = BUCKET.toMillis();

  /** The percentiles kept, in order. */
  public static final List<Integer> PERCENTILES = List.of(10, 20, 30, 40, 50, 60, 70, 80, 90);

  /** The statuses counted, in column order (every {@link PingStatus}; a test keeps it so). */
  public static final List<PingStatus> STATUSES = List.of(PingStatus.values());

  /** Their columns in the {@code rollup} table. */
  static final List<String> STATUS_COLUMNS =
      STATUSES.stream().map(s -> "n_" + s.wireName()).toList();

  public RollupRow {
    Objects.requireNonNull(start, "start");
    rttPercentilesMs = List.copyOf(rttPercentilesMs);
    statusCounts = List.copyOf(statusCounts);
  }

  /** The median of the checks' average RTTs (p50), or null when no reply came. */
  public Double rttMedianMs() {
    return rttPercentilesMs.isEmpty() ? null : rttPercentilesMs.get(PERCENTILES.indexOf(50));
  }

  /** The start of the bucket holding {@code epochMs}. */
  static long bucketOf(long epochMs) {
    return Math.floorDiv(epochMs, BUCKET_MS) * BUCKET_MS;
  }

  /** Collects one line's checks of one bucket. */
  static final class Accumulator {
    private final long start;
    private int checks;
    private double lossSum;
    private int lossCount;
    private double lossMax = Double.NaN;
    private double rttMin = Double.NaN;
    private double rttMax = Double.NaN;
    private double[] rtts = new double[8];
    private int rttCount;
    private final int[] statusCounts = new int[STATUSES.size()];

    Accumulator(long start) {
      this.start = start;
    }

    /** Adds one check; null values are what the check did not measure. */
    void add(PingStatus status, Double loss, Double min, Double avg, Double max) {
      checks++;
      statusCounts[status.ordinal()]++;
      if (loss != null) {
        lossSum += loss;
        lossCount++;
        lossMax = Double.isNaN(lossMax) ? loss : Math.max(lossMax, loss);
      }
      if (min != null) {
        rttMin = Double.isNaN(rttMin) ? min : Math.min(rttMin, min);
      }
      if (max != null) {
        rttMax = Double.isNaN(rttMax) ? max : Math.max(rttMax, max);
      }
      if (avg != null) {
        if (rttCount == rtts.length) {
          rtts = Arrays.copyOf(rtts, rttCount * 2);
        }
        rtts[rttCount++] = avg;
      }
    }

    RollupRow build() {
      double[] sorted = Arrays.copyOf(rtts, rttCount);
      Arrays.sort(sorted);
      List<Double> pct =
          rttCount == 0
              ? List.of()
              : PERCENTILES.stream().map(p -> nearestRank(sorted, p)).toList();
      return new RollupRow(
          Instant.ofEpochMilli(start),
          checks,
          lossCount == 0 ? null : lossSum / lossCount,
          nullIfNaN(lossMax),
          nullIfNaN(rttMin),
          nullIfNaN(rttMax),
          pct,
          Arrays.stream(statusCounts).boxed().toList());
    }

    private static double nearestRank(double[] sorted, int p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    private static Double nullIfNaN(double v) {
      return Double.isNaN(v) ? null : v;
    }
  }
}
