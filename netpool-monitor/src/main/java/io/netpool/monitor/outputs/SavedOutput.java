package io.netpool.monitor.outputs;

import io.netpool.monitor.probe.CheckOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file form of a router output that could not be read, for sending in and for {@code netpool
 * parse FILE}: a header of {@code # key: value} lines after a first line {@value #MAGIC}, an empty
 * line, then the output exactly as the router printed it (secrets masked).
 *
 * <pre>
 * # netpool-output v1
 * # platform: cisco_iosxe
 * # command: ping 192.0.2.1 repeat 5 timeout 2
 * # time: 2026-12-04T01:02:03Z
 * # line: bj-sh-001
 * # router: pe-1
 *
 * (the output)
 * </pre>
 */
public record SavedOutput(
    String platform, String command, Instant time, String lineId, String routerId, String output) {

  /** The first line of every saved output. */
  public static final String MAGIC = "# netpool-output v1";

  public static SavedOutput of(CheckOutput o) {
    return new SavedOutput(
        o.platform(), o.command(), o.time(), o.lineId(), o.routerId(), o.output());
  }

  /** The file's text. */
  public String format() {
    StringBuilder b = new StringBuilder(output.length() + 256);
    b.append(MAGIC).append('\n');
    header(b, "platform", platform);
    header(b, "command", command);
    header(b, "time", time == null ? null : time.toString());
    header(b, "line", lineId);
    header(b, "router", routerId);
    return b.append('\n').append(output).toString();
  }

  private static void header(StringBuilder b, String key, String value) {
    if (value != null) {
      // one line per key, whatever the value holds
      b.append("# ").append(key).append(": ").append(value.replace('\n', ' ')).append('\n');
    }
  }

  /** True when {@code text} is a saved output (its first line is {@value #MAGIC}). */
  public static boolean isSaved(String text) {
    return text.startsWith(MAGIC + "\n") || text.startsWith(MAGIC + "\r\n");
  }

  /**
   * Reads a saved output.
   *
   * @throws IllegalArgumentException when {@code text} is not one, or has no platform
   */
  public static SavedOutput parse(String text) {
    if (!isSaved(text)) {
      throw new IllegalArgumentException("not a saved netpool output (no '" + MAGIC + "' line)");
    }
    Map<String, String> h = new LinkedHashMap<>();
    int pos = text.indexOf('\n') + 1;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      String line = (nl < 0 ? text.substring(pos) : text.substring(pos, nl)).stripTrailing();
      pos = nl < 0 ? text.length() : nl + 1;
      if (line.isEmpty()) {
        break; // the output follows
      }
      int colon = line.indexOf(':');
      if (line.startsWith("# ") && colon > 2) {
        h.put(line.substring(2, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    if (h.get("platform") == null || h.get("platform").isEmpty()) {
      throw new IllegalArgumentException("the saved output names no platform");
    }
    Instant time;
    try {
      time = h.containsKey("time") ? Instant.parse(h.get("time")) : null;
    } catch (DateTimeParseException e) {
      time = null;
    }
    return new SavedOutput(
        h.get("platform"),
        h.get("command"),
        time,
        h.get("line"),
        h.get("router"),
        text.substring(pos));
  }
}
