package io.netpool.sim.platform;

import java.io.IOException;
import java.time.Duration;

/**
 * Renders one platform's CLI: prompt, paging marker, commands and their output. Stateless: one
 * instance serves every session of the platform; per-session state lives in {@link CliContext}.
 */
public abstract class PlatformRenderer {

  /** The prompt for the session's current mode and privilege. */
  public abstract String prompt(CliContext ctx);

  /** Runs one non-empty command line. */
  public abstract void execute(String line, CliContext ctx) throws IOException;

  /** The paging marker, for example {@code --More-- }. */
  public String moreMarker() {
    return " --More-- ";
  }

  /** Written after a key at the paging marker to erase it. */
  public String moreEraser() {
    String m = moreMarker();
    return "\b".repeat(m.length()) + " ".repeat(m.length()) + "\b".repeat(m.length());
  }

  /** Lines per page before the user changes it. */
  public int defaultTerminalLength() {
    return 24;
  }

  /** Whether paging applies at all (not on a Linux shell). */
  public boolean pages() {
    return true;
  }

  /** Whether a fresh login is privileged, given the spec's enableRequired. */
  public boolean startsPrivileged(boolean enableRequired) {
    return true;
  }

  /** Text written once when an interactive session starts, before the first prompt. */
  public String banner(CliContext ctx) {
    return "\n";
  }

  /** Line ending of an exec channel's output. */
  public String execLineEnding() {
    return "\r\n";
  }

  // ---- helpers shared by platforms

  /** A line with a caret under column {@code column} of the command typed after the prompt. */
  protected static String caret(CliContext ctx, int column) {
    return " ".repeat(ctx.currentPrompt().length() + column) + "^";
  }

  /** Cisco-style uptime: {@code 2 weeks, 3 days, 4 hours, 5 minutes}. */
  protected static String ciscoUptime(Duration d) {
    long minutes = d.toMinutes();
    long weeks = minutes / (7 * 24 * 60);
    long days = minutes / (24 * 60) % 7;
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    StringBuilder sb = new StringBuilder();
    if (weeks > 0) {
      sb.append(plural(weeks, "week")).append(", ");
    }
    if (days > 0) {
      sb.append(plural(days, "day")).append(", ");
    }
    if (hours > 0) {
      sb.append(plural(hours, "hour")).append(", ");
    }
    sb.append(plural(mins, "minute"));
    return sb.toString();
  }

  protected static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** Integer milliseconds as Cisco IOS prints round-trip times (at least 1). */
  protected static long ms(double v) {
    return Math.max(1, Math.round(v));
  }

  /** A block of {@code n} numbered filler lines in the given format (for long outputs). */
  protected static String lines(int n, String format) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(String.format(java.util.Locale.ROOT, format, i)).append('\n');
    }
    return sb.toString();
  }

  protected static final String CISCO_CRYPTO =
      """

      This product contains cryptographic features and is subject to United
      States and local country laws governing import, export, transfer and
      use. Delivery of Cisco cryptographic products does not imply
      third-party authority to import, export, distribute or use encryption.
      Importers, exporters, distributors and users are responsible for
      compliance with U.S. and local country laws. By using this product you
      agree to comply with applicable laws and regulations. If you are unable
      to comply with U.S. and local laws, return this product immediately.

      A summary of U.S. laws governing Cisco cryptographic products may be found at:
      http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

      If you require further assistance please contact us by sending email to
      export@cisco.com.
      """;
}
