package io.netpool.monitor.probe.sla;

import static io.netpool.monitor.probe.sla.CliText.NUMBER;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Cisco IOS-XR {@code show ipsla statistics <id>}: an {@code Entry number: N} block of {@code
 * label : value} lines, an {@code RTT Values:} block and, for udp-jitter, {@code Packet Loss
 * Values:}, {@code Jitter Values :} and {@code One Way Values :} blocks. XR does not print the
 * operation type there, so {@link SlaStats#operationType} stays null.
 *
 * <p>The first entry is read. The RTT block covers the latest run only ({@code NumOfRTT} replies),
 * so it gives the received count and, with at least one reply, min/avg/max. Jitter runs print no
 * sent count; echo runs make one probe per run (OK: 1 sent / 1 received, TimeOut: 1 / 0, other
 * codes: unknown). One-way delay is read only with {@code NumOfOW} above 0 (XR counts no one-way
 * samples when the clocks are not synchronised).
 */
public final class IosxrIpslaParser implements SlaParser {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

  private static final Pattern ENTRY = Pattern.compile("^\\s*Entry number:\\s*\\d+", FLAGS);
  private static final Pattern STATE =
      Pattern.compile("^\\s*Operational state of entry\\s*:[ \\t]*(\\S+).*$", FLAGS);
  private static final Pattern ATTEMPTED =
      Pattern.compile("^\\s*Number of operations attempted\\s*:\\s*(\\d+)", FLAGS);
  private static final Pattern SKIPPED =
      Pattern.compile("^\\s*Number of operations skipped\\s*:\\s*(\\d+)", FLAGS);
  private static final Pattern LATEST_RTT =
      Pattern.compile("^\\s*Latest RTT \\(milliseconds\\)\\s*:[ \\t]*" + NUMBER, FLAGS);
  private static final Pattern START =
      Pattern.compile("^\\s*Latest operation start time\\s*:[ \\t]*(.*)$", FLAGS);
  private static final Pattern RETURN_CODE =
      Pattern.compile("^\\s*Latest operation return code\\s*:[ \\t]*(.*)$", FLAGS);

  private static final Pattern RTT_AVG = Pattern.compile("\\bRTTAvg\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern RTT_MIN = Pattern.compile("\\bRTTMin\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern RTT_MAX = Pattern.compile("\\bRTTMax\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern NUM_OF_RTT = Pattern.compile("\\bNumOfRTT\\s*:\\s*(\\d+)", FLAGS);

  /** The blocks only jitter operations print. */
  private static final Pattern JITTER_BLOCKS =
      Pattern.compile("^\\s*(?:Packet Loss Values|Jitter Values)\\s*:", FLAGS);

  private static final Pattern LOSS_SD = Pattern.compile("\\bPacketLossSD\\s*:\\s*(\\d+)", FLAGS);
  private static final Pattern LOSS_DS = Pattern.compile("\\bPacketLossDS\\s*:\\s*(\\d+)", FLAGS);
  private static final Pattern JITTER_SD =
      Pattern.compile("\\bJitterSDAve\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern JITTER_DS =
      Pattern.compile("\\bJitterDSAve\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern NUM_OF_OW = Pattern.compile("\\bNumOfOW\\s*:\\s*(\\d+)", FLAGS);
  private static final Pattern OW_SD = Pattern.compile("\\bOWAveSD\\s*:\\s*" + NUMBER, FLAGS);
  private static final Pattern OW_DS = Pattern.compile("\\bOWAveDS\\s*:\\s*" + NUMBER, FLAGS);

  /** XR starts every show output with the time, e.g. {@code Mon Mar 16 19:52:08.523 UTC}. */
  private static final Pattern TIMESTAMP_LINE =
      Pattern.compile("^\\s*[A-Z][a-z]{2} [A-Z][a-z]{2}\\s+\\d{1,2} [\\d:.]+ ?\\S*\\s*$");

  /** A prompt, possibly with the echoed command: {@code RP/0/RP0/CPU0:router#show ...}. */
  private static final Pattern PROMPT_OR_COMMAND =
      Pattern.compile("^\\s*(?:\\S*[#>].*|show\\s+ipsla\\b.*)$", Pattern.CASE_INSENSITIVE);

  @Override
  public SlaStats parse(String output) {
    return SlaParser.guarded(output, IosxrIpslaParser::read);
  }

  private static SlaStats read(String output) {
    if (output == null || output.isBlank()) {
      return SlaStats.without(Outcome.UNREADABLE, "empty output");
    }
    String text = CliText.clean(output);
    String entry = CliText.firstEntry(text, ENTRY);
    return entry == null ? withoutEntry(text) : readEntry(entry);
  }

  /**
   * Without an entry: the router's own "does not exist" style line, a CLI error, or nothing but the
   * time stamp XR prints before every output (taken as no such entry).
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
    if (onlyTimestamp(text)) {
      return SlaStats.without(Outcome.NOT_CONFIGURED, "IOS-XR printed no entry of that number");
    }
    return SlaStats.without(Outcome.UNREADABLE, "no IPSLA entry in the output");
  }

  private static boolean onlyTimestamp(String text) {
    boolean timestamp = false;
    for (String line : text.split("\n")) {
      if (TIMESTAMP_LINE.matcher(line).matches()) {
        timestamp = true;
      } else if (!line.isBlank() && !PROMPT_OR_COMMAND.matcher(line).matches()) {
        return false;
      }
    }
    return timestamp;
  }

  private static SlaStats readEntry(String entry) {
    String start = CliText.text(START, entry);
    String returnCode = CliText.text(RETURN_CODE, entry);
    String notRun = notRunLine(entry, start, returnCode);
    if (notRun != null) {
      return SlaStats.without(Outcome.NOT_RUNNING, notRun);
    }
    if (returnCode == null) {
      return SlaStats.without(
          Outcome.UNREADABLE, "the entry has no \"Latest operation return code\" line");
    }
    SlaStats.Builder b =
        SlaStats.read().lastRun(start).returnCode(returnCode, returnCode.equalsIgnoreCase("OK"));
    Integer numOfRtt = CliText.integer(NUM_OF_RTT, entry);
    if (numOfRtt != null && numOfRtt > 0) {
      b.rtt(
          CliText.number(RTT_MIN, entry),
          CliText.number(RTT_AVG, entry),
          CliText.number(RTT_MAX, entry));
    }
    if (JITTER_BLOCKS.matcher(entry).find()) {
      b.counts(null, numOfRtt);
      b.lostPerDirection(CliText.integer(LOSS_SD, entry), CliText.integer(LOSS_DS, entry));
      if (numOfRtt != null && numOfRtt > 0) {
        b.jitter(CliText.number(JITTER_SD, entry), CliText.number(JITTER_DS, entry));
      }
    } else {
      readEchoRun(entry, returnCode, numOfRtt, b);
    }
    Integer numOfOw = CliText.integer(NUM_OF_OW, entry);
    if (numOfOw != null && numOfOw > 0) {
      b.oneWayDelay(CliText.number(OW_SD, entry), CliText.number(OW_DS, entry));
    }
    b.progress(progress(start, entry));
    return b.build();
  }

  /** One probe per run: counts follow the return code, RTT the latest one when not in the block. */
  private static void readEchoRun(
      String entry, String returnCode, Integer numOfRtt, SlaStats.Builder b) {
    if (numOfRtt == null) {
      Double latest = CliText.number(LATEST_RTT, entry);
      if (latest != null && returnCode.equalsIgnoreCase("OK")) {
        b.rtt(latest, latest, latest);
      }
    }
    String code = returnCode.toLowerCase(Locale.ROOT);
    if (code.equals("ok") || code.equals("over threshold")) {
      b.counts(1, 1);
    } else if (code.equals("timeout")) {
      b.counts(1, 0);
    }
  }

  /** The line that shows the entry is not running or has never run. */
  private static String notRunLine(String entry, String start, String returnCode) {
    String state = CliText.text(STATE, entry);
    if (CliText.meansNotRun(state)) {
      return CliText.line(STATE, entry);
    }
    if (CliText.meansNotRun(start)) {
      return CliText.line(START, entry);
    }
    if (returnCode != null && returnCode.equalsIgnoreCase("unknown")) {
      return CliText.line(RETURN_CODE, entry);
    }
    Integer attempted = CliText.integer(ATTEMPTED, entry);
    if (attempted != null && attempted == 0) {
      return CliText.line(ATTEMPTED, entry);
    }
    return null;
  }

  private static String progress(String start, String entry) {
    List<String> parts = new ArrayList<>();
    if (start != null) {
      parts.add(start);
    }
    Integer attempted = CliText.integer(ATTEMPTED, entry);
    Integer skipped = CliText.integer(SKIPPED, entry);
    if (attempted != null && skipped != null) {
      parts.add("attempted " + attempted + ", skipped " + skipped);
    }
    return parts.isEmpty() ? null : String.join(" | ", parts);
  }
}
