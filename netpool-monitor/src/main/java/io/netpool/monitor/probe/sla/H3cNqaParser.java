package io.netpool.monitor.probe.sla;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads H3C Comware's {@code display nqa result <admin> <tag>}: the latest run of one NQA operation
 * (Comware keeps no older records in this output).
 *
 * <p>Comware prints neither the operation type nor a completion status: the type is taken from the
 * section heading of the jitter-like types ({@code UDP-jitter results:} gives {@code udp-jitter},
 * also {@code icmp-jitter}, {@code voice}, {@code path-jitter}) and is null for the others (ICMP
 * echo, TCP, UDP echo... print the same general fields); the return code is always null. Which
 * values are taken:
 *
 * <ul>
 *   <li>jitter SD/DS from {@code SD average} / {@code DS average} where printed; else the mean size
 *       of every jitter sample of the direction, {@code (Positive SD sum + Negative SD sum) /
 *       (Positive SD number + Negative SD number)} from the printed sums and counts (what Cisco
 *       prints as its average jitter), when all four are printed; never one half alone;
 *   <li>one-way delay never: {@code One way results} is printed whatever the clocks and Comware
 *       does not say whether they are synchronised, so it is not known to be valid;
 *   <li>last run from {@code Last succeeded probe time} or {@code Last packet received time}, null
 *       for the all-zero date (nothing received);
 *   <li>path-jitter: the last hop's results (the destination's).
 * </ul>
 *
 * <p>{@code Data collecting in progress...} and {@code ... result is not available.} (an operation
 * with no results yet) are {@link Outcome#NOT_RUNNING}; a line saying something does not exist is
 * {@link Outcome#NOT_CONFIGURED}.
 */
public final class H3cNqaParser implements SlaParser {
  private static final Pattern ENTRY =
      Pattern.compile("NQA entry[ \\t]*\\(.*?\\)[ \\t]*test results", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOP =
      Pattern.compile("^[ \\t]*Hop IP\\b", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern TYPE_HEADING =
      Pattern.compile(
          "^[ \\t]*(UDP-jitter|ICMP-jitter|Voice|Path-jitter)[ \\t]+results[ \\t]*:",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private static final Pattern SENT = SlaText.intField("Send operation times");
  private static final Pattern RECEIVED = SlaText.intField("Receive response times");
  private static final Pattern RTT =
      SlaText.field("Min/Max/Average round trip time", "\\d+ */ *\\d+ */ *\\d+");
  private static final Pattern LOSS = SlaText.numberField("Packet loss ratio");
  private static final Pattern LOST_SD = SlaText.intField("(?:SD lost packets|Packet loss SD)");
  private static final Pattern LOST_DS = SlaText.intField("(?:DS lost packets|Packet loss DS)");
  private static final Pattern JITTER_SD = SlaText.numberField("SD average");
  private static final Pattern JITTER_DS = SlaText.numberField("DS average");
  private static final Pattern MOS = SlaText.numberField("MOS value");
  private static final Pattern ICPIF = SlaText.numberField("ICPIF value");
  private static final Pattern LAST =
      SlaText.field(
          "(?:Last succeeded probe time|Last packet received time)",
          "\\d+-\\d+-\\d+ +\\d+:\\d+:\\d+(?:\\.\\d+)?");

  @Override
  public SlaStats parse(String output) {
    return SlaParser.guarded(output, H3cNqaParser::read);
  }

  private static SlaStats read(String output) {
    if (output == null) {
      return SlaStats.without(Outcome.UNREADABLE, "no output");
    }
    String text = SlaText.normalize(output);
    if (text.isBlank()) {
      return SlaStats.without(
          Outcome.UNREADABLE, "empty output (no such operation, or no results yet: can't tell)");
    }
    String notYet = notYet(text);
    if (notYet != null) {
      return SlaStats.without(Outcome.NOT_RUNNING, notYet);
    }
    String missing = SlaText.lineContaining(text, "not exist");
    if (missing != null) {
      return SlaStats.without(Outcome.NOT_CONFIGURED, missing);
    }
    Matcher entry = ENTRY.matcher(text);
    if (!entry.find()) {
      return SlaStats.without(
          Outcome.UNREADABLE, "no 'NQA entry (...) test results' line: not an NQA result output");
    }
    String results = text.substring(entry.start());
    return fields(results, lastHop(results));
  }

  /** Comware's own words for an operation without results yet, or null. */
  private static String notYet(String text) {
    String collecting = SlaText.lineContaining(text, "Data collecting in progress");
    return collecting != null
        ? collecting
        : SlaText.lineContaining(text, "result is not available");
  }

  /** Path-jitter prints one section per hop: the last is the destination. */
  private static String lastHop(String results) {
    Matcher m = HOP.matcher(results);
    int last = -1;
    while (m.find()) {
      last = m.start();
    }
    return last < 0 ? results : results.substring(last);
  }

  /** The direction's average jitter: printed, or from the positive and negative sums and counts. */
  private static Double jitter(Pattern average, String direction, String block) {
    Double printed = SlaText.number(average, block);
    if (printed != null) {
      return printed;
    }
    Double positiveSum =
        SlaText.number(SlaText.numberField("Positive " + direction + " sum"), block);
    Double negativeSum =
        SlaText.number(SlaText.numberField("Negative " + direction + " sum"), block);
    Integer positives =
        SlaText.integer(SlaText.intField("Positive " + direction + " number"), block);
    Integer negatives =
        SlaText.integer(SlaText.intField("Negative " + direction + " number"), block);
    if (positiveSum == null || negativeSum == null || positives == null || negatives == null) {
      return null;
    }
    int samples = positives + negatives;
    if (samples <= 0) {
      return null;
    }
    return Math.round((positiveSum + negativeSum) * 1000.0 / samples) / 1000.0;
  }

  private static SlaStats fields(String results, String block) {
    Matcher heading = TYPE_HEADING.matcher(results);
    String lastRun = SlaText.time(SlaText.text(LAST, block));
    double[] rtt = SlaText.triple(SlaText.text(RTT, block));
    SlaStats.Builder b =
        SlaStats.read()
            .operationType(heading.find() ? heading.group(1).toLowerCase(Locale.ROOT) : null)
            .lastRun(lastRun)
            .counts(SlaText.integer(SENT, block), SlaText.integer(RECEIVED, block))
            .lossPercent(SlaText.number(LOSS, block))
            .lostPerDirection(SlaText.integer(LOST_SD, block), SlaText.integer(LOST_DS, block))
            .jitter(jitter(JITTER_SD, "SD", block), jitter(JITTER_DS, "DS", block))
            .voice(SlaText.number(MOS, block), SlaText.number(ICPIF, block));
    if (rtt != null) {
      b.rtt(rtt[0], rtt[2], rtt[1]);
    }
    return b.build();
  }
}
