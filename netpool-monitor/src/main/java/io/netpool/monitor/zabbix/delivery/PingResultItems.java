package io.netpool.monitor.zabbix.delivery;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps one line's {@link PingResult} to Zabbix trapper values.
 *
 * <ul>
 *   <li>status: always, as its code ({@link ZabbixCodes#status}: 0 ok .. 4 error);
 *   <li>failure: its code ({@link ZabbixCodes#failure}), 0 when the check measured, so that a
 *       router trigger on it recovers; left out for an error whose kind is unknown;
 *   <li>loss: whenever known, as plain decimal text with the device's decimals kept ({@code
 *       "20.00"});
 *   <li>RTT min/avg/max: only when present, in seconds (Zabbix's base unit, so that units "s" show
 *       "3ms"); a line with no reply sends no RTT at all (never 0, which would read as a perfect
 *       line);
 *   <li>RTT median, standard deviation, jitter: only when the platform printed them or the times
 *       they come from ({@link io.netpool.monitor.ping.RttStats}), in seconds; never invented for a
 *       platform that prints a summary only;
 *   <li>sent/received: unless the status is error (its zero counts are not measurements);
 *   <li>router: the router's part of the outcome ({@link ZabbixCodes#routerFailure}): 0 when the
 *       check used a session, the code of a router failure, nothing when the check says nothing
 *       about the router;
 *   <li>error: only with status error, the reason text (at most {@value #MAX_ERROR_LENGTH}
 *       characters);
 *   <li>nothing at all for a skipped check (router busy): it measured nothing.
 * </ul>
 *
 * <p>Unlike the original, a check that failed before any ping ran (router unreachable,
 * authentication failure) still sends status {@code error} with its reason instead of nothing.
 */
public final class PingResultItems {

  /** Longer error texts are cut; Zabbix text items take 64 KB, but a reason needs far less. */
  public static final int MAX_ERROR_LENGTH = 1024;

  private final ZabbixItemKeys keys;

  public PingResultItems(ZabbixItemKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public ZabbixItemKeys keys() {
    return keys;
  }

  /**
   * @param host the line's Zabbix host (technical name)
   * @param result the check's result
   * @param clock when the check ran
   */
  public List<ZabbixValue> toValues(String host, PingResult result, Instant clock) {
    return toValues(host, result, null, clock);
  }

  /**
   * @param host the line's Zabbix host (technical name)
   * @param result the check's result
   * @param failure why the check could not measure, or null (measured, or unknown)
   * @param clock when the check ran
   */
  public List<ZabbixValue> toValues(
      String host, PingResult result, FailureKind failure, Instant clock) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(result, "result");
    List<ZabbixValue> out = new ArrayList<>(13);
    PingStatus status = result.status() == null ? PingStatus.ERROR : result.status();
    if (status == PingStatus.SKIPPED) {
      return out; // nothing was measured; see ZabbixResultSink
    }
    boolean error = status == PingStatus.ERROR;
    addDecimal(out, host, keys.loss(), result.lossPercent(), clock);
    addDecimal(out, host, keys.rttMin(), seconds(result.rttMinMs()), clock);
    addDecimal(out, host, keys.rttAvg(), seconds(result.rttAvgMs()), clock);
    addDecimal(out, host, keys.rttMax(), seconds(result.rttMaxMs()), clock);
    addDecimal(out, host, keys.rttMedian(), seconds(result.rttMedianMs()), clock);
    addDecimal(out, host, keys.rttStddev(), seconds(result.rttStddevMs()), clock);
    addDecimal(out, host, keys.jitter(), seconds(result.jitterMs()), clock);
    if (!error) {
      add(out, host, keys.sent(), Integer.toString(result.sent()), clock);
      add(out, host, keys.received(), Integer.toString(result.received()), clock);
    }
    add(out, host, keys.status(), Integer.toString(ZabbixCodes.status(status)), clock);
    if (!error || failure != null) {
      add(out, host, keys.failure(), Integer.toString(ZabbixCodes.failure(failure)), clock);
    }
    Integer router = ZabbixCodes.routerFailure(status, failure);
    if (router != null) {
      add(out, host, keys.router(), Integer.toString(router), clock);
    }
    if (error) {
      add(out, host, keys.error(), errorText(result.error()), clock);
    }
    return out;
  }

  /**
   * The value for the router's own Zabbix host (template {@code netpool router}): the router item
   * of this check, or nothing when the check says nothing about the router.
   *
   * @param routerHost the router's Zabbix host (technical name)
   */
  public List<ZabbixValue> toRouterValues(
      String routerHost, PingResult result, FailureKind failure, Instant clock) {
    Objects.requireNonNull(routerHost, "routerHost");
    PingStatus status = result.status() == null ? PingStatus.ERROR : result.status();
    Integer router = ZabbixCodes.routerFailure(status, failure);
    if (router == null || keys.router() == null) {
      return List.of();
    }
    return List.of(new ZabbixValue(routerHost, keys.router(), Integer.toString(router), clock));
  }

  /** Milliseconds to seconds, exactly ({@code 0.512} becomes {@code 0.000512}). */
  private static BigDecimal seconds(BigDecimal ms) {
    return ms == null ? null : ms.movePointLeft(3);
  }

  static String errorText(String error) {
    if (error == null || error.isBlank()) {
      return "unknown error";
    }
    String s = error.strip();
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH - 3) + "...";
  }

  private static void addDecimal(
      List<ZabbixValue> out, String host, String key, BigDecimal value, Instant clock) {
    if (value != null) {
      // Plain text with the device's decimals ("20.00"); never "1E+2".
      add(out, host, key, (value.scale() < 0 ? value.setScale(0) : value).toPlainString(), clock);
    }
  }

  private static void add(
      List<ZabbixValue> out, String host, String key, String value, Instant clock) {
    if (key != null) {
      out.add(new ZabbixValue(host, key, value, clock));
    }
  }
}
