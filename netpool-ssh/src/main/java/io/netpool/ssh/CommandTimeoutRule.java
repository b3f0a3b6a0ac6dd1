package io.netpool.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command timeout does to a CLI session, as a typed {@linkplain
 * io.netpool.pool.SessionOptions session option} of the device.
 *
 * <p>{@link #REPLACE} (the default): the session is broken and closed, the pool replaces it. Safe
 * whatever the device does next, at the cost of a new login.
 *
 * <p>{@link #resyncWithin(Duration)}: the driver waits up to {@code resyncTimeout} for the late
 * command to end at its prompt, drops that output, then sends an empty line that must bring the
 * prompt straight back. Only then is the session kept ({@link
 * CommandTimeoutException#sessionKept()} tells the caller); any other outcome breaks it as under
 * {@code REPLACE}. The command is not interrupted: a command that never ends costs the resync
 * timeout, then the session. Saves logins on devices that answer slowly now and then (a loaded
 * control plane, a long ping).
 *
 * @param resync wait for the prompt and keep the session when it comes
 * @param resyncTimeout how long to wait for the late prompt (positive; ignored without resync)
 */
public record CommandTimeoutRule(boolean resync, Duration resyncTimeout) {
  /** Break and replace the session (the default). */
  public static final CommandTimeoutRule REPLACE =
      new CommandTimeoutRule(false, Duration.ofSeconds(1));

  /** The default wait for the late prompt. */
  public static final Duration DEFAULT_RESYNC_TIMEOUT = Duration.ofSeconds(10);

  public CommandTimeoutRule {
    Objects.requireNonNull(resyncTimeout, "resyncTimeout");
    if (resyncTimeout.isNegative() || resyncTimeout.isZero()) {
      throw new IllegalArgumentException("resyncTimeout must be positive, was " + resyncTimeout);
    }
  }

  /** Resynchronise on the prompt, waiting at most {@code timeout} for it. */
  public static CommandTimeoutRule resyncWithin(Duration timeout) {
    return new CommandTimeoutRule(true, timeout);
  }
}
