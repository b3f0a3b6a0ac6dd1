package io.netpool.monitor.probe.sla;

import static io.netpool.monitor.probe.sla.CliText.NUMBER;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Cisco IOS / IOS-XE {@code show ip sla statistics <id> details} (and the same command
 * without {@code details}, whose lines are a subset). NX-OS prints the same layout under the same
 * command, so this class is meant for it too (not checked against an NX-OS capture). The older IOS
 * 12.x layout ({@code Round Trip Time (RTT) for Index N}) is read as well.
 *
 * <p>When the output holds several entries, the first one is read (the probe asks for one id).
 * Jitter-type runs ({@code RTT Values:} block) give the replies received ({@code Number Of RTT})
 * but no sent count, since IOS does not print one. Single-probe runs ({@code Latest RTT:} only,
 * e.g. icmp-echo) make one probe per run: OK or Over threshold count as 1 sent / 1 received,
 * Timeout as 1 sent / 0 received, other return codes (No connection, Busy, ...) leave both null
 * because the probe may not have left the router. Averages printed with a zero sample count
 * (one-way delay without NTP, jitter without replies) and voice scores of 0 (no codec) are not
 * results and stay null.
 */
public final class CiscoIpSlaParser implements SlaParser {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;
  private static final String UNIT = "\\s*(milliseconds|microseconds|usec|ms|us)?";
  private static final String TRIPLE =
      "Min/Avg/Max:\\s*" + NUMBER + "/" + NUMBER + "/" + NUMBER + UNIT;

  /** IOS 12.4T and later, IOS-XE, NX-OS; IOS 12.2-12.4 print "Round Trip Time (RTT) for Index". */
  private static final Pattern ENTRY =
      Pattern.compile(
          "^\\s*(?:IPSLA operation id:|Round Trip Time \\(RTT\\) for\\s+Index)\\s*\\d+", FLAGS);

  private static final Pattern STATISTICS_HEADER =
      Pattern.compile("^\\s*IPSLAs? Latest Operation Statistics\\s*$", FLAGS);
  private static final Pattern TYPE = Pattern.compile("^\\s*Type of operation:[ \\t]*(.*)$", FLAGS);
  private static final Pattern START =
      Pattern.compile("^\\s*Latest operation start time:[ \\t]*(.*)$", FLAGS);
  private static final Pattern RETURN_CODE =
      Pattern.compile("^\\s*Latest operation return code:[ \\t]*(.*)$", FLAGS);
  private static final Pattern LATEST_RTT_LINE = Pattern.compile("^\\s*Latest RTT:", FLAGS);
  private static final Pattern LATEST_RTT =
      Pattern.compile("^\\s*Latest RTT:[ \\t]*" + NUMBER + UNIT, FLAGS);
  private static final Pattern SUCCESSES =
      Pattern.compile("^\\s*Number of successes:[ \\t]*(\\S+)", FLAGS);
  private static final Pattern FAILURES =
      Pattern.compile("^\\s*Number of failures:[ \\t]*(\\S+)", FLAGS);
  private static final Pattern STATE =
      Pattern.compile("^\\s*Operational state of entry:[ \\t]*(\\S+).*$", FLAGS);

  private static final Pattern NUMBER_OF_RTT = Pattern.compile("Number Of RTT:\\s*(\\d+)", FLAGS);
  private static final Pattern RTT = Pattern.compile("RTT " + TRIPLE, FLAGS);
  private static final Pattern OW_SAMPLES =
      Pattern.compile("Number of Latency one[- ]way Samples:\\s*(\\d+)", FLAGS);
  private static final Pattern OW_SD =
      Pattern.compile("Source to Destination Latency one way " + TRIPLE, FLAGS);
  private static final Pattern OW_DS =
      Pattern.compile("Destination to Source Latency one way " + TRIPLE, FLAGS);
  private static final Pattern SD_JITTER_SAMPLES =
      Pattern.compile("Number of SD Jitter Samples:\\s*(\\d+)", FLAGS);
  private static final Pattern DS_JITTER_SAMPLES =
      Pattern.compile("Number of DS Jitter Samples:\\s*(\\d+)", FLAGS);

