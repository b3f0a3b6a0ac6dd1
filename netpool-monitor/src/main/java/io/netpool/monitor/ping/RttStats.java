package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of one check's round-trip times, in milliseconds.
 *
 * <ul>
 *   <li>{@code rttsMs}: every reply's time in the order the device printed them, with the device's
 *       decimals; duplicates ({@code (DUP!)}) are not in it. Null when the platform printed only a
 *       summary.
 *   <li>{@code medianMs}: the middle of the sorted times; with an even count the mean of the two
 *       middle ones. Exact, no rounding.
 *   <li>{@code stddevMs}: the <em>population</em> standard deviation {@code sqrt(Σ(x - mean)² /
 *       n)}, the same definition as iputils' {@code mdev}, BSD's {@code stddev} and Junos' {@code
 *       rtt-stddev}, so that it equals what the device itself prints; 0 with one reply. Rounded
 *       half-up to 3 decimals (1 µs).
 *   <li>{@code jitterMs}: the mean absolute difference of consecutive replies' times, {@code Σ|x(i)
 *       - x(i-1)| / (n - 1)}: RFC 3550's interarrival difference {@code D(i-1,i)}, averaged plainly
 *       over the check instead of RFC 3550's running 1/16 filter, so one check gives one exact
 *       number. Lost probes are skipped (the difference is between consecutive received replies).
 *       Null with fewer than 2 replies. Rounded half-up to 3 decimals.
 * </ul>
 *
 * When the device printed no per-reply times but printed a standard deviation in its summary (Junos
 * rapid {@code min/avg/max/stddev}, Junos XML {@code rtt-stddev}), only {@code stddevMs} is set,
 * with the device's value.
 *
 * @param rttsMs the reply times in order, or null when the platform printed only a summary
 * @param medianMs the median, or null without per-reply times
 * @param stddevMs the population standard deviation, or null when neither the replies nor the
 *     summary give it
 * @param jitterMs the mean absolute difference of consecutive replies, or null with fewer than two
 *     per-reply times
 */
public record RttStats(
    List<BigDecimal> rttsMs, BigDecimal medianMs, BigDecimal stddevMs, BigDecimal jitterMs) {

  /** Decimals of the computed standard deviation and jitter: 1 µs, like the devices print. */
  static final int SCALE = 3;

  /** {@code 4·10^(2·SCALE)}: see {@link #stddev}. */
  private static final BigInteger FOUR_MILLION = BigInteger.valueOf(4_000_000);

  public RttStats {
    rttsMs = rttsMs == null ? null : List.copyOf(rttsMs);
  }

  /**
   * The distribution of these reply times.
   *
   * @throws IllegalArgumentException when {@code rtts} is empty
   */
  public static RttStats of(List<BigDecimal> rtts) {
    if (rtts.isEmpty()) {
      throw new IllegalArgumentException("no reply times");
    }
    return new RttStats(rtts, median(rtts), stddev(rtts), jitter(rtts));
  }

  /** Only the standard deviation a device printed in its summary, or null when it printed none. */
  static RttStats summaryOnly(BigDecimal printedStddevMs) {
    return printedStddevMs == null ? null : new RttStats(null, null, printedStddevMs, null);
  }

  static BigDecimal median(List<BigDecimal> rtts) {
    List<BigDecimal> sorted = new ArrayList<>(rtts);
    sorted.sort(null);
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    // the mean of two decimals of scale s is exact at scale s + 1
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
  }

  /**
   * Exact, in integers: with the times as integers {@code u} at a common scale {@code s}, {@code
   * n²·10^(2s)·σ² = n·Σu² − (Σu)²}, and {@code k = round-half-up(1000·σ)} is the {@code k} with
   * {@code (2k−1)² ≤ 4·10⁶·σ² < (2k+1)²}, that is {@code (isqrt(floor(4·10⁶·σ²)) + 1) / 2}. No
   * intermediate rounding (a decimal square root would round twice), and an order of magnitude
   * cheaper than BigDecimal arithmetic at 34 digits, which this parser ran once per probe.
   */
  static BigDecimal stddev(List<BigDecimal> rtts) {
    int scale = 0;
    for (BigDecimal x : rtts) {
      scale = Math.max(scale, x.scale());
    }
    BigInteger sum = BigInteger.ZERO;
    BigInteger squares = BigInteger.ZERO;
    for (BigDecimal x : rtts) {
      BigInteger u = x.setScale(scale).unscaledValue();
      sum = sum.add(u);
      squares = squares.add(u.multiply(u));
    }
    BigInteger n = BigInteger.valueOf(rtts.size());
    BigInteger spread = n.multiply(squares).subtract(sum.multiply(sum)); // n²·10^(2s)·σ²
    BigInteger fourMillionVariance =
        spread.multiply(FOUR_MILLION).divide(n.multiply(n).multiply(BigInteger.TEN.pow(2 * scale)));
    return new BigDecimal(fourMillionVariance.sqrt().add(BigInteger.ONE).shiftRight(1), SCALE);
  }

  static BigDecimal jitter(List<BigDecimal> rtts) {
    if (rtts.size() < 2) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 1; i < rtts.size(); i++) {
      sum = sum.add(rtts.get(i).subtract(rtts.get(i - 1)).abs());
    }
    return sum.divide(BigDecimal.valueOf(rtts.size() - 1L), SCALE, RoundingMode.HALF_UP);
  }
}
