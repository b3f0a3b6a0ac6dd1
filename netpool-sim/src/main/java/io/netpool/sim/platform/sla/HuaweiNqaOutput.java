package io.netpool.sim.platform.sla;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Huawei VRP {@code display nqa results test-instance <admin> <test>}.
 *
 * <p>Follows Huawei NE40E V800R012C10 documentation examples republished in GitHub repository
 * {@code WheaterW/INTA-project} (corpus {@code nassim-main/corpus/hw/hw_NE40E_V800R012C10/}): for
 * ICMP the VRRP/NQA examples ({@code NQA entry(user, test) :testflag is active ,testtype is icmp},
 * {@code 1 . Test 1 result The test is finished}, two columns from column 3 with the left one 37
 * wide ({@code Completion:} 36), {@code Min/Max/Average Completion Time}, {@code Sum/Square-Sum
 * Completion Time}, {@code Last Good Probe Time: 0000-00-00 00:00:00.0} when every probe failed,
 * {@code Lost packet ratio: 100 %}); for UDP jitter the "NQA UDP Jitter test" example with {@code
 * jitter-codec g711a} ({@code SendProbe:1000 ResponseProbe:919}, {@code Min/Max/Avg/Sum RTT},
 * {@code RTT Square Sum}, positive/negative SD/DS jitter, {@code Min/Max Delay SD/DS}, {@code
 * Packet Loss SD/DS/Unknown}, {@code Average of Jitter SD/DS}, {@code jitter out value}, {@code
 * Packet Loss Ratio:8 %}, {@code ICPIF value:23} and {@code MOS-CQ value:354} = MOS x 100), left
 * column 39 wide. Hand-made: a missing instance prints {@code Error: The test instance does not
 * exist.}; one never started prints its entry line alone ({@code testflag is inactive}).
 */
