package io.netpool.monitor.ping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ping output of every supported platform into a {@link PingResult}. It recognises the
 * summary grammars that real devices print (Cisco "Success rate", BSD/NX-OS/Junos "packets
 * transmitted", Linux iputils, Huawei VRP multi-line and Comware one-line "packet(s)", Junos XML
 * {@code <ping-results>}) wherever they appear among prompts, echoed commands, timestamps and log
 * noise, and takes the last one. Without a summary it counts per-probe lines. It never throws:
 * anything it cannot read gives status error with a reason.
 */
final class PingOutputParser {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
  private static final Pattern CISCO_SUMMARY =
      Pattern.compile(
          "Success\\s+rate\\s+is\\s+(\\d{1,3})\\s+percent\\s+\\((\\d+)/(\\d+)\\)"
              + "(?:,?\\s*round-trip\\s+min/avg/max\\s*=\\s*([\\d.]+)/([\\d.]+)/([\\d.]+)\\s*ms)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COUNTS =
      Pattern.compile(
          "(\\d+)\\s+packets?(\\(s\\))?\\s+transmitted[,\\s]+"
              + "(\\d+)\\s+(packets?(?:\\(s\\))?\\s+)?received",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LOSS =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%\\s+packet\\s+loss", Pattern.CASE_INSENSITIVE);
  private static final Pattern RTT =
      Pattern.compile(
          "(?:round-trip|rtt)\\s+(?:\\(ms\\)\\s+)?min/avg/max(?:/[a-z\\-]+)?\\s*=\\s*"
              + "([\\d.]+)/([\\d.]+)/([\\d.]+)(?:/([\\d.]+))?\\s*(ms|us|µs)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern REPLY_TIME =
      Pattern.compile(
          "(?:(?:Reply\\s+from|bytes\\s+from)\\s+\\S+|bytes=\\d+\\s+Sequence=\\d+)"
              + ".*?time\\s*[=<]\\s*([\\d.]+)\\s*ms",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TIMEOUT_LINE =
      Pattern.compile(
          "^\\s*(?:Request\\s+time\\s*out|Request\\s+\\d+\\s+timed\\s+out)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UNREACHABLE =
      Pattern.compile(
          "Destination\\s+(?:Host|Net|Network|Port|Protocol)?\\s*Unreachable"
              + "|No\\s+route\\s+to\\s+host|Network\\s+is\\s+unreachable",
          Pattern.CASE_INSENSITIVE);

  /** Cisco "Sending N," or a BSD "PING x" banner (Junos rapid): probe-character rows follow. */
  private static final Pattern PROGRESS_HEADER =
      Pattern.compile("(?i:Sending\\s+\\d+,)|^\\s*PING6?[\\s(]", Pattern.MULTILINE);

  private static final Pattern DUPLICATES =
      Pattern.compile("\\+(\\d+)\\s+duplicates?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ERRORS =
      Pattern.compile("\\+(\\d+)\\s+errors?", Pattern.CASE_INSENSITIVE);

  /**
   * One probe character each: Cisco IPv4 {@code ! . U Q M ? &}, Cisco IPv6 adds {@code @ A B H N P
   * R T}; Junos rapid {@code ! . U}.
   */
  private static final Pattern PROGRESS_ROW = Pattern.compile("^[!.UQM?&@ABHNPRT]+$");

  /** Probe characters of an ICMP destination unreachable: U (IPv6 also H host, N net, A admin). */
  private static final Pattern UNREACHABLE_CHAR = Pattern.compile("[UHNA]");

  private PingOutputParser() {}

  static PingResult parse(String raw) {
    try {
      return parseOrThrow(raw);
    } catch (RuntimeException e) { // the contract: never throw on device output
      return PingResult.error("unreadable ping output (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static PingResult parseOrThrow(String raw) {
    if (raw == null || raw.isBlank()) {
      return PingResult.error("empty output");
    }
    String text = clean(raw);
    PingResult xml = JunosXmlSummary.parse(text, UNREACHABLE.matcher(text).find());
    if (xml != null) {
      return xml;
    }
    boolean unreachable = UNREACHABLE.matcher(text).find() || progressHasU(text);
    ReplyLines.Replies replies = ReplyLines.read(text);
    PingResult summary = parseCisco(text, unreachable);
    if (summary != null) {
      return summary.withDetails(stats(replies, summary, null), null, null);
    }
    summary = parseCounts(text, unreachable, replies);
    if (summary != null) {
      return summary;
    }
    String error = errorLine(text);
    if (error != null) {
      return PingResult.error(error);
    }
    PingResult perProbe = parsePerProbe(text, unreachable, replies);
    if (perProbe != null) {
      return perProbe;
    }
    return PingResult.error("no ping summary or probe lines found in the output");
  }

  /** Strips ANSI sequences, backspaces with the character they erase, and carriage returns. */
  static String clean(String raw) {
    String s = ANSI.matcher(raw).replaceAll("");
    if (s.indexOf('\b') >= 0) {
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\b') {
          if (!b.isEmpty()) {
            b.setLength(b.length() - 1);
          }
        } else {
          b.append(c);
        }
      }
      s = b.toString();
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static PingResult parseCisco(String text, boolean unreachable) {
    Matcher m = CISCO_SUMMARY.matcher(text);
    java.util.regex.MatchResult last = null;
    while (m.find()) {
      last = m.toMatchResult();
    }
    if (last == null) {
      return null;
    }
    int received = Integer.parseInt(last.group(2));
    int sent = Integer.parseInt(last.group(3));
    BigDecimal[] rtt =
        last.group(4) == null ? null : rtt(last.group(4), last.group(5), last.group(6), "ms");
    return PingResult.of(sent, received, null, rtt, unreachable);
  }

  /**
   * The distribution from the reply lines when there is one per reply the summary counted (a
   * transcript with lost or garbled lines gives none rather than a wrong one), else the device's
   * own standard deviation, else null.
   */
  private static RttStats stats(
      ReplyLines.Replies replies, PingResult summary, BigDecimal printedStddev) {
    if (summary.received() > 0 && replies.rttsMs().size() == summary.received()) {
      return RttStats.of(replies.rttsMs());
    }
    return RttStats.summaryOnly(printedStddev);
  }

  private static PingResult parseCounts(
      String text, boolean unreachable, ReplyLines.Replies replies) {
    Matcher m = COUNTS.matcher(text);
    int start = -1;
    int end = -1;
    int sent = 0;
    int received = 0;
    boolean vrpStyle = false; // "packet(s)": VRP and Comware print no duplicates or errors
    boolean iputils = false; // "N received" without "packets": only iputils counts errors
    while (m.find()) {
      start = m.start();
      end = m.end();
      sent = Integer.parseInt(m.group(1));
      vrpStyle = m.group(2) != null;
      received = Integer.parseInt(m.group(3));
      iputils = m.group(4) == null;
    }
    if (start < 0) {
      return null;
    }
    String after = text.substring(end);
    BigDecimal loss = null;
    Matcher lm = LOSS.matcher(after);
    if (lm.find() && lm.start() < 200) {
      loss = new BigDecimal(lm.group(1));
    }
    BigDecimal[] rtt = null;
    BigDecimal stddev = null;
    Matcher rm = RTT.matcher(after);
    if (rm.find()) {
      rtt = rtt(rm.group(1), rm.group(2), rm.group(3), rm.group(5));
      stddev = rm.group(4) == null ? null : ms(rm.group(4), rm.group(5));
    }
    PingResult summary = PingResult.of(sent, received, loss, rtt, unreachable);
    String countsLine = after.lines().findFirst().orElse("");
    Integer duplicates = summaryCount(DUPLICATES, countsLine, vrpStyle ? null : 0);
    if (replies.duplicates() > 0 && (duplicates == null || duplicates == 0)) {
      duplicates = replies.duplicates();
    }
    Integer errors = summaryCount(ERRORS, countsLine, iputils ? 0 : null);
    return summary.withDetails(stats(replies, summary, stddev), duplicates, errors);
  }

  /** The "+N word" of the counts line, else {@code absent}. */
  private static Integer summaryCount(Pattern p, String countsLine, Integer absent) {
    Matcher m = p.matcher(countsLine);
    return m.find() ? Integer.valueOf(m.group(1)) : absent;
  }

  /** min, avg, max in ms. */
  static BigDecimal[] rtt(String min, String avg, String max, String unit) {
    return new BigDecimal[] {ms(min, unit), ms(avg, unit), ms(max, unit)};
  }

  /** A printed time in ms; {@code unit} us or µs converts from microseconds. */
  static BigDecimal ms(String value, String unit) {
    BigDecimal v = new BigDecimal(value);
    return unit == null || unit.equalsIgnoreCase("ms")
        ? v
        : v.movePointLeft(3).stripTrailingZeros();
  }

  /** A {@code U} among Cisco or Junos rapid probe characters: an ICMP unreachable came back. */
  private static boolean progressHasU(String text) {
    for (String row : progressRows(text)) {
      if (UNREACHABLE_CHAR.matcher(row).find()) {
        return true;
      }
    }
    return false;
  }

  /** The rows of probe characters that follow the last Cisco "Sending N," or "PING x" line. */
  private static List<String> progressRows(String text) {
    List<String> rows = new ArrayList<>();
    Matcher sending = PROGRESS_HEADER.matcher(text);
    int from = -1;
    while (sending.find()) {
      from = sending.end();
    }
    if (from < 0) {
      return rows;
    }
    String[] lines = text.substring(from).split("\n");
    for (int i = 1; i < lines.length; i++) { // line 0 is the rest of the "Sending" line
      String line = lines[i].strip();
      if (PROGRESS_ROW.matcher(line).matches()) {
        rows.add(line);
      } else if (!line.isEmpty()) {
        break;
      }
    }
    return rows;
  }

  /** A line that says the device rejected the command ({@link Rejections}), or null. */
  private static String errorLine(String text) {
    return Rejections.rejectedLine(text);
  }

  /** No summary: count reply, timeout and unreachable lines, or Cisco probe characters. */
  private static PingResult parsePerProbe(
      String text, boolean unreachable, ReplyLines.Replies replies) {
    List<BigDecimal> times = new ArrayList<>();
    int lost = 0;
    for (String line : text.split("\n")) {
      Matcher r = REPLY_TIME.matcher(line);
      if (line.contains("(DUP!)")) {
        continue; // a second answer to a probe already counted
      }
      if (r.find()) {
        times.add(new BigDecimal(r.group(1)));
      } else if (TIMEOUT_LINE.matcher(line).find() || UNREACHABLE.matcher(line).find()) {
        lost++;
      }
    }
    if (times.isEmpty() && lost == 0) {
      List<String> rows = progressRows(text);
      if (rows.isEmpty()) {
        return null;
      }
      int bangs = 0;
      int total = 0;
      for (String row : rows) {
        for (char c : row.toCharArray()) {
          total++;
          if (c == '!') {
            bangs++;
          }
        }
      }
      return PingResult.of(total, bangs, null, null, unreachable);
    }
    BigDecimal[] rtt = null;
    if (!times.isEmpty()) {
      BigDecimal min = times.get(0);
      BigDecimal max = times.get(0);
      BigDecimal sum = BigDecimal.ZERO;
      for (BigDecimal t : times) {
        min = min.min(t);
        max = max.max(t);
        sum = sum.add(t);
      }
      rtt =
          new BigDecimal[] {
            min, sum.divide(BigDecimal.valueOf(times.size()), 3, RoundingMode.HALF_UP), max
          };
    }
    PingResult counted = PingResult.of(times.size() + lost, times.size(), null, rtt, unreachable);
    Integer duplicates = replies.duplicates() > 0 ? replies.duplicates() : null;
    return counted.withDetails(stats(replies, counted, null), duplicates, null);
  }
}
