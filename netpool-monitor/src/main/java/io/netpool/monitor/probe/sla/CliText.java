package io.netpool.monitor.probe.sla;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small readers over a router's CLI text shared by the SLA parsers: cleaning terminal noise,
 * cutting out one entry, and reading labelled values. Every reader returns null for what is not
 * printed or not a number, so a parser fills only what the router printed.
 */
final class CliText {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

  /** A value with its unit, e.g. {@code 12 milliseconds}; the unit is optional. */
  static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

  /**
   * Lines that say an entry does not exist, in the wording IOS and IOS-XR use for configuration
   * lookups ("does not exist", "not configured", "not found", "No such ...").
   */
  private static final Pattern NO_SUCH_ENTRY =
      Pattern.compile(
          "^.*(?:does\\s+not\\s+exist|not\\s+configured|not\\s+found|no\\s+such\\s+(?:entry|operation))"
              + ".*$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** An IOS-style CLI error, e.g. {@code % Invalid input detected at '^' marker.} */
  private static final Pattern CLI_ERROR = Pattern.compile("^\\s*%.*$", Pattern.MULTILINE);

  private CliText() {}

  /** Strips ANSI sequences, backspaces with the character they erase, and carriage returns. */
  static String clean(String raw) {
    String s = ANSI.matcher(raw).replaceAll("");
    if (s.indexOf('\b') >= 0) {
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\b') {
          b.append(c);
        } else if (!b.isEmpty()) {
          b.setLength(b.length() - 1);
        }
      }
      s = b.toString();
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * The text of the first entry: from the first match of {@code header} to the next one (or the
   * end); null when there is no header.
   */
  static String firstEntry(String text, Pattern header) {
    Matcher m = header.matcher(text);
    if (!m.find()) {
      return null;
    }
    int start = m.start();
    return m.find() ? text.substring(start, m.start()) : text.substring(start);
  }

  /** Group 1 of the first match, trimmed; null without a match or when it is blank. */
  static String text(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      return null;
    }
    String v = m.group(1).trim();
    return v.isEmpty() ? null : v;
  }

  /** The whole first matching line, trimmed; null without a match. */
  static String line(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group().trim() : null;
  }

  /** Group 1 of the first match as an integer; null without a match or when not a number. */
  static Integer integer(Pattern p, String text) {
    String v = text(p, text);
    if (v == null || !v.matches("\\d{1,9}")) {
      return null;
    }
    return Integer.valueOf(v);
  }

  /** Group 1 of the first match as a number; null without a match or when not a number. */
  static Double number(Pattern p, String text) {
    String v = text(p, text);
    if (v == null || !v.matches("\\d{1,12}(?:\\.\\d{1,9})?")) {
      return null;
    }
    return Double.valueOf(v);
  }

  /**
   * The three numbers of a {@code Min/Avg/Max: a/b/c [unit]} match (groups 1-3, unit in group 4) in
   * milliseconds; null without a match.
   */
  static double[] triple(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      return null;
    }
    double scale = toMs(m.groupCount() >= 4 ? m.group(4) : null);
    return new double[] {
      Double.parseDouble(m.group(1)) * scale,
      Double.parseDouble(m.group(2)) * scale,
      Double.parseDouble(m.group(3)) * scale
    };
  }

  /** Factor from a printed time unit to milliseconds (IOS prints microseconds when so set). */
  static double toMs(String unit) {
    if (unit == null) {
      return 1;
    }
    String u = unit.toLowerCase(Locale.ROOT);
    return u.startsWith("micro") || u.equals("us") || u.equals("usec") ? 0.001 : 1;
  }

  /** The first line saying the entry does not exist, trimmed; null when there is none. */
  static String noSuchEntryLine(String text) {
    return line(NO_SUCH_ENTRY, text);
  }

  /** The first {@code %} CLI error line, trimmed; null when there is none. */
  static String cliErrorLine(String text) {
    return line(CLI_ERROR, text);
  }

  /** Whether a printed state or time says the operation has not run or is not running. */
  static boolean meansNotRun(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.isEmpty()
        || v.equals("-")
        || v.startsWith("unknown")
        || v.startsWith("never")
        || v.startsWith("pending")
        || v.startsWith("inactive")
        || v.startsWith("not ");
  }
}