  /** Older releases print one count for both directions. */
  private static final Pattern JITTER_SAMPLES =
      Pattern.compile("Number of Jitter Samples:\\s*(\\d+)", FLAGS);

  private static final Pattern JITTER_SD =
      Pattern.compile("Source to Destination Jitter " + TRIPLE, FLAGS);
  private static final Pattern JITTER_DS =
      Pattern.compile("Destination to Source Jitter " + TRIPLE, FLAGS);
  private static final Pattern LOSS_SD =
      Pattern.compile("Loss Source to Destination:\\s*(\\d+)", FLAGS);
  private static final Pattern LOSS_DS =
      Pattern.compile("Loss Destination to Source:\\s*(\\d+)", FLAGS);

  /** "Calculated Planning Impairment Factor (ICPIF): 1" or "ICPIF: 1", not "MinOfICPIF". */
  private static final Pattern ICPIF =
      Pattern.compile(
          "(?:Calculated Planning Impairment Factor \\(ICPIF\\)|\\bICPIF(?: Value)?)\\s*:\\s*"
              + NUMBER,
          FLAGS);

  /** "MOS score: 4.34", "Mean Opinion Score (MOS): 4.34" or "MOS: 4.34", not "MinOfMOS". */
  private static final Pattern MOS =
      Pattern.compile("(?:MOS score|Mean Opinion Score \\(MOS\\)|\\bMOS)\\s*:\\s*" + NUMBER, FLAGS);

  @Override
  public SlaStats parse(String output) {
    return SlaParser.guarded(output, CiscoIpSlaParser::read);
  }

  private static SlaStats read(String output) {
    if (output == null || output.isBlank()) {
      return SlaStats.without(Outcome.UNREADABLE, "empty output");
    }
    String text = CliText.clean(output);
    String entry = CliText.firstEntry(text, ENTRY);
    if (entry == null && (RETURN_CODE.matcher(text).find() || START.matcher(text).find())) {
      entry = text; // a capture without its entry line
    }
    return entry == null ? withoutEntry(text) : readEntry(entry);
  }

  /**
   * IOS answers a statistics request for an id that is not configured with its header and no entry.
   */
  private static SlaStats withoutEntry(String text) {
    String noSuch = CliText.noSuchEntryLine(text);
    if (noSuch != null) {
      return SlaStats.without(Outcome.NOT_CONFIGURED, noSuch);
    }
    String error = CliText.cliErrorLine(text);
    if (error != null) {
      return SlaStats.without(Outcome.UNREADABLE, error);
    }
    if (STATISTICS_HEADER.matcher(text).find()) {
      return SlaStats.without(
          Outcome.NOT_CONFIGURED, "the statistics list no IP SLA operation of that id");
    }
    return SlaStats.without(Outcome.UNREADABLE, "no IP SLA operation in the output");
  }

