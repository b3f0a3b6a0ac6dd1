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
          "(\\d+)\\s+packets?(?:\\(s\\))?\\s+transmitted[,\\s]+"
              + "(\\d+)\\s+(?:packets?(?:\\(s\\))?\\s+)?received",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LOSS =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%\\s+packet\\s+loss", Pattern.CASE_INSENSITIVE);
  private static final Pattern RTT =
      Pattern.compile(
          "(?:round-trip|rtt)\\s+(?:\\(ms\\)\\s+)?min/avg/max(?:/[a-z\\-]+)?\\s*=\\s*"
              + "([\\d.]+)/([\\d.]+)/([\\d.]+)(?:/[\\d.]+)?\\s*(ms|us|µs)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern REPLY_TIME =
      Pattern.compile(
          "(?:Reply\\s+from|bytes\\s+from)\\s+\\S+.*?time\\s*[=<]\\s*([\\d.]+)\\s*ms",
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
  private static final Pattern CISCO_SENDING =
      Pattern.compile("Sending\\s+(\\d+),", Pattern.CASE_INSENSITIVE);
  private static final Pattern PROGRESS_ROW = Pattern.compile("^[!.UQM?&B]+$");
  private static final Pattern XML_SUMMARY =
      Pattern.compile("<probe-results-summary>(.*?)</probe-results-summary>", Pattern.DOTALL);

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
    PingResult xml = parseXml(text);
    if (xml != null) {
      return xml;
    }
    boolean unreachable = UNREACHABLE.matcher(text).find() || ciscoProgressHasU(text);
    PingResult summary = parseCisco(text, unreachable);
    if (summary == null) {
      summary = parseCounts(text, unreachable);
    }
    if (summary != null) {
      return summary;
    }
    String error = errorLine(text);
    if (error != null) {
      return PingResult.error(error);
    }
    PingResult perProbe = parsePerProbe(text, unreachable);
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

  private static PingResult parseCounts(String text, boolean unreachable) {
    Matcher m = COUNTS.matcher(text);
    int start = -1;
    int end = -1;
    int sent = 0;
    int received = 0;
    while (m.find()) {
      start = m.start();
      end = m.end();
      sent = Integer.parseInt(m.group(1));
      received = Integer.parseInt(m.group(2));
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
    Matcher rm = RTT.matcher(after);
    if (rm.find()) {
      rtt = rtt(rm.group(1), rm.group(2), rm.group(3), rm.group(4));
    }
    return PingResult.of(sent, received, loss, rtt, unreachable);
  }

  private static BigDecimal[] rtt(String min, String avg, String max, String unit) {
    BigDecimal[] v = {new BigDecimal(min), new BigDecimal(avg), new BigDecimal(max)};
    if (unit != null && !unit.equalsIgnoreCase("ms")) {
      for (int i = 0; i < 3; i++) {
        v[i] = v[i].movePointLeft(3).stripTrailingZeros();
      }
    }
    return v;
  }

  /** Junos {@code <ping-results>} (NETCONF or {@code | display xml}); RTTs are microseconds. */
  private static PingResult parseXml(String text) {
    Matcher m = XML_SUMMARY.matcher(text);
    if (!m.find()) {
      return null;
    }
    String body = m.group(1);
    Integer sent = xmlInt(body, "probes-sent");
    Integer received = xmlInt(body, "responses-received");
    if (sent == null || received == null) {
      return PingResult.error("Junos ping-results without probe counts");
    }
    String loss = xmlText(body, "packet-loss");
    BigDecimal[] rtt = null;
    String min = xmlText(body, "rtt-minimum");
    String avg = xmlText(body, "rtt-average");
    String max = xmlText(body, "rtt-maximum");
    if (min != null && avg != null && max != null) {
      rtt = rtt(min, avg, max, "us");
    }
    boolean unreachable = UNREACHABLE.matcher(text).find();
    return PingResult.of(
        sent, received, loss == null ? null : new BigDecimal(loss), rtt, unreachable);
  }

  private static Integer xmlInt(String body, String tag) {
    String t = xmlText(body, tag);
    return t == null ? null : Integer.valueOf(t);
  }

  private static String xmlText(String body, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">\\s*([^<]*?)\\s*</" + tag + ">").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  private static boolean ciscoProgressHasU(String text) {
    for (String row : progressRows(text)) {
      if (row.indexOf('U') >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The rows of probe characters that follow a Cisco "Sending N," line. */
  private static List<String> progressRows(String text) {
    List<String> rows = new ArrayList<>();
    Matcher sending = CISCO_SENDING.matcher(text);
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
  private static PingResult parsePerProbe(String text, boolean unreachable) {
    List<BigDecimal> times = new ArrayList<>();
    int lost = 0;
    for (String line : text.split("\n")) {
      Matcher r = REPLY_TIME.matcher(line);
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
      int replies = 0;
      int total = 0;
      for (String row : rows) {
        for (char c : row.toCharArray()) {
          total++;
          if (c == '!') {
            replies++;
          }
        }
      }
      return PingResult.of(total, replies, null, null, unreachable);
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
    return PingResult.of(times.size() + lost, times.size(), null, rtt, unreachable);
  }
}
