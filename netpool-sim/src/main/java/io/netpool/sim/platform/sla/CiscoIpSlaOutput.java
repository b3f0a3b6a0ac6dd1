package io.netpool.sim.platform.sla;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Cisco IOS, IOS-XE and NX-OS {@code show ip sla statistics <id> [details]}.
 *
 * <p>Follows the published outputs: genieparser {@code
 * src/genie/libs/parser/iosxe/tests/ShowIpSlaStatistics/cli/equal/golden_output_1_output.txt} and
 * {@code golden_output_2_output.txt} (ICMP echo: {@code IPSLA operation id}, indented {@code Latest
 * RTT: 6 milliseconds} or {@code NoConnection/Busy/Timeout}, return code {@code OK}/{@code
 * Timeout}, successes, failures, time to live) and the UDP jitter output posted on
 * community.cisco.com "Interpret - Show IP SLA statistics [for jitter]" (m-p/3329311: {@code Type
 * of operation: udp-jitter}, RTT Values, Latency one-way time, Jitter Time, Packet Loss Values,
 * Voice Score Values), with the 8-space indentation and the {@code Number Of RTT: 1000 RTT
 * Min/Avg/Max} spacing of the IOS output quoted in The NOC Project's {@code
 * sa/profiles/Cisco/IOS/get_metrics.py}. {@code details} adds, for UDP jitter, {@code Over
 * Threshold:} and the per-direction loss periods, with the labels that published parsers of that
 * output read ({@code Number Of RTT Over Threshold: N (N%)}, {@code ... Loss Periods Number},
 * {@code ... Loss Period Length Min/Max}, {@code ... Inter Loss Period Length Min/Max}); its layout
 * is reconstructed, not copied. Hand-made (not seen published): a missing entry prints the header
 * alone; a not-running (unscheduled) entry prints {@code Unknown} values and time to live 0.
 */
public final class CiscoIpSlaOutput {
  private CiscoIpSlaOutput() {}

  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("HH:mm:ss zzz EEE MMM d yyyy", Locale.ROOT)
          .withZone(java.time.ZoneId.of("UTC"));

  private static final String I = "        ";

  /** The output for entry {@code id}: op null when the entry does not exist. */
  public static String render(String id, SlaOperation op, SlaRun run) {
    return render(id, op, run, false);
  }

  /**
   * The output for entry {@code id}; with {@code details} a UDP jitter entry also prints its
   * over-threshold count and the loss periods per direction.
   */
  public static String render(String id, SlaOperation op, SlaRun run, boolean details) {
    StringBuilder sb = new StringBuilder("IPSLAs Latest Operation Statistics\n\n");
    if (op == null) {
      return sb.toString();
    }
    sb.append("IPSLA operation id: ").append(id).append('\n');
    boolean jitter = op.kind() == SlaOperation.Kind.UDP_JITTER;
    if (op.notRunning()) {
      sb.append(I).append("Latest RTT: Unknown\n");
      sb.append("Latest operation return code: Unknown\n");
      sb.append("Number of successes: Unknown\n");
      sb.append("Number of failures: Unknown\n");
      sb.append("Operation time to live: 0\n");
      return sb.toString();
    }
    if (jitter) {
      sb.append("Type of operation: udp-jitter\n");
    }
    Stats rtt = Stats.of(run.receivedRtts());
    Double latest = jitter ? (run.ok() ? (double) rtt.avg() : null) : run.firstRtt();
    sb.append(I)
        .append("Latest RTT: ")
        .append(latest == null ? "NoConnection/Busy/Timeout" : Math.round(latest) + " milliseconds")
        .append('\n');
    sb.append("Latest operation start time: ").append(START.format(run.start())).append('\n');
    sb.append("Latest operation return code: ")
        .append(latest == null ? "Timeout" : "OK")
        .append('\n');
    if (jitter) {
      jitterBlock(sb, op, run, rtt, details);
    }
    long failures = jitter ? run.failedRunsSoFar() : cisco(op, run);
    sb.append("Number of successes: ").append(run.runsSoFar() - failures).append('\n');
    sb.append("Number of failures: ").append(failures).append('\n');
    sb.append("Operation time to live: Forever\n");
    return sb.toString();
  }

