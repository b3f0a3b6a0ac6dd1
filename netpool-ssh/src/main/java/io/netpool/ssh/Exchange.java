package io.netpool.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of an interactive dialog (a confirmation, a password question): send {@code input}, then
 * read until {@code expect} matches the last line of the output.
 *
 * @param input the text to send (a newline is added)
 * @param expect regex (case-insensitive, searched in the last line) that ends this step; {@code
 *     null} or blank means the device's normal prompt
 * @param hidden true for secrets: not echoed by the device, masked in transcripts and results
 */
public record Exchange(String input, String expect, boolean hidden) {

  public Exchange {
    Objects.requireNonNull(input, "input");
  }

  /** Send {@code input}, then wait for {@code expectRegex}. */
  public static Exchange of(String input, String expectRegex) {
    return new Exchange(input, expectRegex, false);
  }

  /** Send {@code input}, then wait for the text {@code expectLiteral} (quoted). */
  public static Exchange literal(String input, String expectLiteral) {
    return new Exchange(input, Pattern.quote(expectLiteral), false);
  }

  /** Send a secret, then wait for {@code expectRegex}. */
  public static Exchange hidden(String input, String expectRegex) {
    return new Exchange(input, expectRegex, true);
  }

  /** Send {@code input}, then wait for the device's prompt. */
  public static Exchange toPrompt(String input) {
    return new Exchange(input, null, false);
  }

  @Override
  public String toString() {
    return "Exchange[" + (hidden ? Transcript.MASK : input) + " -> " + expect + "]";
  }
}
