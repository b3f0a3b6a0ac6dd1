package io.netpool.sim.platform.sla;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Juniper Junos {@code show services rpm probe-results owner <owner> test <test>}.
 *
 * <p>Follows the Junos 22.2 sample text output published in GitHub repository {@code
 * Juniper-SE/Apstra_IBA_Probes}, {@code Ping_Mesh/release_4.2.1/README.md} (commit 082fbd9e):
 * {@code Owner: X, Test: Y}, {@code Target address: A, Source address: S, Probe type: icmp-ping,
 * Icmp-id: N}, {@code Test size: 5 probes}, {@code Probe results:} with {@code Response received},
 * {@code Probe sent time}, {@code Probe rcvd/timeout time: ..., No hardware timestamps}, {@code
 * Rtt: N usec, Round trip jitter: N usec} and {@code Round trip interarrival jitter}; then {@code
 * Results over current test:}, {@code Results over last test:} (with {@code Test completed on}) and
 * {@code Results over all tests:}, each {@code Probes sent: N, Probes received: N, Loss percentage:
 * 0.000000} and one-line {@code Measurement:} blocks (Round trip time, Positive and Negative round
 * trip jitter) in microseconds; indentation 4/6/8 as there. The jitter test's probe type {@code
 * udp-ping-timestamp} and its egress/ingress measurements (trip times only with synchronised
 * clocks) follow the names of Junos's RPM output fields (its XML {@code probe-test-egress}, {@code
 * probe-test-positive-egress-jitter}, ...): not seen in a published text output. Hand-made: a
 * timed-out probe's {@code Request timed out}, an unknown owner/test printing nothing, and a test
 * that never ran printing its header and zero counts.
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
        .append(jitter ? "udp-ping-timestamp" : "icmp-ping");
    if (!jitter) {
      sb.append(", Icmp-id: ").append(Math.floorMod((owner + "/" + test).hashCode(), 1000));
    }
    sb.append('\n');
    sb.append("    Test size: ").append(op.packets()).append(" probes\n");
    if (op.notRunning()) {
      sb.append("    Results over current test:\n");
      sb.append("      Probes sent: 0, Probes received: 0, Loss percentage: 0.000000\n");
      return sb.toString();
    }
    probeResults(sb, run);
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
    // every test is drawn like this one: the totals scale its sample counts and sums
    double scale = run.received() == 0 ? 0 : (double) received / run.received();
    measurements(sb, op, run, jitter, scale);
    return sb.toString();
  }

  /** The last probe of the run: its times, RTT and jitter against the probe before. */
  private static void probeResults(StringBuilder sb, SlaRun run) {
    List<Double> rtts = run.rtts();
    Double last = rtts.get(rtts.size() - 1);
    sb.append("    Probe results:\n");
    sb.append(last == null ? "      Request timed out\n" : "      Response received\n");
    sb.append("      Probe sent time: ").append(DATE.format(run.end())).append('\n');
    sb.append("      Probe rcvd/timeout time: ")
        .append(DATE.format(run.end()))
        .append(", No hardware timestamps\n");
    if (last == null) {
      return;
    }
    List<Double> received = run.receivedRtts();
    double jitter = received.size() < 2 ? 0 : last - received.get(received.size() - 2);
    sb.append("      Rtt: ")
        .append(Math.round(last * 1000))
        .append(" usec, Round trip jitter: ")
        .append(Math.round(jitter * 1000))
        .append(" usec\n");
    // RFC 3550 interarrival jitter over the run's received probes
    double j = 0;
    for (double d : SlaRun.jitters(received)) {
      j += (d - j) / 16;
    }
    sb.append("      Round trip interarrival jitter: ")
        .append(Math.round(j * 1000))
        .append(" usec\n");
  }

  private static void counts(StringBuilder sb, long sent, long received) {
    double loss = sent == 0 ? 0 : (sent - received) * 100.0 / sent;
    sb.append("      Probes sent: ")
        .append(sent)
        .append(", Probes received: ")
        .append(received)
        .append(", Loss percentage: ")
        .append(String.format(Locale.ROOT, "%.6f", loss))
        .append('\n');
  }

  private static void measurements(
      StringBuilder sb, SlaOperation op, SlaRun run, boolean jitter, double scale) {
    if (run.received() == 0) {
      return;
    }
    measurement(sb, "Round trip time", run.receivedRtts(), scale);
    signed(sb, "round trip jitter", run.receivedRtts(), scale);
    if (!jitter) {
      return;
    }
    if (op.oneWayValid()) {
      measurement(sb, "Egress trip time", run.sd(), scale);
    }
    signed(sb, "egress jitter", run.sd(), scale);
    if (op.oneWayValid()) {
      measurement(sb, "Ingress trip time", run.ds(), scale);
    }
    signed(sb, "ingress jitter", run.ds(), scale);
  }

  /** The Positive and Negative jitter measurements of consecutive values. */
  private static void signed(StringBuilder sb, String name, List<Double> values, double scale) {
    List<Double> d = SlaRun.signedJitters(values);
    measurement(sb, "Positive " + name, d.stream().filter(x -> x >= 0).toList(), scale);
    measurement(sb, "Negative " + name, d.stream().filter(x -> x < 0).map(x -> -x).toList(), scale);
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
        .append(" usec, Peak to peak: ")
        .append(s.max() - s.min())
        .append(" usec, Stddev: ")
        .append(stddev)
        .append(" usec, Sum: ")
        .append(Math.round(s.sum() * scale))
        .append(" usec\n");
  }
}
