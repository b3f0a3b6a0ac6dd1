package io.netpool.monitor.sink;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.ping.PingResult;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs one line per check at DEBUG on the logger {@value #LOGGER}, with the fields as key=value
 * pairs and {@code device} and {@code line} in the MDC. Costs nothing when that logger is not at
 * DEBUG. Never logs credentials: a check result carries none. Example (with the monitor's
 * logback.xml):
 *
 * <pre>
 * 2025-06-01 12:00:00.123 DEBUG [check-r1] io.netpool.monitor.checks - check device=r1 line=l1 status=ok
 *   target=192.0.2.1 sent=5 received=5 lossPercent=0 rttMinMs=1 rttAvgMs=1.2 rttMaxMs=2 rttMedianMs=1.1
 *   rttStddevMs=0.4 jitterMs=0.5 failure=- latencyMs=1803
 * </pre>
 */
public final class CheckLogSink implements ResultSink {

  /** The logger name: set it to DEBUG to see every check. */
  public static final String LOGGER = "io.netpool.monitor.checks";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public void accept(CheckResult r) {
    if (!log.isDebugEnabled()) {
      return;
    }
    PingResult p = r.ping();
    String oldDevice = MDC.get("device");
    String oldLine = MDC.get("line");
    try {
      MDC.put("device", r.routerId());
      MDC.put("line", r.lineId());
      var event =
          log.atDebug()
              .addKeyValue("status", p.status().wireName())
              .addKeyValue("target", r.target())
              .addKeyValue("sent", p.sent())
              .addKeyValue("received", p.received())
              .addKeyValue("lossPercent", text(p.lossPercent()))
              .addKeyValue("rttMinMs", text(p.rttMinMs()))
              .addKeyValue("rttAvgMs", text(p.rttAvgMs()))
              .addKeyValue("rttMaxMs", text(p.rttMaxMs()))
              .addKeyValue("rttMedianMs", text(p.rttMedianMs()))
              .addKeyValue("rttStddevMs", text(p.rttStddevMs()))
              .addKeyValue("jitterMs", text(p.jitterMs()))
              .addKeyValue("failure", orDash(FailureKind.wireName(r.failure())))
              .addKeyValue("latencyMs", r.latency().toMillis());
      if (p.error() != null) {
        event = event.addKeyValue("error", p.error());
      }
      if (r.isSkipped()) {
        event = event.addKeyValue("skipReason", SkipReason.wireName(r.skipReason()));
      }
      event.log("check");
    } finally {
      restore("device", oldDevice);
      restore("line", oldLine);
    }
  }

  private static String text(BigDecimal v) {
    return v == null ? "-" : v.toPlainString();
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static void restore(String key, String old) {
    if (old == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, old);
    }
  }
}
