package io.netpool.bench.e2e;

import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.math.BigDecimal;

/**
 * Checks a parsed ping against what the simulator was told for the line: probes sent, replies,
 * loss, status, and round-trip times inside the simulated range (one millisecond of slack for
 * platforms that print whole milliseconds). A mismatch fails the benchmark.
 */
final class ResultVerifier {
  private static final double RTT_SLACK_MS = 1.0;

  private final double rttMinMs;
  private final double rttMaxMs;

  ResultVerifier(FleetPlan plan) {
    this.rttMinMs = plan.rttMinMs();
    this.rttMaxMs = plan.rttMaxMs();
  }

  /** Null when {@code r} is what {@code line} must give, else what differs. */
  String mismatch(FleetPlan.LinePlan line, PingResult r) {
    if (line == null) {
      return "result for a line that is not in the plan";
    }
    int received = line.expectedReceived();
    int sent = FleetPlan.REPEAT;
    PingStatus status =
        received == sent ? PingStatus.OK : received == 0 ? PingStatus.DOWN : PingStatus.DEGRADED;
    double loss = 100.0 * (sent - received) / sent;
    StringBuilder why = new StringBuilder();
    if (r.status() != status) {
      why.append(" status ").append(r.status()).append(" (expected ").append(status).append(')');
    }
    if (r.sent() != sent || r.received() != received) {
      why.append(" received ").append(r.received()).append('/').append(r.sent());
      why.append(" (expected ").append(received).append('/').append(sent).append(')');
    }
    if (r.lossPercent() == null || Math.abs(r.lossPercent().doubleValue() - loss) > 0.01) {
      why.append(" loss ").append(r.lossPercent()).append(" (expected ").append(loss).append(')');
    }
    if (received > 0) {
      checkRtt(why, "min", r.rttMinMs());
      checkRtt(why, "avg", r.rttAvgMs());
      checkRtt(why, "max", r.rttMaxMs());
    } else if (r.rttMinMs() != null || r.rttAvgMs() != null || r.rttMaxMs() != null) {
      why.append(" round-trip times without any reply");
    }
    return why.isEmpty() ? null : line.id() + " (" + line.pattern() + "):" + why;
  }

  private void checkRtt(StringBuilder why, String name, BigDecimal v) {
    if (v == null
        || v.doubleValue() < rttMinMs - RTT_SLACK_MS
        || v.doubleValue() > rttMaxMs + RTT_SLACK_MS) {
      why.append(" rtt ").append(name).append(' ').append(v);
      why.append(" outside ").append(rttMinMs).append("..").append(rttMaxMs).append(" ms");
    }
  }
}