  private static SlaStats readEntry(String entry) {
    String state = CliText.text(STATE, entry);
    if (CliText.meansNotRun(state)) {
      return SlaStats.without(Outcome.NOT_RUNNING, CliText.line(STATE, entry));
    }
    String start = CliText.text(START, entry);
    String returnCode = CliText.text(RETURN_CODE, entry);
    String successes = CliText.text(SUCCESSES, entry);
    String notRun = notRunLine(entry, start, returnCode, successes);
    if (notRun != null) {
      return SlaStats.without(Outcome.NOT_RUNNING, notRun);
    }
    if (returnCode == null) {
      return SlaStats.without(
          Outcome.UNREADABLE, "the entry has no \"Latest operation return code\" line");
    }
    SlaStats.Builder b =
        SlaStats.read()
            .operationType(lowerCase(CliText.text(TYPE, entry)))
            .lastRun(start)
            .returnCode(returnCode, returnCode.equalsIgnoreCase("OK"));
    Integer numberOfRtt = CliText.integer(NUMBER_OF_RTT, entry);
    if (numberOfRtt != null) {
      readJitterRun(entry, numberOfRtt, b);
    } else {
      readSingleProbe(entry, returnCode, b);
    }
    b.lostPerDirection(CliText.integer(LOSS_SD, entry), CliText.integer(LOSS_DS, entry));
    Integer bothJitter = CliText.integer(JITTER_SAMPLES, entry);
    b.jitter(
        sampledAverage(
            JITTER_SD, entry, orElse(CliText.integer(SD_JITTER_SAMPLES, entry), bothJitter)),
        sampledAverage(
            JITTER_DS, entry, orElse(CliText.integer(DS_JITTER_SAMPLES, entry), bothJitter)));
    Integer owSamples = CliText.integer(OW_SAMPLES, entry);
    b.oneWayDelay(sampledAverage(OW_SD, entry, owSamples), sampledAverage(OW_DS, entry, owSamples));
    Double mos = CliText.number(MOS, entry);
    if (mos != null && mos > 0) { // 0 is what IOS prints for an operation without a codec
      b.voice(mos, CliText.number(ICPIF, entry));
    }
    b.progress(progress(start, successes, CliText.text(FAILURES, entry)));
    return b.build();
  }

  /** The line that shows the entry has no latest run: never started, not scheduled, pending. */
  private static String notRunLine(
      String entry, String start, String returnCode, String successes) {
    if (CliText.meansNotRun(start)) {
      return CliText.line(START, entry);
    }
    if (returnCode != null && returnCode.equalsIgnoreCase("unknown")) {
      return CliText.line(RETURN_CODE, entry);
    }
    if (start == null && returnCode == null && CliText.meansNotRun(successes)) {
      return CliText.line(SUCCESSES, entry);
    }
    return null;
  }

  /** A jitter-type run: replies received and RTT over them, when there was any reply. */
  private static void readJitterRun(String entry, int numberOfRtt, SlaStats.Builder b) {
    b.counts(null, numberOfRtt);
    double[] rtt = CliText.triple(RTT, entry);
    if (numberOfRtt > 0 && rtt != null) {
      b.rtt(rtt[0], rtt[1], rtt[2]);
    }
  }

  /** One probe per run (icmp-echo, udp-echo, tcp-connect, http, ...). */
  private static void readSingleProbe(String entry, String returnCode, SlaStats.Builder b) {
    if (!LATEST_RTT_LINE.matcher(entry).find()) {
      return; // not a single-probe layout (e.g. mcast): no RTT or counts to derive
    }
    Matcher m = LATEST_RTT.matcher(entry);
    if (m.find()) { // else a failure text such as NoConnection/Busy/Timeout
      double ms = Double.parseDouble(m.group(1)) * CliText.toMs(m.group(2));
      b.rtt(ms, ms, ms);
    }
    String code = returnCode.toLowerCase(Locale.ROOT);
    if (code.equals("ok") || code.equals("over threshold")) {
      b.counts(1, 1);
    } else if (code.equals("timeout")) {
      b.counts(1, 0);
    }
  }

  /**
   * The average of a Min/Avg/Max line, or null when its sample count is 0 or, without a count, when
   * all three values are 0 (what IOS prints for values it did not measure).
   */
  private static Double sampledAverage(Pattern p, String entry, Integer samples) {
    double[] v = CliText.triple(p, entry);
    if (v == null || (samples != null && samples == 0)) {
      return null;
    }
    if (samples == null && v[0] == 0 && v[1] == 0 && v[2] == 0) {
      return null;
    }
    return v[1];
  }

  private static String progress(String start, String successes, String failures) {
    List<String> parts = new ArrayList<>();
    if (start != null) {
      parts.add(start);
    }
    if (successes != null && failures != null) {
      parts.add("successes " + successes + ", failures " + failures);
    }
    return parts.isEmpty() ? null : String.join(" | ", parts);
  }

  private static Integer orElse(Integer value, Integer fallback) {
    return value != null ? value : fallback;
  }

  private static String lowerCase(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
