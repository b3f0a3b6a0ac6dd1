package io.netpool.sim.platform.sla;

import io.netpool.sim.platform.SlaOperation;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Cisco IOS-XR {@code show ipsla statistics <id>}.
 *
 * <p>Follows the example output of {@code show ipsla statistics} in the Cisco IOS XR System
 * Monitoring Command Reference ("IP Service Level Agreement Commands on Cisco IOS XR Software",
 * releases 3.x to 6.x): {@code Entry number:}, the indented {@code label : value} block
 * (Modification time, Start time, operations attempted/skipped, seconds left in Life, Operational
 * state of entry, frequency, Connection loss/Timeout occurred, {@code Latest RTT (milliseconds)},
 * latest/next operation start time, return code) and the {@code RTT Values:} columns ({@code
 * RTTAvg}, {@code RTTMin}, {@code RTTMax}, {@code NumOfRTT}, {@code RTTSum}, {@code RTTSum2}); UDP
 * jitter adds Packet Loss Values, Jitter Values and One Way Values in the same columns. Written
 * from that reference, not copied byte for byte (no published XR fixture was found). XR has no
 * voice codec scores. Hand-made: a missing entry prints nothing; a not-running entry is {@code
 * Pending} with {@code Unknown} results.
 */
public final class IosxrIpslaOutput {
  private IosxrIpslaOutput() {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz EEE MMM d yyyy", Locale.ROOT)
          .withZone(java.time.ZoneId.of("UTC"));

  /** The output for entry {@code id}; op null when it does not exist. */
  public static String render(String id, SlaOperation op, SlaRun run, Instant bootTime) {
    if (op == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Entry number: ").append(id).append('\n');
    boolean pending = op.notRunning();
    long freq = op.frequency().toSeconds();
    sb.append("    Modification time: ")
        .append(TIME.format(pending ? bootTime : run.scheduled()))
        .append('\n');
    sb.append("    Start time       : ")
        .append(pending ? "Pending trigger" : TIME.format(run.scheduled()))
        .append('\n');
    sb.append("    Number of operations attempted: ")
        .append(pending ? 0 : run.runsSoFar())
        .append('\n');
    sb.append("    Number of operations skipped  : 0\n");
    sb.append("    Current seconds left in Life  : ")
        .append(pending ? "3600" : "Forever")
        .append('\n');
    sb.append("    Operational state of entry    : ")
        .append(pending ? "Pending" : op.stale() ? "Inactive" : "Active")
        .append('\n');
    sb.append("    Operational frequency(seconds): ").append(freq).append('\n');
    // an ICMP echo operation sends one packet per run, as on IOS
    boolean icmp = op.kind() == SlaOperation.Kind.ICMP_ECHO;
    List<Double> rtts =
        pending
            ? List.of()
            : icmp
                ? (run.firstRtt() == null ? List.of() : List.of(run.firstRtt()))
                : run.receivedRtts();
    boolean timeout = !pending && rtts.isEmpty();
    sb.append("    Connection loss occurred      : FALSE\n");
    sb.append("    Timeout occurred              : ")
        .append(timeout ? "TRUE" : "FALSE")
        .append('\n');
    Stats rtt = Stats.of(rtts);
    String latest = pending ? "Unknown" : timeout ? "Unknown" : Long.toString(rtt.avg());
    sb.append("    Latest RTT (milliseconds)     : ").append(latest).append('\n');
    sb.append("    Latest operation start time   : ")
        .append(pending ? "Unknown" : TIME.format(run.start()))
        .append('\n');
    sb.append("    Next operation start time     : ")
        .append(pending || op.stale() ? "Unknown" : TIME.format(run.start().plus(op.frequency())))
        .append('\n');
    sb.append("    Latest operation return code  : ")
        .append(pending ? "Unknown" : timeout ? "Timeout" : "OK")
        .append('\n');
    sb.append("    RTT Values:\n");
    sb.append(row("RTTAvg  ", rtt.avg(), "RTTMin", rtt.min(), "RTTMax ", rtt.max()));
    sb.append(row("NumOfRTT", rtt.count(), "RTTSum", rtt.sum(), "RTTSum2", rtt.squareSum()));
    if (op.kind() == SlaOperation.Kind.UDP_JITTER && !pending) {
      jitter(sb, op, run);
    }
    return sb.toString();
  }

  private static void jitter(StringBuilder sb, SlaOperation op, SlaRun run) {
    sb.append("    Packet Loss Values:\n");
    sb.append(row("PacketLossSD       ", run.lostSd(), "PacketLossDS", run.lostDs()));
    sb.append(row("PacketOutOfSequence", 0, "PacketMIA   ", 0));
    sb.append(row("PacketLateArrival  ", 0, "PacketSkipped", 0));
    sb.append(row("Errors             ", 0, "Busies      ", 0));
    sb.append(row("InvalidTimestamp   ", 0));
    sb.append("    Jitter Values :\n");
    directionJitter(sb, run.sd(), "SD");
    directionJitter(sb, run.ds(), "DS");
    Stats all = Stats.of(concat(SlaRun.jitters(run.sd()), SlaRun.jitters(run.ds())));
    sb.append(
        row(
            "Interarrival jitterout",
            Stats.of(SlaRun.jitters(run.sd())).avg(),
            "Interarrival jitterin",
            Stats.of(SlaRun.jitters(run.ds())).avg()));
    sb.append(row("Jitter AVG", all.avg()));
    sb.append("    One Way Values :\n");
    Stats sd = op.oneWayValid() ? Stats.of(run.sd()) : Stats.EMPTY;
    Stats ds = op.oneWayValid() ? Stats.of(run.ds()) : Stats.EMPTY;
    sb.append(row("NumOfOW", sd.count()));
    sb.append(row("OWMinSD ", sd.min(), "OWMaxSD", sd.max(), "OWSumSD", sd.sum()));
    sb.append(row("OWSum2SD", sd.squareSum(), "OWAvgSD", sd.avg()));
    sb.append(row("OWMinDS ", ds.min(), "OWMaxDS", ds.max(), "OWSumDS", ds.sum()));
    sb.append(row("OWSum2DS", ds.squareSum(), "OWAvgDS", ds.avg()));
  }

  private static void directionJitter(StringBuilder sb, List<Double> delays, String dir) {
    List<Double> signed = SlaRun.signedJitters(delays);
    Stats pos = Stats.of(signed.stream().filter(d -> Math.round(d) > 0).toList());
    Stats neg = Stats.of(signed.stream().filter(d -> Math.round(d) < 0).map(d -> -d).toList());
    sb.append(row("MinOfPositives" + dir, pos.min(), "MaxOfPositives" + dir, pos.max()));
    sb.append(row("NumOfPositives" + dir, pos.count(), "SumOfPositives" + dir, pos.sum()));
    sb.append(row("Sum2Positives" + dir + " ", pos.squareSum()));
    sb.append(row("MinOfNegatives" + dir, neg.min(), "MaxOfNegatives" + dir, neg.max()));
    sb.append(row("NumOfNegatives" + dir, neg.count(), "SumOfNegatives" + dir, neg.sum()));
    sb.append(row("Sum2Negatives" + dir + " ", neg.squareSum()));
  }

  private static List<Double> concat(List<Double> a, List<Double> b) {
    List<Double> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** One row of {@code label: value} columns, each value padded to 10 characters. */
  private static String row(Object... labelValue) {
    StringBuilder sb = new StringBuilder("     ");
    for (int i = 0; i < labelValue.length; i += 2) {
      sb.append(' ')
          .append(labelValue[i])
          .append(": ")
          .append(String.format(Locale.ROOT, "%-10s", labelValue[i + 1]));
    }
    return sb.toString().stripTrailing() + "\n";
  }
}
