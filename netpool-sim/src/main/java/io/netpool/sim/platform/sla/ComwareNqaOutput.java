package io.netpool.sim.platform.sla;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * H3C Comware 7 {@code display nqa result <admin> <test>}.
 *
 * <p>Follows the examples of {@code display nqa result} in the H3C Comware 7 NQA command reference
 * (Chinese edition, republished on GitHub; the same examples appear in the HPE FlexNetwork Comware
 * 7 "Network Management and Monitoring Command Reference"): {@code NQA entry (admin admin, tag
 * test) test results:}, {@code Send operation times: 10 Receive response times: 10}, {@code
 * Min/Max/Average round trip time}, {@code Square-Sum of round trip time}, {@code Last succeeded
 * probe time} ({@code Last packet received time} for UDP jitter and voice; {@code 0-00-00
 * 00:00:00.0} when nothing came back), {@code Extended results:} with {@code Packet loss ratio} and
 * the failure counters, the {@code UDP-jitter results:} block (a voice operation's {@code Voice
 * results:}), {@code One way results:} and, for voice, {@code Voice scores:} ({@code MOS value:
 * 0.99 ICPIF value: 87}). A UDP jitter operation with a codec is rendered as Comware's voice
 * operation. Hand-made: a missing operation prints {@code The NQA entry does not exist.}; one never
 * started prints zero counts.
 */
public final class ComwareNqaOutput {
  private ComwareNqaOutput() {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String NEVER = "0-00-00 00:00:00.0";

  /** The output for {@code admin/test}; op null when there is no such operation. */
  public static String render(String admin, String test, SlaOperation op, SlaRun run) {
    if (op == null) {
      return "The NQA entry does not exist.\n";
    }
    boolean jitter = op.kind() == SlaOperation.Kind.UDP_JITTER;
    boolean never = op.notRunning();
    StringBuilder sb = new StringBuilder();
    sb.append("NQA entry (admin ")
        .append(admin)
        .append(", tag ")
        .append(test)
        .append(") test results:\n");
    int sent = never ? 0 : run.sent();
    int received = never ? 0 : run.received();
    Stats rtt = never ? Stats.EMPTY : Stats.of(run.receivedRtts());
    sb.append("    ")
        .append(String.format(Locale.ROOT, "%-37s", "Send operation times: " + sent))
        .append("Receive response times: ")
        .append(received)
        .append('\n');
    sb.append("    Min/Max/Average round trip time: ")
        .append(rtt.min())
        .append('/')
        .append(rtt.max())
        .append('/')
        .append(rtt.avg())
        .append('\n');
    sb.append("    Square-Sum of round trip time: ").append(rtt.squareSum()).append('\n');
    sb.append(jitter ? "    Last packet received time: " : "    Last succeeded probe time: ")
        .append(never || received == 0 ? NEVER : TIME.format(run.end()))
        .append('\n');
    sb.append("  Extended results:\n");
    sb.append("    Packet loss ratio: ")
        .append(sent == 0 ? 0 : (sent - received) * 100 / sent)
        .append("%\n");
    sb.append("    Failures due to timeout: ").append(sent - received).append('\n');
    sb.append("    Failures due to internal error: 0\n");
    sb.append("    Failures due to other errors: 0\n");
    if (!jitter) {
      return sb.toString();
    }
    sb.append("    Packets out of sequence: 0\n");
    sb.append("    Packets arrived late: 0\n");
    List<Double> sdDelays = never ? List.of() : run.sd();
    List<Double> dsDelays = never ? List.of() : run.ds();
    boolean voice = op.codec() != null;
    sb.append(voice ? "  Voice results:\n" : "  UDP-jitter results:\n");
    sb.append("    RTT number: ").append(rtt.count()).append('\n');
    side(sb, sdDelays, dsDelays, true);
    side(sb, sdDelays, dsDelays, false);
    Stats sd = op.oneWayValid() ? Stats.of(sdDelays) : Stats.EMPTY;
    Stats ds = op.oneWayValid() ? Stats.of(dsDelays) : Stats.EMPTY;
    sb.append("  One way results:\n");
    two(sb, "Max SD delay: " + sd.max(), "Max DS delay: " + ds.max());
    two(sb, "Min SD delay: " + sd.min(), "Min DS delay: " + ds.min());
    two(sb, "Number of SD delay: " + sd.count(), "Number of DS delay: " + ds.count());
    two(sb, "Sum of SD delay: " + sd.sum(), "Sum of DS delay: " + ds.sum());
    two(
        sb,
        "Square-Sum of SD delay: " + sd.squareSum(),
        "Square-Sum of DS delay: " + ds.squareSum());
    two(
        sb,
        "SD lost packets: " + (never ? 0 : run.lostSd()),
        "DS lost packets: " + (never ? 0 : run.lostDs()));
    sb.append("    Lost packets for unknown reason: 0\n");
    if (voice) {
      sb.append("  Voice scores:\n");
      two(
          sb,
          "MOS value: " + (never ? "0.00" : String.format(Locale.ROOT, "%.2f", run.mos())),
          "ICPIF value: " + (never ? 0 : run.icpif()));
    }
    return sb.toString();
  }

  private static void side(StringBuilder sb, List<Double> sdD, List<Double> dsD, boolean pos) {
    Stats sd = signed(SlaRun.signedJitters(sdD), pos);
    Stats ds = signed(SlaRun.signedJitters(dsD), pos);
    String w = pos ? "positive" : "negative";
    String cap = pos ? "Positive" : "Negative";
    two(sb, "Min " + w + " SD: " + sd.min(), "Min " + w + " DS: " + ds.min());
    two(sb, "Max " + w + " SD: " + sd.max(), "Max " + w + " DS: " + ds.max());
    two(sb, cap + " SD number: " + sd.count(), cap + " DS number: " + ds.count());
    two(sb, cap + " SD sum: " + sd.sum(), cap + " DS sum: " + ds.sum());
    two(sb, cap + " SD average: " + sd.avg(), cap + " DS average: " + ds.avg());
    two(sb, cap + " SD square-sum: " + sd.squareSum(), cap + " DS square-sum: " + ds.squareSum());
  }

  private static Stats signed(List<Double> signed, boolean positive) {
    return Stats.of(
        signed.stream()
            .filter(d -> positive ? Math.round(d) > 0 : Math.round(d) < 0)
            .map(Math::abs)
            .toList());
  }

  /** Two columns: the first padded to 39 characters after a 4-space indent. */
  private static void two(StringBuilder sb, String left, String right) {
    sb.append("    ").append(String.format(Locale.ROOT, "%-39s", left)).append(right).append('\n');
  }
}
