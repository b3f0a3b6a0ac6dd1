package io.netpool.monitor.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link io.netpool.monitor.probe.run.ProbeCheck}.
 *
 * @param acquireTimeout how long a check waits for a session of its router (default 15 s); when it
 *     passes, the check is skipped ({@link io.netpool.monitor.check.SkipReason#ROUTER_BUSY}) when
 *     every session of the router was in use, else its result is {@link
 *     io.netpool.monitor.check.FailureKind#NO_SESSION} (or the kind of the creation failure, such
 *     as {@code AUTH_FAILED})
 * @param commandMargin added to the ping's own worst case ({@code repeat × timeout}, the timeout
 *     rounded up to whole seconds) to get the command deadline (default 5 s): login banners,
 *     prompts and the device's own overhead
 */
public record ProbeConfig(Duration acquireTimeout, Duration commandMargin) {

  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_COMMAND_MARGIN = Duration.ofSeconds(5);

  public ProbeConfig {
    Objects.requireNonNull(acquireTimeout, "acquireTimeout");
    Objects.requireNonNull(commandMargin, "commandMargin");
    if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
      throw new IllegalArgumentException("acquireTimeout must be positive, was " + acquireTimeout);
    }
    if (commandMargin.isNegative()) {
      throw new IllegalArgumentException(
          "commandMargin must not be negative, was " + commandMargin);
    }
  }

  /** 15 s to get a session, 5 s margin on the command deadline. */
  public static ProbeConfig defaults() {
    return new ProbeConfig(DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_COMMAND_MARGIN);
  }

  public ProbeConfig withAcquireTimeout(Duration v) {
    return new ProbeConfig(v, commandMargin);
  }

  public ProbeConfig withCommandMargin(Duration v) {
    return new ProbeConfig(acquireTimeout, v);
  }
}
