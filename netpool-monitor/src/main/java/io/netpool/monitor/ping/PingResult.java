package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A parsed ping: counts, loss and round-trip times as the device reported them.
 *
 * @param sent probes sent (0 when unknown, with status error)
 * @param received replies received (duplicates not counted)
 * @param lossPercent loss in percent with the device's decimals kept (e.g. {@code 20.00}), or
 *     computed from the counts; null only with status error or skipped
 * @param rttMinMs minimum round-trip time in ms, null when no reply
 * @param rttAvgMs average round-trip time in ms, null when no reply
 * @param rttMaxMs maximum round-trip time in ms, null when no reply
 * @param distribution per-reply times and their median, standard deviation and jitter ({@link
 *     RttStats}); null when no reply came or the platform printed only min/avg/max (IOS-family
 *     {@code !!!!!}); never invented
 * @param duplicates duplicate replies (iputils/BSD {@code +N duplicates}, {@code (DUP!)} lines); 0
 *     when the platform's summary would have said so, null when its output has no such notion
 * @param errors ICMP errors received instead of replies (iputils {@code +N errors}); 0 when an
 *     iputils summary has none, null for every other platform
 * @param status the outcome class
 * @param error what went wrong when status is error, else null (also when skipped: the reason is on
 *     the check result)
 */
public record PingResult(
    int sent,
    int received,
    BigDecimal lossPercent,
    BigDecimal rttMinMs,
    BigDecimal rttAvgMs,
    BigDecimal rttMaxMs,
    RttStats distribution,
    Integer duplicates,
    Integer errors,
    PingStatus status,
    String error) {

  /** A result without distribution, duplicates or errors (summary-only platforms, tests). */
  public PingResult(
      int sent,
      int received,
      BigDecimal lossPercent,
      BigDecimal rttMinMs,
      BigDecimal rttAvgMs,
      BigDecimal rttMaxMs,
      PingStatus status,
      String error) {
    this(
        sent, received, lossPercent, rttMinMs, rttAvgMs, rttMaxMs, null, null, null, status, error);
  }

  /** A failed check with its reason. */
  public static PingResult error(String reason) {
    return new PingResult(0, 0, null, null, null, null, PingStatus.ERROR, reason);
  }

  /** A check that was skipped: nothing was measured, nothing went wrong. */
  public static PingResult skipped() {
    return SKIPPED;
  }

  private static final PingResult SKIPPED =
      new PingResult(0, 0, null, null, null, null, PingStatus.SKIPPED, null);

  /** Every reply's time in ms in the order printed, or null (see {@link RttStats#rttsMs()}). */
  public List<BigDecimal> rttsMs() {
    return distribution == null ? null : distribution.rttsMs();
  }

  /** The median reply time in ms, or null (see {@link RttStats#medianMs()}). */
  public BigDecimal rttMedianMs() {
    return distribution == null ? null : distribution.medianMs();
  }

  /** The population standard deviation in ms, or null (see {@link RttStats#stddevMs()}). */
  public BigDecimal rttStddevMs() {
    return distribution == null ? null : distribution.stddevMs();
  }

  /** The mean absolute difference of consecutive replies in ms, or null ({@link RttStats}). */
  public BigDecimal jitterMs() {
    return distribution == null ? null : distribution.jitterMs();
  }

  /** This result with the per-reply details; the distribution is dropped when nothing replied. */
  PingResult withDetails(RttStats stats, Integer duplicateCount, Integer errorCount) {
    if (status == PingStatus.ERROR || status == PingStatus.SKIPPED) {
      return this;
    }
    return new PingResult(
        sent,
        received,
        lossPercent,
        rttMinMs,
        rttAvgMs,
        rttMaxMs,
        received == 0 ? null : stats,
        duplicateCount,
        errorCount,
        status,
        error);
  }

  /** Builds a result from counts; status follows from the counts and the unreachable flag. */
  static PingResult of(
      int sent, int received, BigDecimal printedLoss, BigDecimal[] rtt, boolean unreachableSeen) {
    if (sent <= 0) {
      return error("no probes were sent");
    }
    if (received < 0 || received > sent) {
      return error("inconsistent counts: " + received + " replies to " + sent + " probes");
    }
    BigDecimal loss = printedLoss != null ? printedLoss : computedLoss(sent, received);
    PingStatus status;
    if (received == sent) {
      status = PingStatus.OK;
    } else if (received > 0) {
      status = PingStatus.DEGRADED;
    } else {
      status = unreachableSeen ? PingStatus.UNREACHABLE : PingStatus.DOWN;
    }
    if (received == 0 || rtt == null) {
      return new PingResult(sent, received, loss, null, null, null, status, null);
    }
    return new PingResult(sent, received, loss, rtt[0], rtt[1], rtt[2], status, null);
  }

  static BigDecimal computedLoss(int sent, int received) {
    BigDecimal v =
        BigDecimal.valueOf((long) (sent - received) * 100)
            .divide(BigDecimal.valueOf(sent), 2, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}
