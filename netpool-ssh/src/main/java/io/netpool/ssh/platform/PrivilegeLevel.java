package io.netpool.ssh.platform;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One privilege level of a platform (for example {@code exec}, {@code privilege_exec}, {@code
 * configuration}), as in scrapli's platform definitions.
 *
 * @param name level name, unique in its profile
 * @param pattern prompt regex, matched case-insensitively against the last line of the output (the
 *     line the cursor is on); anchor it with {@code ^...$}
 * @param notContains strings that, when present in the prompt, exclude this level (IOS-XE {@code
 *     tcl)})
 * @param previous the level below this one, or {@code null} for a base level
 * @param escalate command that goes from {@code previous} to this level, or {@code null}
 * @param escalatePrompt regex of the password prompt that {@code escalate} may show, or {@code
 *     null}
 * @param escalateAuth true when {@code escalate} may ask for the enable secret
 * @param deescalate command that goes from this level back to {@code previous}, or {@code null}
 * @param raise the command that raises the user's command level at this level without changing the
 *     prompt (Huawei and H3C {@code super}), or {@code null}; run only for a device whose privilege
 *     policy asks for it
 * @param raiseAccepted regex of the device's answer when {@code raise} worked (required with it)
 */
public record PrivilegeLevel(
    String name,
    Pattern pattern,
    List<String> notContains,
    String previous,
    String escalate,
    Pattern escalatePrompt,
    boolean escalateAuth,
    String deescalate,
    String raise,
    Pattern raiseAccepted) {

  public PrivilegeLevel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("privilege level without a name");
    }
    if (pattern == null) {
      throw new IllegalArgumentException("privilege level " + name + " has no pattern");
    }
    notContains = notContains == null ? List.of() : List.copyOf(notContains);
    if ((raise == null) != (raiseAccepted == null)) {
      throw new IllegalArgumentException(
          "privilege level " + name + ": super and super_accepted go together");
    }
  }

  /**
   * A level from the values of its YAML form (regexes as strings, compiled case-insensitively).
   *
   * @throws IllegalArgumentException for an invalid regex
   */
  public static PrivilegeLevel of(
      String name,
      String pattern,
      List<String> notContains,
      String previous,
      String escalate,
      String escalatePrompt,
      Boolean escalateAuth,
      String deescalate) {
    return new PrivilegeLevel(
        name,
        compile(name + ".pattern", pattern),
        notContains,
        previous,
        escalate,
        escalatePrompt == null ? null : compile(name + ".escalate_prompt", escalatePrompt),
        escalateAuth != null && escalateAuth,
        deescalate,
        null,
        null);
  }

  /** True when {@code promptLine} (one line, no newline) is a prompt of this level. */
  public boolean matches(String promptLine) {
    if (!pattern.matcher(promptLine).find()) {
      return false;
    }
    String lower = promptLine.toLowerCase(Locale.ROOT);
    for (String excluded : notContains) {
      if (lower.contains(excluded.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  /** Compiles a profile regex: case-insensitive, as scrapli does. */
  static Pattern compile(String what, String regex) {
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex for " + what + ": " + e.getMessage(), e);
    }
  }
}
