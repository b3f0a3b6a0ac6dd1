package io.netpool.monitor.ping;

import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.Platforms;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one list of "the device rejected the command": every profile's {@code failed_when_contains}
 * (from the registry, so a user's profile brings its own) plus the complaints of the ping tool and
 * of shells, which no profile owns. The output parser reports such a line as the error of a ping
 * without a summary, and the probe then names the failure {@code command_failed}.
 */
public final class Rejections {
  /** The ping tool's and the shell's own complaints, matched case-insensitively anywhere. */
  static final List<String> TOOL =
      List.of(
          "% invalid",
          "% bad ",
          "% vrf",
          "% unrecognized",
          "% incomplete command",
          "% ambiguous command",
          "% unknown command",
          "% wrong parameter",
          "error:",
          "syntax error",
          "unknown command",
          "invalid option",
          "unknown host",
          "name or service not known",
          "invalid host",
          "bad address",
          "cannot resolve",
          "no such host",
          "command authorization failed",
          "command not found",
          "usage:",
          "ping: ",
          "ping6: ",
          "bash: ");

  private Rejections() {}

  /** Every marker, lower case: the tool's, then each registered profile's. */
  static Set<String> markers() {
    Set<String> all = new LinkedHashSet<>(TOOL);
    for (PlatformProfile p : Platforms.registry().profiles()) {
      for (String m : p.failedWhenContains()) {
        all.add(m.toLowerCase(Locale.ROOT));
      }
    }
    return all;
  }

  /** The first line of {@code text} that contains a marker, stripped, or null. */
  public static String rejectedLine(String text) {
    Set<String> markers = markers();
    for (String line : text.split("\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      for (String marker : markers) {
        if (lower.contains(marker)) {
          return line.strip();
        }
      }
    }
    return null;
  }
}
