package io.netpool.monitor.probe.sla;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Huawei VRP's {@code display nqa results test-instance <admin> <test>} (ICMP, jitter/UDP
 * jitter, ICMP jitter and the other types sharing the general fields).
 *
 * <p>VRP keeps several result records per instance ({@code 1 . Test 6645 result ...}, {@code 2 .
 * Test 6646 result ...}); the newest is the one with the highest test number, which counts the
 * instance's runs (the leading index is only the record's slot). Which values are taken:
 *
 * <ul>
 *   <li>jitter SD/DS from {@code Average of Jitter SD/DS} (or {@code Avg Jitter SD/DS});
 *   <li>one-way delay never: VRP prints {@code Min/Max/Avg Delay SD/DS} and {@code OWD SD Sum}
 *       whether or not the two clocks are synchronised and says nothing about it, so they are not
 *       known to be valid (Huawei documents that one-way delay needs 1588v2/NTP sync);
 *   <li>MOS from {@code MOS-CQ value} divided by 100 (VRP prints it in hundredths: {@code 354} is
 *       3.54, MOS being 1 to 5) and ICPIF as printed, both only when MOS is not 0 (jitter instances
 *       without a codec print 0 for both);
 *   <li>last run from {@code Last Good Probe Time}, null when it is the all-zero date (no probe
 *       ever succeeded); progress from the test number and that time.
 * </ul>
 */
