package io.netpool.pool;

import java.time.Duration;

/** No session could be lent before the acquire deadline; {@link #reason()} says why. */
public final class AcquireTimeoutException extends PoolException {
  private static final long serialVersionUID = 1L;

  /** Why the borrower waited in vain. */
  public enum Reason {
    /** Every session the device may have (its cap) was in use. */
    DEVICE_AT_CAP,
    /** The pool's global cap was reached and no other device had an idle session to give up. */
    POOL_AT_CAP,
    /** Session creation for this device kept failing; {@link #getCause()} is the last failure. */
    CREATION_FAILING,
    /** A session creation was still in progress at the deadline (slow device). */
    CREATION_SLOW
  }

  private final Duration waited;
  private final Reason reason;

  public AcquireTimeoutException(
      Device device, Protocol protocol, Duration waited, Reason reason, Throwable lastFailure) {
    super(
        "no "
            + protocol
            + " session to "
            + device.id()
            + " after "
            + waited.toMillis()
            + " ms: "
            + text(reason)
            + (lastFailure == null
                ? ""
                : "; last creation failure: " + DeviceUnavailableException.describe(lastFailure)),
        device,
        protocol,
        lastFailure);
    this.waited = waited;
    this.reason = reason;
  }

  private static String text(Reason reason) {
    return switch (reason) {
      case DEVICE_AT_CAP -> "device at its session cap, all sessions in use";
      case POOL_AT_CAP -> "pool at its global session cap";
      case CREATION_FAILING -> "session creation failing";
      case CREATION_SLOW -> "session creation still in progress";
    };
  }

  public Duration waited() {
    return waited;
  }

  public Reason reason() {
    return reason;
  }
}
