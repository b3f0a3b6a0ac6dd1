package io.netpool.ssh.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a probe type other than ping reads its results on a platform: one entry of a profile's {@code
 * probes:} block, for example {@code sla: {command: 'show ip sla statistics {operation} details',
 * format: cisco_ip_sla}}. This module only carries the data; the probe type that owns the name
 * (netpool-monitor) knows the formats and what each placeholder means.
 *
 * @param command the command, with {@code {key}} placeholders filled from the line's definition
 * @param format the output format's name, as the probe type knows it
 * @param keys the placeholders of {@code command}, in order of appearance
 */
public record ProbeCommand(String command, String format, List<String> keys) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z_]{0,31})}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public ProbeCommand {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(format, "format");
    keys = List.copyOf(keys);
  }

  /**
   * The entry for a command template and format.
   *
   * @throws IllegalArgumentException for a blank command, a brace that is not a {@code {key}}
   *     placeholder, a line break, or a format that is not a lower-case name
   */
  public static ProbeCommand of(String command, String format) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("the command is empty");
    }
    if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the command is one line");
    }
    if (format == null || !NAME.matcher(format).matches()) {
      throw new IllegalArgumentException(
          "format '" + format + "' is not a name (lower-case letters, digits, _)");
    }
    List<String> keys = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(command);
    String rest = PLACEHOLDER.matcher(command).replaceAll("");
    if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
      throw new IllegalArgumentException(
          "'" + command + "': braces only around a placeholder name such as {operation}");
    }
    while (m.find()) {
      if (!keys.contains(m.group(1))) {
        keys.add(m.group(1));
      }
    }
    return new ProbeCommand(command, format, keys);
  }

  /**
   * The command with every placeholder replaced by its value.
   *
   * @throws IllegalArgumentException when a placeholder has no value
   */
  public String fill(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(command);
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("no value for {" + m.group(1) + "} of: " + command);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
