package io.netpool.monitor.zabbix.delivery;

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
 *   <li>status: always;
 *   <li>loss: whenever known, as plain decimal text with the device's decimals kept ({@code
 *       "20.00"});
 *   <li>RTT min/avg/max: only when present; a line with no reply sends no RTT at all (never 0,
 *       which would read as a perfect line);
 *   <li>sent/received: unless the status is error (its zero counts are not measurements);
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
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(result, "result");
    List<ZabbixValue> out = new ArrayList<>(8);
    PingStatus status = result.status() == null ? PingStatus.ERROR : result.status();
    if (status == PingStatus.SKIPPED) {
      return out; // nothing was measured; see ZabbixResultSink
    }
    boolean error = status == PingStatus.ERROR;
    addDecimal(out, host, keys.loss(), result.lossPercent(), clock);
    addDecimal(out, host, keys.rttMin(), result.rttMinMs(), clock);
    addDecimal(out, host, keys.rttAvg(), result.rttAvgMs(), clock);
    addDecimal(out, host, keys.rttMax(), result.rttMaxMs(), clock);
    if (!error) {
      add(out, host, keys.sent(), Integer.toString(result.sent()), clock);
      add(out, host, keys.received(), Integer.toString(result.received()), clock);
    }
    add(out, host, keys.status(), status.wireName(), clock);
    if (error) {
      add(out, host, keys.error(), errorText(result.error()), clock);
    }
    return out;
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