  /** ICMP echo sends one packet per run: the failures follow the first packet's fate. */
  private static long cisco(SlaOperation op, SlaRun run) {
    long runs = run.runsSoFar();
    long failed = Math.round(runs * op.lossProbability());
    return run.firstRtt() == null ? Math.max(1, failed) : Math.min(runs - 1, failed);
  }

  private static void jitterBlock(
      StringBuilder sb, SlaOperation op, SlaRun run, Stats rtt, boolean details) {
    sb.append("RTT Values:\n");
    sb.append(I)
        .append(String.format(Locale.ROOT, "Number Of RTT: %-17d", rtt.count()))
        .append("RTT Min/Avg/Max: ")
        .append(triple(rtt))
        .append(" milliseconds\n");
    Stats sd = op.oneWayValid() ? Stats.of(run.sd()) : Stats.EMPTY;
    Stats ds = op.oneWayValid() ? Stats.of(run.ds()) : Stats.EMPTY;
    sb.append("Latency one-way time:\n");
    sb.append(I).append("Number of Latency one-way Samples: ").append(sd.count()).append('\n');
    sb.append(I)
        .append("Source to Destination Latency one way Min/Avg/Max: ")
        .append(triple(sd))
        .append(" milliseconds\n");
    sb.append(I)
        .append("Destination to Source Latency one way Min/Avg/Max: ")
        .append(triple(ds))
        .append(" milliseconds\n");
    Stats jsd = Stats.of(SlaRun.jitters(run.sd()));
    Stats jds = Stats.of(SlaRun.jitters(run.ds()));
    sb.append("Jitter Time:\n");
    sb.append(I).append("Number of SD Jitter Samples: ").append(jsd.count()).append('\n');
    sb.append(I).append("Number of DS Jitter Samples: ").append(jds.count()).append('\n');
    sb.append(I)
        .append("Source to Destination Jitter Min/Avg/Max: ")
        .append(triple(jsd))
        .append(" milliseconds\n");
    sb.append(I)
        .append("Destination to Source Jitter Min/Avg/Max: ")
        .append(triple(jds))
        .append(" milliseconds\n");
    if (details) {
      sb.append("Over Threshold:\n");
      sb.append(I).append("Number Of RTT Over Threshold: 0 (0%)\n");
      sb.append("Packet Loss Values:\n");
      lossPeriods(sb, "Source to Destination", run.lostSd());
      lossPeriods(sb, "Destination to Source", run.lostDs());
    } else {
      sb.append("Packet Loss Values:\n");
      sb.append(I)
          .append(String.format(Locale.ROOT, "Loss Source to Destination: %-12d", run.lostSd()))
          .append("Loss Destination to Source: ")
          .append(run.lostDs())
          .append('\n');
    }
    sb.append(I).append("Out Of Sequence: 0      Tail Drop: 0\n");
    sb.append(I).append("Packet Late Arrival: 0  Packet Skipped: 0\n");
    sb.append("Voice Score Values:\n");
    boolean voice = op.codec() != null;
    sb.append(I)
        .append("Calculated Planning Impairment Factor (ICPIF): ")
        .append(voice ? run.icpif() : 0)
        .append('\n');
    sb.append(I)
        .append("Mean Opinion Score (MOS): ")
        .append(voice ? String.format(Locale.ROOT, "%.2f", run.mos()) : "0")
        .append('\n');
  }

  /** A direction's loss and its loss periods (the lost packets counted as one period each). */
  private static void lossPeriods(StringBuilder sb, String direction, int lost) {
    sb.append(I).append("Loss ").append(direction).append(": ").append(lost).append('\n');
    sb.append(I).append(direction).append(" Loss Periods Number: ").append(lost).append('\n');
    String len = lost == 0 ? "0/0" : "1/1";
    sb.append(I).append(direction).append(" Loss Period Length Min/Max: ").append(len).append('\n');
    sb.append(I)
        .append(direction)
        .append(" Inter Loss Period Length Min/Max: ")
        .append(len)
        .append('\n');
  }

  private static String triple(Stats s) {
    return s.min() + "/" + s.avg() + "/" + s.max();
  }
}
