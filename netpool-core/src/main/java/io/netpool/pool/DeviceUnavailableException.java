package io.netpool.pool;

import java.time.Duration;

/**
 * The device's circuit is open: its last session creations all failed, so acquires fail fast until
 * the cool-down ends and one trial creation succeeds.
 */
public final class DeviceUnavailableException extends PoolException {
  private static final long serialVersionUID = 1L;

  private final int consecutiveFailures;
  private final Duration retryIn;

  public DeviceUnavailableException(
      Device device, Protocol protocol, int consecutiveFailures, Duration retryIn, Throwable last) {
    super(
        "device "
            + device.id()
            + " ("
            + protocol
            + ") is unavailable: "
            + consecutiveFailures
            + " session creations failed in a row"
            + (last == null ? "" : ", last: " + describe(last))
            + "; next attempt in "
            + retryIn.toMillis()
            + " ms",
        device,
        protocol,
        last);
    this.consecutiveFailures = consecutiveFailures;
    this.retryIn = retryIn;
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Time until the circuit half-opens and lets one trial creation through. */
  public Duration retryIn() {
    return retryIn;
  }
}
