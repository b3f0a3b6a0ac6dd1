package io.netpool.ssh;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a CLI session may raise its privilege, as a typed {@linkplain
 * io.netpool.pool.SessionOptions session option} of the device.
 *
 * <ul>
 *   <li>{@link #ESCALATE} (the default): reach the profile's default level with its escalation
 *       commands ({@code enable}, answered with the enable secret).
 *   <li>{@link #NEVER_ESCALATE}: stay at the level the login landed at, for read-only AAA users
 *       whose {@code enable} would be refused (and logged as an attempt). Paging is still turned
 *       off where the level allows; a command that needs more fails with a message that says so.
 *   <li>{@link #raise(String)}: first raise the user's command level with the platform's {@code
 *       super} (Huawei VRP, H3C Comware: the prompt does not change), answered with the enable
 *       secret, then escalate as usual.
 * </ul>
 *
 * @param escalate run the escalation commands to the default level
 * @param raise run the level's {@code super} command at login
 * @param raiseArgument what follows {@code super} (a level or role), or {@code null}
 */
public record PrivilegePolicy(boolean escalate, boolean raise, String raiseArgument) {
  /** Escalate to the profile's default level (the default). */
  public static final PrivilegePolicy ESCALATE = new PrivilegePolicy(true, false, null);

  /** Stay at the login level. */
  public static final PrivilegePolicy NEVER_ESCALATE = new PrivilegePolicy(false, false, null);

  public PrivilegePolicy {
    if (raiseArgument != null && (!raise || !raiseArgument.matches("[A-Za-z0-9_-]{1,32}"))) {
      throw new IllegalArgumentException(
          "a super argument is a level or role name (letters, digits, _ -), was '"
              + raiseArgument
              + "'");
    }
  }

  /** Raise with {@code super [argument]} (null: the platform's default level), then escalate. */
  public static PrivilegePolicy raise(String argument) {
    return new PrivilegePolicy(true, true, argument);
  }

  /** The {@code super} command line for the level's command {@code raise}. */
  String raiseCommand(String raise) {
    return raiseArgument == null ? raise : raise + " " + raiseArgument;
  }

  /** {@code escalate}, {@code never-escalate}, {@code super} or {@code super ARG}. */
  public static PrivilegePolicy parse(String text) {
    String t = Objects.requireNonNullElse(text, "").strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("escalate")) {
      return ESCALATE;
    }
    if (lower.equals("never-escalate")) {
      return NEVER_ESCALATE;
    }
    if (lower.equals("super")) {
      return raise(null);
    }
    if (lower.startsWith("super ")) {
      return raise(t.substring(6).strip());
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a privilege policy: use escalate, never-escalate or super [LEVEL]");
  }

  @Override
  public String toString() {
    return !escalate ? "never-escalate" : raise ? raiseCommand("super") : "escalate";
  }
}