public final class HuaweiNqaParser implements SlaParser {
  private static final Pattern RECORD =
      Pattern.compile(
          "^[ \\t]*\\d+[ \\t]*\\.[ \\t]*Test[ \\t]+(\\d+)[ \\t]+result\\b",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern ENTRY =
      Pattern.compile("NQA entry[ \\t]*\\([^)\\n]*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TEST_TYPE =
      Pattern.compile("test[ \\t]*type[ \\t]+is[ \\t]+([A-Za-z0-9_-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MESSAGE =
      Pattern.compile(
          "^[ \\t]*(?:Error|Info)[ \\t]*:.*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private static final Pattern SENT = SlaText.intField("(?:Send operation times|SendProbe)");
  private static final Pattern RECEIVED =
      SlaText.intField("(?:Receive response times|ResponseProbe)");
  private static final Pattern COMPLETION = SlaText.field("Completion", "no result|[A-Za-z]+");
  private static final Pattern RTT_COMPLETION =
      SlaText.field("Min/Max/Average Completion Time", "\\d+ */ *\\d+ */ *\\d+");
  private static final Pattern RTT_JITTER =
      SlaText.field("Min/Max/Avg/Sum RTT", "\\d+ */ *\\d+ */ *\\d+");
  private static final Pattern LOSS =
      SlaText.numberField("(?:Lost packet ratio|Packet loss ratio)");
  private static final Pattern LOST_SD = SlaText.intField("Packet loss SD");
  private static final Pattern LOST_DS = SlaText.intField("Packet loss DS");
  private static final Pattern JITTER_SD =
      SlaText.numberField("(?:Average of jitter|Avg jitter) SD");
  private static final Pattern JITTER_DS =
      SlaText.numberField("(?:Average of jitter|Avg jitter) DS");
  private static final Pattern MOS = SlaText.numberField("MOS-CQ value");
  private static final Pattern ICPIF = SlaText.numberField("ICPIF value");
  private static final Pattern LAST_GOOD =
      SlaText.field("Last good probe time", "\\d+-\\d+-\\d+ +\\d+:\\d+:\\d+(?:\\.\\d+)?");

  @Override
  public SlaStats parse(String output) {
    return SlaParser.guarded(output, HuaweiNqaParser::read);
  }

  private static SlaStats read(String output) {
    if (output == null) {
      return SlaStats.without(Outcome.UNREADABLE, "no output");
    }
    String text = SlaText.normalize(output);
    if (text.isBlank()) {
      return SlaStats.without(
          Outcome.UNREADABLE, "empty output (no such instance, or no results yet: VRP can't tell)");
    }
    Matcher entry = ENTRY.matcher(text);
    if (!entry.find()) {
      return withoutEntry(text);
    }
    String header = text.substring(entry.start()).split("\n", 2)[0];
    String block = newestRecord(text);
    if (block == null) {
      return SlaStats.without(Outcome.NOT_RUNNING, "no result record: " + header.trim());
    }
    return fields(header, block);
  }

  /**
   * An output without an NQA entry: VRP's {@code Error:}/{@code Info:} line says why (only looked
   * for here, so that an unrelated {@code Info:} beside real results does not hide them).
   */
  private static SlaStats withoutEntry(String text) {
    Matcher message = MESSAGE.matcher(text);
    if (!message.find()) {
      return SlaStats.without(
          Outcome.UNREADABLE, "no 'NQA entry(' line: not an NQA results output");
    }
    String line = message.group().trim();
    boolean missing = line.toLowerCase(Locale.ROOT).contains("not exist");
    return SlaStats.without(missing ? Outcome.NOT_CONFIGURED : Outcome.UNREADABLE, line);
  }

  /** The record with the highest test number, or null when there is none. */
  private static String newestRecord(String text) {
    Matcher m = RECORD.matcher(text);
    int bestStart = -1;
    long bestTest = -1;
    while (m.find()) {
      long test = parseLong(m.group(1));
      if (test >= bestTest) {
        bestTest = test;
        bestStart = m.start();
      }
    }
    if (bestStart < 0) {
      return null;
    }
    Matcher next = RECORD.matcher(text);
    int end = next.find(bestStart + 1) ? next.start() : text.length();
    return text.substring(bestStart, end);
  }

  private static SlaStats fields(String header, String block) {
    Matcher type = TEST_TYPE.matcher(header);
    String completion = SlaText.text(COMPLETION, block);
    String lastRun = SlaText.time(SlaText.text(LAST_GOOD, block));
    double[] rtt = SlaText.triple(SlaText.text(RTT_COMPLETION, block));
    if (rtt == null) {
      rtt = SlaText.triple(SlaText.text(RTT_JITTER, block));
    }
    Double mos = SlaText.number(MOS, block);
    Double icpif = SlaText.number(ICPIF, block);
    boolean voice = mos != null && mos != 0;
    Matcher record = RECORD.matcher(block);
    String run = record.find() ? "Test " + record.group(1) : null;
    SlaStats.Builder b =
        SlaStats.read()
            .operationType(type.find() ? type.group(1).toLowerCase(Locale.ROOT) : null)
            .lastRun(lastRun)
            .returnCode(completion, completionOk(completion))
            .counts(SlaText.integer(SENT, block), SlaText.integer(RECEIVED, block))
            .lossPercent(SlaText.number(LOSS, block))
            .lostPerDirection(SlaText.integer(LOST_SD, block), SlaText.integer(LOST_DS, block))
            .jitter(SlaText.number(JITTER_SD, block), SlaText.number(JITTER_DS, block))
            .voice(voice ? mos / 100.0 : null, voice ? icpif : null)
            .progress(progress(run, lastRun));
    if (rtt != null) {
      b.rtt(rtt[0], rtt[2], rtt[1]);
    }
    return b.build();
  }

  /** {@code success} is a good run, {@code failed} a bad one; {@code no result} is neither. */
  private static Boolean completionOk(String completion) {
    if (completion == null) {
      return null;
    }
    String c = completion.toLowerCase(Locale.ROOT);
    if (c.equals("success")) {
      return true;
    }
    return c.equals("failed") ? false : null;
  }

  private static String progress(String run, String lastRun) {
    if (run == null) {
      return lastRun;
    }
    return lastRun == null ? run : run + ", Last Good Probe Time: " + lastRun;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
