package io.netpool.monitor.inventory;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations written with units, as in {@code monitor.yml}: {@code 500ms}, {@code
 * 2s}, {@code 180s}, {@code 3m}, {@code 1h30m}, {@code 1d}.
 *
 * <p>A duration is one or more whole numbers, each followed by a unit ({@code ms}, {@code s},
 * {@code m}, {@code h}, {@code d}), largest unit first, each unit at most once, no spaces or signs.
 * A plain number such as {@code 180} is <b>rejected</b>: the original system read bare numbers as
 * seconds and silently fell back to a default for anything else, so a missing unit is treated as a
 * mistake to fix ({@code 180s}) rather than a guess.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final String[] ORDER = {"d", "h", "m", "s", "ms"};

  private Durations() {}

  /**
   * The duration written in {@code text}.
   *
   * @throws IllegalArgumentException with a message that quotes the text and says what is wrong
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration; write e.g. '180s', '3m' or '500ms'");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("[+-]?\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          "'" + text + "' has no unit; write e.g. '" + t + "s' (units: ms, s, m, h, d)");
    }
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("'" + text + "' is negative; a duration must be > 0");
    }
    Matcher m = PART.matcher(t);
    int pos = 0;
    int lastUnit = -1;
    Duration total = Duration.ZERO;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration; write e.g. '180s', '3m', '1h30m' or '500ms'");
      }
      int unit = java.util.Arrays.asList(ORDER).indexOf(m.group(2));
      if (unit <= lastUnit) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a duration: units must appear once each, largest first (e.g."
                + " '1h30m')");
      }
      lastUnit = unit;
      long n;
      try {
        n = Long.parseLong(m.group(1));
        total = total.plus(unitDuration(m.group(2), n));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("'" + text + "' is too large", e);
      }
      pos = m.end();
    }
    return total;
  }

  private static Duration unitDuration(String unit, long n) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }

  /**
   * The shortest text that {@link #parse} reads back as {@code d}, e.g. {@code 1h30m}, {@code 0s}.
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration " + d);
    }
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    long millis = d.toMillisPart();
    if (days > 0) {
      b.append(days).append('d');
    }
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (minutes > 0) {
      b.append(minutes).append('m');
    }
    if (seconds > 0) {
      b.append(seconds).append('s');
    }
    if (millis > 0) {
      b.append(millis).append("ms");
    }
    return b.isEmpty() ? "0s" : b.toString();
  }
}
