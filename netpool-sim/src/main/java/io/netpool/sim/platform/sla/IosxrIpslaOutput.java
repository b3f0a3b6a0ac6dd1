package io.netpool.sim.platform.sla;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Cisco IOS-XR {@code show ipsla statistics <id>}.
 *
 * <p>Follows real XR outputs published on GitHub: an XR lab note with ICMP echo and UDP jitter
 * entries ({@code RP/0/RP0/CPU0:l56#show ipsla statistics}, March 2026; code index id 52690877102)
 * and the xrdocs blog on ABF with object tracking ({@code RP/0/RP0/CPU0:N55-24}, an inactive entry,
 * 2020; index id 23282172424): {@code Entry number: 561 } (trailing space), the {@code label :
 * value} block aligned at column 35, dates as {@code 19:50:39.342 UTC Mon Mar 16 2026}, {@code RTT
 * Values:} / {@code Packet Loss Values:} / {@code Jitter Values :} / {@code One Way Values :} in
 * 10-wide columns with the captures' trailing padding, {@code JitterAve}, {@code OWAveSD}; an
 * inactive (stale) entry has {@code Current seconds left in Life : 0} and {@code Next operation
 * start time : Inactive}. XR prints no voice scores. Hand-made: a missing entry prints nothing; a
 * not-running one is {@code Pending} with {@code Unknown} results.
 */
public final class IosxrIpslaOutput {
  private IosxrIpslaOutput() {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz EEE MMM dd yyyy", Locale.ROOT)
          .withZone(java.time.ZoneId.of("UTC"));

  /** The output for entry {@code id}; op null when it does not exist. */
  public static String render(String id, SlaOperation op, SlaRun run, Instant bootTime) {
    if (op == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Entry number: ").append(id).append(" \n");
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
        .append(
            pending
                ? "Unknown"
                : op.stale() ? "Inactive" : TIME.format(run.start().plus(op.frequency())))
        .append('\n');
    sb.append("    Latest operation return code  : ")
        .append(pending ? "Unknown" : timeout ? "Timeout" : "OK")
        .append('\n');
    sb.append("    RTT Values:\n");
    sb.append(padded("RTTAvg  ", rtt.avg(), "RTTMin", rtt.min(), "RTTMax ", rtt.max()));
    sb.append(row("NumOfRTT", rtt.count(), "RTTSum", rtt.sum(), "RTTSum2", rtt.squareSum()));
    if (op.kind() == SlaOperation.Kind.UDP_JITTER && !pending) {
      jitter(sb, op, run);
    }
    return sb.toString();
  }

  private static void jitter(StringBuilder sb, SlaOperation op, SlaRun run) {
    sb.append("    Packet Loss Values:\n");
    sb.append(padded("PacketLossSD       ", run.lostSd(), "PacketLossDS ", run.lostDs()));
    sb.append(padded("PacketOutOfSequence", 0, "PacketMIA    ", 0));
    sb.append(row("PacketLateArrival  ", 0, "PacketSkipped", 0));
    sb.append(padded("Errors             ", 0, "Busies       ", 0));
    sb.append(padded("InvalidTimestamp   ", 0));
    sb.append("    Jitter Values :\n");
    directionJitter(sb, run.sd(), "SD");
    directionJitter(sb, run.ds(), "DS");
    Stats sdJ = Stats.of(SlaRun.jitters(run.sd()));
    Stats dsJ = Stats.of(SlaRun.jitters(run.ds()));
    Stats all = Stats.of(concat(SlaRun.jitters(run.sd()), SlaRun.jitters(run.ds())));
    sb.append(
        String.format(
            Locale.ROOT,
            "      JitterAve: %-10sJitterSDAve: %-7sJitterDSAve: %-10s\n",
            all.avg(),
            sdJ.avg(),
            dsJ.avg()));
    sb.append(
        String.format(
            Locale.ROOT,
            "      Interarrival jitterout: %-15sInterarrival jitterin: %-10s\n",
            interarrival(run.sd()),
            interarrival(run.ds())));
    sb.append("    One Way Values :\n");
    Stats sd = op.oneWayValid() ? Stats.of(run.sd()) : Stats.EMPTY;
    Stats ds = op.oneWayValid() ? Stats.of(run.ds()) : Stats.EMPTY;
    sb.append(row("NumOfOW", sd.count()));
    sb.append(padded("OWMinSD ", sd.min(), "OWMaxSD", sd.max(), "OWSumSD", sd.sum()));
    sb.append(padded("OWSum2SD", sd.squareSum(), "OWAveSD", sd.avg()));
    sb.append(padded("OWMinDS ", ds.min(), "OWMaxDS", ds.max(), "OWSumDS", ds.sum()));
    sb.append(padded("OWSum2DS", ds.squareSum(), "OWAveDS", ds.avg()));
  }

  /** RFC 3550 interarrival jitter of consecutive one-way delays, whole ms. */
  private static long interarrival(List<Double> delays) {
    double j = 0;
    for (double d : SlaRun.jitters(delays)) {
      j += (d - j) / 16;
    }
    return Math.round(j);
  }

  private static void directionJitter(StringBuilder sb, List<Double> delays, String dir) {
    List<Double> signed = SlaRun.signedJitters(delays);
    Stats pos = Stats.of(signed.stream().filter(d -> Math.round(d) > 0).toList());
    Stats neg = Stats.of(signed.stream().filter(d -> Math.round(d) < 0).map(d -> -d).toList());
    sb.append(padded("MinOfPositives" + dir, pos.min(), "MaxOfPositives" + dir, pos.max()));
    sb.append(padded("NumOfPositives" + dir, pos.count(), "SumOfPositives" + dir, pos.sum()));
    sb.append(row("Sum2Positives" + dir + " ", pos.squareSum()));
    sb.append(padded("MinOfNegatives" + dir, neg.min(), "MaxOfNegatives" + dir, neg.max()));
    sb.append(padded("NumOfNegatives" + dir, neg.count(), "SumOfNegatives" + dir, neg.sum()));
    sb.append(row("Sum2Negatives" + dir + " ", neg.squareSum()));
  }

  private static List<Double> concat(List<Double> a, List<Double> b) {
    List<Double> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** One row of {@code label: value} columns, values 10 wide, the last one not padded. */
  private static String row(Object... labelValue) {
    return padded(labelValue).stripTrailing() + "\n";
  }

  /** One row of {@code label: value} columns, every value padded to 10 (as XR prints most rows). */
  private static String padded(Object... labelValue) {
    StringBuilder sb = new StringBuilder("     ");
    for (int i = 0; i < labelValue.length; i += 2) {
      sb.append(' ')
          .append(labelValue[i])
          .append(": ")
          .append(String.format(Locale.ROOT, "%-10s", labelValue[i + 1]));
    }
    return sb + "\n";
  }
}
