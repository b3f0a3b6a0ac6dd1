package io.netpool.monitor.inventory;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with an inventory file, printed as {@code file:line:column: field: message}, for
 * example {@code monitor.yml:14:5: lines[2].target: '10.0.0.300' is not an IPv4 or IPv6 address}.
 *
 * @param file the file as it was given to the loader
 * @param line 1-based line, or 0 when the problem has no position (the file cannot be read)
 * @param column 1-based column, or 0 when unknown
 * @param field path of the field such as {@code lines[2].target} or {@code defaults.line.interval};
 *     empty for problems of the whole file
 * @param message what is wrong; never contains a secret value
 */
public record Problem(String file, int line, int column, String field, String message) {

  /** File order: by line, then column (a stable sort keeps the order found at one position). */
  public static final Comparator<Problem> BY_POSITION =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  public Problem {
    Objects.requireNonNull(file, "file");
    field = field == null ? "" : field;
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ");
    if (!field.isEmpty()) {
      b.append(field).append(": ");
    }
    return b.append(message).toString();
  }
}