public final class HuaweiNqaOutput {
  private HuaweiNqaOutput() {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The output for {@code admin/test}; op null when there is no such instance. */
  public static String render(String admin, String test, SlaOperation op, SlaRun run) {
    if (op == null) {
      return "Error: The test instance does not exist.\n";
    }
    boolean jitter = op.kind() == SlaOperation.Kind.UDP_JITTER;
    StringBuilder sb = new StringBuilder();
    sb.append("NQA entry(")
        .append(admin)
        .append(", ")
        .append(test)
        .append(") :testflag is ")
        .append(op.notRunning() || op.stale() ? "inactive" : "active")
        .append(" ,testtype is ")
        .append(jitter ? "jitter" : "icmp")
        .append('\n');
    if (op.notRunning()) {
      return sb.toString();
    }
    sb.append("  1 . Test ").append(run.runsSoFar()).append(" result   The test is finished\n");
    if (jitter) {
      jitter(sb, op, run);
    } else {
      icmp(sb, op, run);
    }
    return sb.toString();
  }

  private static void icmp(StringBuilder sb, SlaOperation op, SlaRun run) {
    Stats rtt = Stats.of(run.receivedRtts());
    int lost = run.sent() - run.received();
    icmpTwo(sb, "Send operation times: " + run.sent(), "Receive response times: " + run.received());
    sb.append("   ")
        .append(
            String.format(Locale.ROOT, "%-36s", "Completion:" + (run.ok() ? "success" : "failed")))
        .append("RTD OverThresholds number: 0\n");
    icmpTwo(sb, "Attempts number:1", "Drop operation number:0");
    icmpTwo(sb, "Disconnect operation number:0", "Operation timeout number:" + lost);
    icmpTwo(sb, "System busy operation number:0", "Connection fail number:0");
    icmpTwo(sb, "Operation sequence errors number:0", "RTT Stats errors number:0");
    sb.append("   Destination ip address:").append(op.target()).append('\n');
    sb.append("   Min/Max/Average Completion Time: ")
        .append(rtt.min())
        .append('/')
        .append(rtt.max())
        .append('/')
        .append(rtt.avg())
        .append('\n');
    sb.append("   Sum/Square-Sum  Completion Time: ")
        .append(rtt.sum())
        .append('/')
        .append(rtt.squareSum())
        .append('\n');
    sb.append("   Last Good Probe Time: ")
        .append(run.ok() ? TIME.format(run.end()) : "0000-00-00 00:00:00.0")
        .append('\n');
    sb.append("   Lost packet ratio: ").append(lost * 100 / run.sent()).append(" %\n");
  }

  /** ICMP's two columns: the first 37 wide from column 3. */
  private static void icmpTwo(StringBuilder sb, String left, String right) {
    sb.append("   ").append(String.format(Locale.ROOT, "%-37s", left)).append(right).append('\n');
  }

  private static void jitter(StringBuilder sb, SlaOperation op, SlaRun run) {
    Stats rtt = Stats.of(run.receivedRtts());
    int lost = run.sent() - run.received();
    two(sb, "SendProbe:" + run.sent(), "ResponseProbe:" + run.received());
    two(sb, "Completion:" + (run.ok() ? "success" : "failed"), "RTD OverThresholds number:0");
    two(sb, "OWD OverThresholds SD number:0", "OWD OverThresholds DS number:0");
    two(
        sb,
        "Min/Max/Avg/Sum RTT:" + rtt.min() + "/" + rtt.max() + "/" + rtt.avg() + "/" + rtt.sum(),
        "RTT  Square Sum:" + rtt.squareSum());
    two(sb, "NumOfRTT:" + rtt.count(), "Drop operation number:0");
    two(sb, "Operation sequence errors number:0", "RTT Stats errors number:0");
    two(sb, "System busy operation number:0", "Operation timeout number:" + lost);
    Sides pos = new Sides(run, true);
    Sides neg = new Sides(run, false);
    two(sb, "Min Positive SD:" + pos.sd.min(), "Min Positive DS:" + pos.ds.min());
    two(sb, "Max Positive SD:" + pos.sd.max(), "Max Positive DS:" + pos.ds.max());
    two(sb, "Positive SD Number:" + pos.sd.count(), "Positive DS Number:" + pos.ds.count());
    two(sb, "Positive SD Sum:" + pos.sd.sum(), "Positive DS Sum:" + pos.ds.sum());
    two(
        sb,
        "Positive SD Square Sum:" + pos.sd.squareSum(),
        "Positive DS Square Sum:" + pos.ds.squareSum());
    two(sb, "Min Negative SD:" + neg.sd.min(), "Min Negative DS:" + neg.ds.min());
    two(sb, "Max Negative SD:" + neg.sd.max(), "Max Negative DS:" + neg.ds.max());
    two(sb, "Negative SD Number:" + neg.sd.count(), "Negative DS Number:" + neg.ds.count());
    two(sb, "Negative SD Sum:" + neg.sd.sum(), "Negative DS Sum:" + neg.ds.sum());
    two(
        sb,
        "Negative SD Square Sum:" + neg.sd.squareSum(),
        "Negative DS Square Sum:" + neg.ds.squareSum());
    Stats dsd = op.oneWayValid() ? Stats.of(run.sd()) : Stats.EMPTY;
    Stats dds = op.oneWayValid() ? Stats.of(run.ds()) : Stats.EMPTY;
    two(sb, "Min Delay SD:" + dsd.min(), "Min Delay DS:" + dds.min());
    two(sb, "Max Delay SD:" + dsd.max(), "Max Delay DS:" + dds.max());
    two(sb, "Delay SD Square Sum:" + dsd.squareSum(), "Delay DS Square Sum:" + dds.squareSum());
    two(sb, "Packet Loss SD:" + run.lostSd(), "Packet Loss DS:" + run.lostDs());
    Stats jsd = Stats.of(SlaRun.jitters(run.sd()));
    Stats jds = Stats.of(SlaRun.jitters(run.ds()));
    Stats all = Stats.of(concat(SlaRun.jitters(run.sd()), SlaRun.jitters(run.ds())));
    two(sb, "Packet Loss Unknown:0", "Average of Jitter:" + all.avg());
    two(sb, "Average of Jitter SD:" + jsd.avg(), "Average of Jitter DS:" + jds.avg());
    two(
        sb,
        "jitter out value:" + String.format(Locale.ROOT, "%.7f", interarrival(run.sd())),
        "jitter in value:" + String.format(Locale.ROOT, "%.7f", interarrival(run.ds())));
    two(sb, "NumberOfOWD:" + dsd.count(), "Packet Loss Ratio:" + lost * 100 / run.sent() + " %");
    two(sb, "OWD SD Sum:" + dsd.sum(), "OWD DS Sum:" + dds.sum());
    boolean voice = op.codec() != null;
    two(
        sb,
        "ICPIF value:" + (voice ? run.icpif() : 0),
        // MOS-CQ is printed as MOS x 100 (354 for 3.54)
        "MOS-CQ value:" + (voice ? Math.round(run.mos() * 100) : 0));
    sb.append("   TimeStamp unit:ms\n");
  }

  /** Positive or negative jitter statistics in both directions, as absolute values. */
  private static final class Sides {
    final Stats sd;
    final Stats ds;

    Sides(SlaRun run, boolean positive) {
      sd = side(SlaRun.signedJitters(run.sd()), positive);
      ds = side(SlaRun.signedJitters(run.ds()), positive);
    }

    private static Stats side(List<Double> signed, boolean positive) {
      return Stats.of(
          signed.stream()
              .filter(d -> positive ? Math.round(d) > 0 : Math.round(d) < 0)
              .map(Math::abs)
              .toList());
    }
  }

  private static List<Double> concat(List<Double> a, List<Double> b) {
    List<Double> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** RFC 3550 interarrival jitter of consecutive one-way delays. */
  private static double interarrival(List<Double> delays) {
    double j = 0;
    for (double d : SlaRun.jitters(delays)) {
      j += (d - j) / 16;
    }
    return j;
  }

  /** Jitter's two columns: the first 39 wide from column 3. */
  private static void two(StringBuilder sb, String left, String right) {
    sb.append("   ").append(String.format(Locale.ROOT, "%-39s", left)).append(right).append('\n');
  }
}
