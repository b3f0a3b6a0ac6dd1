package io.netpool.sim.platform.sla;

import io.netpool.sim.platform.SlaOperation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Juniper Junos {@code show services rpm probe-results owner <owner> test <test>}.
 *
 * <p>Follows the example output of {@code show services rpm probe-results} in Juniper's CLI
 * reference (Owner/Test line, Target address, Probe type, Test size, {@code Probe results:} with
 * {@code Response received, <date>, No hardware timestamps} and {@code Rtt: N usec}, then {@code
 * Results over current test:}, {@code Results over last test:} with {@code Test completed on} and
 * {@code Results over all tests:}, each with {@code Probes sent: N, Probes received: N, Loss
 * percentage: N} and {@code Measurement:} blocks in microseconds, {@code Samples, Minimum, Maximum,
 * Average, Peak to peak, Stddev, Sum}). Jitter tests use probe type {@code udp-ping-timestamp} with
 * the Egress/Ingress trip time (only with synchronised clocks) and the Round trip, Egress and
 * Ingress jitter measurements. Written from that reference, not a byte-copied fixture. Hand-made:
 * an unknown owner/test prints nothing; a test that never ran prints its header and zero counts.
 */
public final class JunosRpmOutput {
  private JunosRpmOutput() {}

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The output for {@code owner/test}; op null when there is no such test. */
  public static String render(String owner, String test, SlaOperation op, SlaRun run, String src) {
    if (op == null) {
      return "";
    }
    boolean jitter = op.kind() == SlaOperation.Kind.UDP_JITTER;
    StringBuilder sb = new StringBuilder();
    sb.append("    Owner: ").append(owner).append(", Test: ").append(test).append('\n');
    sb.append("    Target address: ")
        .append(op.target())
        .append(", Source address: ")
        .append(src)
        .append(", Probe type: ")
        .append(jitter ? "udp-ping-timestamp" : "icmp-ping")
        .append('\n');
    sb.append("    Test size: ").append(op.packets()).append(" probes\n");
    if (op.notRunning()) {
      sb.append("    Results over current test:\n");
      sb.append("      Probes sent: 0, Probes received: 0, Loss percentage: 0\n");
      return sb.toString();
    }
    Double last = run.rtts().get(run.rtts().size() - 1);
    Instant lastProbe = run.end();
    sb.append("    Probe results:\n");
    if (last == null) {
      sb.append("      Request timed out, ").append(DATE.format(lastProbe)).append('\n');
    } else {
      sb.append("      Response received, ")
          .append(DATE.format(lastProbe))
          .append(", No hardware timestamps\n");
      sb.append("      Rtt: ").append(Math.round(last * 1000)).append(" usec\n");
    }
    sb.append("    Results over current test:\n");
    counts(sb, run.sent(), run.received());
    measurements(sb, op, run, jitter, 1);
    sb.append("    Results over last test:\n");
    counts(sb, run.sent(), run.received());
    sb.append("      Test completed on ").append(DATE.format(run.end())).append('\n');
    measurements(sb, op, run, jitter, 1);
    sb.append("    Results over all tests:\n");
    long sent = run.runsSoFar() * run.sent();
    long lost = Math.max(run.sent() - run.received(), Math.round(sent * op.lossProbability()));
    long received = sent - Math.min(sent, lost);
    counts(sb, sent, received);
    // every test is drawn like this one: the totals scale its sample count and sum
    double scale = run.received() == 0 ? 0 : (double) received / run.received();
    measurements(sb, op, run, jitter, scale);
    return sb.toString();
  }

  private static void counts(StringBuilder sb, long sent, long received) {
    double loss = sent == 0 ? 0 : (sent - received) * 100.0 / sent;
    String pct =
        loss == Math.rint(loss)
            ? Long.toString((long) loss)
            : String.format(Locale.ROOT, "%.2f", loss);
    sb.append("      Probes sent: ")
        .append(sent)
        .append(", Probes received: ")
        .append(received)
        .append(", Loss percentage: ")
        .append(pct)
        .append('\n');
  }

  private static void measurements(
      StringBuilder sb, SlaOperation op, SlaRun run, boolean jitter, double scale) {
    if (run.received() == 0) {
      return;
    }
    measurement(sb, "Round trip time", run.receivedRtts(), scale);
    if (!jitter) {
      return;
    }
    if (op.oneWayValid()) {
      measurement(sb, "Egress trip time", run.sd(), scale);
      measurement(sb, "Ingress trip time", run.ds(), scale);
    }
    measurement(sb, "Round trip jitter", SlaRun.jitters(run.receivedRtts()), scale);
    measurement(sb, "Egress trip jitter", SlaRun.jitters(run.sd()), scale);
    measurement(sb, "Ingress trip jitter", SlaRun.jitters(run.ds()), scale);
  }

  /** One measurement; {@code scale} multiplies its sample count and sum (totals of all tests). */
  private static void measurement(StringBuilder sb, String name, List<Double> ms, double scale) {
    if (ms.isEmpty()) {
      return;
    }
    Stats s = Stats.micros(ms);
    long stddev = Stats.stddev(ms.stream().map(v -> v * 1000).toList());
    sb.append("      Measurement: ").append(name).append('\n');
    sb.append("        Samples: ")
        .append(Math.round(s.count() * scale))
        .append(", Minimum: ")
        .append(s.min())
        .append(" usec, Maximum: ")
        .append(s.max())
        .append(" usec, Average: ")
        .append(s.avg())
        .append(" usec,\n");
    sb.append("        Peak to peak: ")
        .append(s.max() - s.min())
        .append(" usec, Stddev: ")
        .append(stddev)
        .append(" usec, Sum: ")
        .append(Math.round(s.sum() * scale))
        .append(" usec\n");
  }
}
