package io.netpool.monitor.inventory;

import com.fasterxml.jackson.core.JsonToken;
import io.netpool.monitor.inventory.YamlTree.Scalar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Readers for the service settings of {@code monitor.yml} ({@code pool:}, {@code scheduler:},
 * {@code ssh:}, {@code http:}, {@code logging:}): durations that can be turned off, decimal numbers
 * and paths. The readers of devices and lines are in {@link Fields}.
 */
public final class SettingReaders {
  private SettingReaders() {}

  /**
   * A duration as {@link Fields#duration}, or {@code off} ({@code 0}, {@code 0s} or {@code false}
   * too) for {@link Duration#ZERO}: a feature turned off.
   */
  public static FieldReader<Duration> durationOrOff(Duration min, Duration max) {
    FieldReader<Duration> on = Fields.duration(min, max);
    return (node, path, ctx) -> {
      if (node instanceof Scalar s && isOff(s)) {
        return Duration.ZERO;
      }
      return on.read(node, path, ctx);
    };
  }

  private static boolean isOff(Scalar s) {
    String t = s.text().trim().toLowerCase(Locale.ROOT);
    return s.token() == JsonToken.VALUE_FALSE
        || t.equals("off")
        || t.matches("0+")
        || t.matches("0+(ms|s|m|h|d)");
  }

  /** A plain YAML number (integer or decimal) in {@code min..max}. */
  public static FieldReader<Double> number(double min, double max) {
    return (node, path, ctx) -> {
      if (!(node instanceof Scalar s)
          || (s.token() != JsonToken.VALUE_NUMBER_INT
              && s.token() != JsonToken.VALUE_NUMBER_FLOAT)) {
        String shown = node instanceof Scalar s2 ? " '" + s2.text() + "'" : "";
        ctx.problem(node.mark(), path, "expected a number, got " + node.kind() + shown);
        return null;
      }
      double n;
      try {
        n = Double.parseDouble(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        ctx.problem(node.mark(), path, "'" + s.text() + "' is not a number");
        return null;
      }
      if (!(n >= min && n <= max)) {
        ctx.problem(
            node.mark(), path, "must be " + plain(min) + ".." + plain(max) + ", was " + s.text());
        return null;
      }
      return n;
    };
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** YAML {@code true} or {@code false}, nothing else (no {@code yes}/{@code on} guessing). */
  public static FieldReader<Boolean> bool() {
    return (node, path, ctx) -> {
      if (node instanceof Scalar s
          && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
        return s.token() == JsonToken.VALUE_TRUE;
      }
      String shown = node instanceof Scalar s2 ? " '" + s2.text() + "'" : "";
      ctx.problem(node.mark(), path, "expected true or false, got " + node.kind() + shown);
      return null;
    };
  }

  /** A file or folder path, relative to the file's folder; not checked for existence. */
  public static FieldReader<Path> path() {
    return (node, path, ctx) -> {
      String t = Fields.text(node, path, ctx);
      if (t == null) {
        return null;
      }
      if (t.isBlank()) {
        ctx.problem(node.mark(), path, "must not be blank");
        return null;
      }
      String p = t.trim();
      if (p.equals("~") || p.startsWith("~/")) {
        p = System.getProperty("user.home") + p.substring(1);
      }
      return ctx.baseDir().resolve(p).normalize();
    };
  }
}
