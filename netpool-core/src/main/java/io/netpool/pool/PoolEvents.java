package io.netpool.pool;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pool reports, in one typed place: each method is one event, logs its line (if it has
 * one) and publishes it to the listeners through the {@link EventBus}. Every method checks {@link
 * #active()} itself, so a call site is one line and, without listeners, costs a field read and no
 * clock read or allocation (like OkHttp's {@code EventListener.NONE}).
 *
 * <p>Values are read at the call, on the pool's thread; listeners get them later on the event
 * thread. Never blocks: see {@link EventBus}.
 */
final class PoolEvents {
  private static final Logger log = LoggerFactory.getLogger(DevicePool.class);

  private final EventBus bus;
  private final PoolConfig config;

  PoolEvents(List<PoolListener> listeners, PoolConfig config) {
    this.bus = new EventBus(listeners, config.eventQueueCapacity());
    this.config = config;
  }

  /** The pool's logger, for lines that are not events. */
  static Logger log() {
    return log;
  }

  /** True when anyone listens. */
  boolean active() {
    return bus.active();
  }

  long dropped() {
    return bus.dropped();
  }

  /** Delivers what is queued, then stops the event thread (bounded wait). */
  void close(long timeoutMillis) {
    bus.close(timeoutMillis);
  }

  // ---------------------------------------------------------------- borrowers

  /**
   * A session was lent. Returns System.nanoTime() at lend when listeners need hold times, else 0.
   *
   * @param waitStart System.nanoTime() when the borrower started waiting, 0 if it did not wait
   */
  long acquired(Device device, Protocol protocol, long waitStart) {
    if (!bus.active()) {
      return 0;
    }
    long now = System.nanoTime();
    Duration waited = Duration.ofNanos(waitStart == 0 ? 0 : now - waitStart);
    bus.publish(l -> l.sessionAcquired(device, protocol, waited));
    return now;
  }

  void acquireFailed(Device device, Protocol protocol, PoolException failure) {
    if (bus.active()) {
      bus.publish(l -> l.acquireFailed(device, protocol, failure));
    }
  }

  /** A lease ended: returned, and invalidated if {@code invalidatedBy} is not null. */
  void returned(PooledSession s, long leaseStartNanos, Throwable invalidatedBy) {
    if (bus.active()) {
      Device d = s.device;
      Protocol p = s.slot.protocol;
      Duration held = Duration.ofNanos(System.nanoTime() - leaseStartNanos);
      bus.publish(l -> l.sessionReturned(d, p, held));
      if (invalidatedBy != null) {
        bus.publish(l -> l.sessionInvalidated(d, p, invalidatedBy));
      }
    }
  }

  void leakSuspected(PooledSession s, TrackedLease<?> lease, long heldNanos) {
    Duration held = Duration.ofNanos(heldNanos);
    log.warn(
        "possible session leak: {} held for {} ms (threshold {} ms)",
        s,
        held.toMillis(),
        config.leakDetectionThreshold().toMillis(),
        lease.acquiredBy);
    if (bus.active()) {
      bus.publish(l -> l.leakSuspected(s.device, s.slot.protocol, held, lease.acquiredBy));
    }
  }

  // ---------------------------------------------------------------- creation

  void created(Device device, Protocol protocol, long tookNanos) {
    log.info("opened {} session to {} in {} ms", protocol, device, tookNanos / 1_000_000);
    if (bus.active()) {
      Duration took = Duration.ofNanos(tookNanos);
      bus.publish(l -> l.sessionCreated(device, protocol, took));
    }
  }

  void createFailed(Device device, Protocol protocol, Throwable cause, long tookNanos) {
    log.debug(
        "{} session to {} failed after {} ms: {}",
        protocol,
        device,
        tookNanos / 1_000_000,
        DeviceUnavailableException.describe(cause));
    if (bus.active()) {
      bus.publish(l -> l.sessionCreateFailed(device, protocol, cause));
    }
  }

  void createTimedOut(Device device, Protocol protocol, Throwable cause) {
    log.debug("{} session to {}: {}", protocol, device, cause.getMessage());
    if (bus.active()) {
      Duration timeout = config.createTimeout();
      bus.publish(l -> l.sessionCreateTimedOut(device, protocol, timeout));
    }
  }

  void circuitOpened(Device device, Protocol protocol, int failures) {
    log.warn(
        "{} sessions to {}: {} creations failed in a row, failing fast for {} ms",
        protocol,
        device,
        failures,
        config.circuitBreakerCoolDown().toMillis());
    if (bus.active()) {
      bus.publish(l -> l.circuitOpened(device, protocol, failures));
    }
  }

  void circuitClosed(Device device, Protocol protocol) {
    log.info("{} sessions to {}: creation works again", protocol, device);
    if (bus.active()) {
      bus.publish(l -> l.circuitClosed(device, protocol));
    }
  }

  /** Not an event: the device's definition changed and its sessions are being replaced. */
  void deviceChanged(Device device, Protocol protocol) {
    log.info("device {} ({}) changed; replacing its sessions", device.id(), protocol);
  }

  // ---------------------------------------------------------------- retirement

  /** A session is taken out of service for {@code reason}; nothing is reported for null. */
  void evicted(PooledSession s, EvictionReason reason) {
    if (bus.active() && reason != null) {
      bus.publish(l -> l.sessionEvicted(s.device, s.slot.protocol, reason));
    }
  }

  void closed(PooledSession s) {
    if (bus.active()) {
      bus.publish(l -> l.sessionClosed(s.device, s.slot.protocol));
    }
  }

  void healthCheckFailed(PooledSession s, Throwable cause) {
    log.debug("health check of {} failed: {}", s, DeviceUnavailableException.describe(cause));
    if (bus.active()) {
      bus.publish(l -> l.healthCheckFailed(s.device, s.slot.protocol, cause));
    }
  }

  /** A REBUILDING session was queued, with the reason it is retired for (reported if not null). */
  void rebuildQueued(PooledSession s, EvictionReason reason) {
    if (bus.active()) {
      evicted(s, reason);
      bus.publish(l -> l.rebuildQueued(s.device, s.slot.protocol));
    }
  }

  void rebuildDone(PooledSession s, boolean replaced) {
    if (bus.active()) {
      bus.publish(l -> l.rebuildDone(s.device, s.slot.protocol, replaced));
    }
  }
}
