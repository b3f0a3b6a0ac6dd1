package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled session: the driver plus its state word. The state is changed only by {@link #moveTo},
 * a compare-and-set that also refuses transitions {@link ConnectionState} does not allow. Whoever
 * wins the CAS out of IDLE owns the session until it sets another state; the other fields are
 * written only by that owner (or, for timestamps read by housekeeping, are advisory).
 */
final class PooledSession {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PooledSession.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final long id;
  final DeviceSlot slot;
  final Device device;
  final ProtocolDriver driver;
  final int generation;
  final long createdAt;
  final long expiresAt;

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  /**
   * Coarse time of the last return (housekeeping clock). Plain field written by the owner and
   * published by the state CAS that follows; housekeeping reads it as a hint.
   */
  long lastUsedAt;

  /** Coarse time of the last passed health check or validation. */
  volatile long lastCheckedAt;

  /** The current lease; tracked only with leak detection on. */
  volatile PooledLease<?> currentLease;

  /** Set by housekeeping when a lent session passed its lifetime: replaced when returned. */
  volatile EvictionReason retireOnReturn;

  /** Times lent; written by the owner only, published like {@link #lastUsedAt}. */
  long uses;

  PooledSession(
      long id,
      DeviceSlot slot,
      Device device,
      ProtocolDriver driver,
      int generation,
      ConnectionState initial,
      long now,
      long expiresAt) {
    this.id = id;
    this.slot = slot;
    this.device = device;
    this.driver = driver;
    this.generation = generation;
    this.createdAt = now;
    this.expiresAt = expiresAt;
    this.lastUsedAt = now;
    this.lastCheckedAt = now;
    this.state = initial.ordinal();
  }

  ConnectionState state() {
    return ConnectionState.byOrdinal((int) STATE.getVolatile(this));
  }

  boolean is(ConnectionState s) {
    return (int) STATE.getVolatile(this) == s.ordinal();
  }

  /**
   * Moves from {@code from} to {@code to} if the session is in {@code from}; exactly one of several
   * racing callers wins.
   *
   * @throws IllegalStateException if the transition is not legal (a programming error)
   */
  boolean moveTo(ConnectionState from, ConnectionState to) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("illegal session transition " + from + " -> " + to);
    }
    return STATE.compareAndSet(this, from.ordinal(), to.ordinal());
  }

  /** The claim of the fast path: IDLE to ACQUIRED, one CAS, skipped when not idle. */
  boolean tryClaim() {
    return (int) STATE.getVolatile(this) == 0
        && STATE.compareAndSet(
            this, ConnectionState.IDLE.ordinal(), ConnectionState.ACQUIRED.ordinal());
  }

  @Override
  public String toString() {
    return "session#" + id + "[" + device.id() + "/" + slot.protocol + " " + state() + "]";
  }
}
