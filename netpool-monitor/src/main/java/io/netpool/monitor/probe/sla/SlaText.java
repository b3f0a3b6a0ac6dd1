package io.netpool.monitor.probe.sla;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads "Key: value" fields out of a router's SLA results text, where two fields often share a line
 * in columns ({@code Send operation times: 3 Receive response times: 3}). Shared by the NQA parsers
 * (Huawei, H3C) and the Junos one. Every method returns null rather than throwing.
 */
final class SlaText {
  private static final Pattern ZERO_DATE = Pattern.compile("^0+-0+-0+\\b.*");

  private SlaText() {}

  /**
   * Line ends made plain and no-break spaces made spaces: outputs copied through documentation or
   * terminals carry them, and the column layout relies on runs of spaces.
   */
  static String normalize(String output) {
    return output.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ');
  }

  /**
   * A field at the start of a line or of a column (after two or more spaces), so that {@code SD
   * average} does not match inside {@code Positive SD average}. {@code keyRegex} is matched case
   * insensitively, its spaces as any run of spaces.
   */
  static Pattern field(String keyRegex, String valueRegex) {
    String key = keyRegex.replace(" ", "[ \\t]+");
    return Pattern.compile(
        "(?:^|[ \\t]{2,}|\\t)[ \\t]*" + key + "[ \\t]*:[ \\t]*(" + valueRegex + ")",
        Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  }

  /** A field whose value is a whole number. */
  static Pattern intField(String keyRegex) {
    return field(keyRegex, "-?\\d+");
  }

  /** A field whose value is a decimal number. */
  static Pattern numberField(String keyRegex) {
    return field(keyRegex, "-?\\d+(?:\\.\\d+)?");
  }

  static String text(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1).trim() : null;
  }

  static Integer integer(Pattern pattern, String text) {
    return toInteger(text(pattern, text));
  }

  static Double number(Pattern pattern, String text) {
    return toDouble(text(pattern, text));
  }

  /** The first pattern that matches, or null. */
  static Integer integer(String text, Pattern... patterns) {
    for (Pattern p : patterns) {
      Integer v = integer(p, text);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** The first pattern that matches, or null. */
  static Double number(String text, Pattern... patterns) {
    for (Pattern p : patterns) {
      Double v = number(p, text);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static Integer toInteger(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Double toDouble(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Three numbers written {@code a/b/c}, or null when the text is not that. */
  static double[] triple(String s) {
    if (s == null) {
      return null;
    }
    String[] parts = s.trim().split("\\s*/\\s*");
    if (parts.length < 3) {
      return null;
    }
    double[] values = new double[3];
    for (int i = 0; i < 3; i++) {
      Double v = toDouble(parts[i]);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    return values;
  }

  /**
   * A probe time as printed, or null for the all-zero date NQA prints when no probe ever succeeded
   * ({@code 0000-00-00 00:00:00.0}, {@code 0-00-00 00:00:00.0}).
   */
  static String time(String printed) {
    if (printed == null || printed.isBlank() || ZERO_DATE.matcher(printed.trim()).matches()) {
      return null;
    }
    return printed.trim();
  }

  /** The first non-blank line, trimmed, or null. */
  static String firstLine(String text) {
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return null;
  }

  /** The first line (trimmed) that contains {@code needle}, case insensitively, or null. */
  static String lineContaining(String text, String needle) {
    String lower = needle.toLowerCase(java.util.Locale.ROOT);
    for (String line : text.split("\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).contains(lower)) {
        return line.trim();
      }
    }
    return null;
  }
}
