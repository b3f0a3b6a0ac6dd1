package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A parsed ping: counts, loss and round-trip times as the device reported them.
 *
 * @param sent probes sent (0 when unknown, with status error)
 * @param received replies received
 * @param lossPercent loss in percent with the device's decimals kept (e.g. {@code 20.00}), or
 *     computed from the counts; null only with status error or skipped
 * @param rttMinMs minimum round-trip time in ms, null when no reply
 * @param rttAvgMs average round-trip time in ms, null when no reply
 * @param rttMaxMs maximum round-trip time in ms, null when no reply
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
    PingStatus status,
    String error) {

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
