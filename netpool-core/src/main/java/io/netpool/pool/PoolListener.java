package io.netpool.pool;

import java.time.Duration;

/**
 * Receives pool events, for metrics and logs. Every method has a no-op default.
 *
 * <p>Events are delivered in order on one pool thread ({@code netpool-events}), never on the
 * borrower's thread and never under a lock: a slow listener delays only other events, not the pool.
 * The queue between them is bounded; when it is full further events are dropped and counted in
 * {@link PoolSnapshot#droppedEvents()}. An exception thrown by a listener is caught and logged.
 */
public interface PoolListener {

  default void sessionCreated(Device device, Protocol protocol, Duration took) {}

  default void sessionCreateFailed(Device device, Protocol protocol, Throwable cause) {}

  default void sessionCreateTimedOut(Device device, Protocol protocol, Duration timeout) {}

  /** A borrower got a session after waiting {@code waited} (zero when one was idle). */
  default void sessionAcquired(Device device, Protocol protocol, Duration waited) {}

  /** An acquire failed: timeout, device unavailable or pool closed. */
  default void acquireFailed(Device device, Protocol protocol, PoolException failure) {}

  /** A session came back after being held for {@code held}. */
  default void sessionReturned(Device device, Protocol protocol, Duration held) {}

  default void sessionInvalidated(Device device, Protocol protocol, Throwable cause) {}

  default void sessionEvicted(Device device, Protocol protocol, EvictionReason reason) {}

  /** A session's driver was closed; it no longer counts against any cap. */
  default void sessionClosed(Device device, Protocol protocol) {}

  default void healthCheckFailed(Device device, Protocol protocol, Throwable cause) {}

  /**
   * A lease was held longer than the leak threshold. {@code acquiredAt}'s stack trace shows where
   * it was acquired. Sent once per lease.
   */
  default void leakSuspected(
      Device device, Protocol protocol, Duration held, Throwable acquiredAt) {}

  default void rebuildQueued(Device device, Protocol protocol) {}

  /** The broken session was closed and (if {@code replaced}) a successor was requested. */
  default void rebuildDone(Device device, Protocol protocol, boolean replaced) {}

  /** Creations failed {@code failures} times in a row; acquires fail fast for a while. */
  default void circuitOpened(Device device, Protocol protocol, int failures) {}

  default void circuitClosed(Device device, Protocol protocol) {}
}
