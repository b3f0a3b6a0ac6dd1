package io.netpool.ssh;

import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PrivilegeLevel;
import java.util.regex.Pattern;

/**
 * What a shell's prompt is: which lines are prompts (the platform's level patterns plus the
 * device's own extra prompt pattern), and the last prompt seen with its privilege level.
 */
final class ShellPrompt {
  private final PlatformProfile profile;
  private final Pattern extraPrompt;

  private volatile String prompt = "";
  private volatile PrivilegeLevel level;

  ShellPrompt(PlatformProfile profile, String extraPromptPattern) {
    this.profile = profile;
    this.extraPrompt =
        extraPromptPattern == null
            ? null
            : Pattern.compile(extraPromptPattern, Pattern.CASE_INSENSITIVE);
  }

  /** True when {@code line} is a prompt of a level or matches the device's extra pattern. */
  boolean isPromptLine(CharSequence line) {
    String l = line.toString();
    return !l.isBlank()
        && (profile.isPrompt(l) || (extraPrompt != null && extraPrompt.matcher(l).find()));
  }

  /** A {@link ShellIo.Scan} that ends when the last line is a prompt. */
  int promptEnd(StringBuilder b) {
    return isPromptLine(ShellIo.lastLine(b)) ? b.length() : -1;
  }

  /** Records {@code promptLine} as the current prompt; its level when it matches one. */
  void update(String promptLine) {
    prompt = promptLine.strip();
    profile.levelOf(promptLine).ifPresent(l -> level = l);
  }

  /** Sets the level of a prompt that matched only the extra pattern. */
  void assume(PrivilegeLevel assumed) {
    level = assumed;
  }

  /** The last prompt seen (trimmed). */
  String prompt() {
    return prompt;
  }

  /** The level of the last recognised prompt, or null before one was seen. */
  PrivilegeLevel level() {
    return level;
  }
}
