package io.netpool.ssh;

import java.io.IOException;
import java.time.Duration;

/**
 * Finds the first prompt of a fresh shell, and tells a prompt that is there but unrecognised from a
 * device that is merely slow.
 *
 * <p>The prompt usually arrives on its own after the banner: the shell waits up to {@link #GRACE}
 * for a line that matches a privilege level (or the device's extra prompt pattern). If none came,
 * it sends a Return and waits for one until the creation deadline, but fails at once with {@link
 * PromptUnrecognisedException} when the prompt is <em>seen but unrecognised</em>:
 *
 * <ol>
 *   <li>the output has been quiet for {@link #SETTLE} (nothing more is coming), and
 *   <li>the line the cursor is on (text after the last line break: complete banner lines do not
 *       count), trimmed, is 1 to {@value #MAX_PROMPT_CHARS} characters long and ends with one of
 *       {@code # > $ ] %} (it looks like a prompt), and
 *   <li>the same text is also the previous non-blank line (the device answered the Return by
 *       printing it again, as a prompt does; a banner line such as {@code ####} is not repeated).
 * </ol>
 *
 * A device that is slow to print its banner or prompt keeps waiting up to the deadline as before
 * (its output is not quiet, it ends with a complete line, or its last line is not repeated), and so
 * does one that answers nothing: that is a timeout, not an unrecognised prompt.
 */
final class FirstPrompt {
  /** How long the prompt may take to appear on its own before a Return asks for it. */
  static final Duration GRACE = Duration.ofSeconds(2);

  /** How long the output must be quiet before its last line is judged. */
  static final Duration SETTLE = Duration.ofSeconds(2);

  /** Longer lines are output, not a prompt. */
  static final int MAX_PROMPT_CHARS = 128;

  private static final String PROMPT_ENDINGS = "#>$]%";

  private FirstPrompt() {}

  /**
   * Waits for the first recognised prompt and returns its line.
   *
   * @throws PromptUnrecognisedException the device shows a prompt that matches no level
   * @throws CommandTimeoutException no prompt at all by the deadline
   */
  static String await(
      ShellIo io, ShellPrompt prompts, String deviceId, String platform, long deadline)
      throws IOException {
    long grace = Math.min(deadline, System.nanoTime() + GRACE.toNanos());
    String out = io.readUntil(prompts::promptEnd, grace, "the first prompt", false);
    if (out == null) {
      io.write("\n", false);
      out =
          io.readUntil(
              prompts::promptEnd,
              deadline,
              "the first prompt",
              SETTLE,
              b -> {
                String seen = unrecognisedPrompt(b);
                if (seen != null) {
                  String shown = io.mask(seen);
                  throw new PromptUnrecognisedException(
                      "device "
                          + deviceId
                          + ": prompt '"
                          + shown
                          + "' matches no privilege level of platform "
                          + platform
                          + " (set the device's prompt pattern, or use a profile that knows it)",
                      shown);
                }
              });
    }
    return ShellIo.lastLine(out);
  }

  /**
   * The trimmed last line of quiet output when it is a repeated prompt-like line (rules 2 and 3
   * above), else null.
   */
  static String unrecognisedPrompt(CharSequence output) {
    String[] lines = output.toString().split("\n", -1);
    String last = lines[lines.length - 1].strip();
    if (!looksLikePrompt(last)) {
      return null;
    }
    for (int i = lines.length - 2; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.isEmpty()) {
        return line.equals(last) ? last : null;
      }
    }
    return null;
  }

  /** Rule 2: short, and ends the way prompts end. */
  static boolean looksLikePrompt(String trimmed) {
    return !trimmed.isEmpty()
        && trimmed.length() <= MAX_PROMPT_CHARS
        && PROMPT_ENDINGS.indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
  }
}
