package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled session: the driver plus its state word. The state is changed only by compare-and-set
 * ({@link #moveTo}, {@link #tryClaim}, {@link #endLease}), which also refuses transitions {@link
 * ConnectionState} does not allow. Whoever wins the CAS out of IDLE owns the session until it sets
 * another state; the other fields are written only by that owner (or, for timestamps read by
 * housekeeping, are advisory).
 *
 * <p><b>The word</b> holds the state's ordinal in its low 8 bits and a <em>lease stamp</em> above
 * them. A lease remembers the stamp it was lent under; ending it ({@link #endLease}) is one CAS
 * that requires that stamp and increments it. So a lease that was already closed, or a stale
 * reference to it, can never return or close the session again, even after the session was lent to
 * someone else: returning costs one atomic operation, not one for the lease and one for the state.
 */
final class PooledSession {
  private static final VarHandle WORD;
  private static final long STATE_MASK = 0xFF;
  private static final long ONE_STAMP = 1L << 8;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(PooledSession.class, "word", long.class);
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

  @SuppressWarnings("unused") // accessed through WORD
  private volatile long word;

  /**
   * Coarse time of the last return (housekeeping clock). Plain field written by the owner and
   * published by the state CAS that follows; housekeeping reads it as a hint.
   */
  long lastUsedAt;

  /** Coarse time of the last passed health check or validation. */
  volatile long lastCheckedAt;

  /** The current lease; tracked only with leak detection on. */
  volatile TrackedLease<?> currentLease;

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
    this.word = initial.ordinal();
  }

  ConnectionState state() {
    return ConnectionState.byOrdinal((int) (word() & STATE_MASK));
  }

  boolean is(ConnectionState s) {
    return (word() & STATE_MASK) == s.ordinal();
  }

  private long word() {
    return (long) WORD.getVolatile(this);
  }

  /**
   * Moves from {@code from} to {@code to} if the session is in {@code from}, keeping the stamp;
   * exactly one of several racing callers wins.
   *
   * @throws IllegalStateException if the transition is not legal (a programming error)
   */
  boolean moveTo(ConnectionState from, ConnectionState to) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("illegal session transition " + from + " -> " + to);
    }
    for (; ; ) {
      long w = word();
      if ((w & STATE_MASK) != from.ordinal()) {
        return false;
      }
      if (WORD.compareAndSet(this, w, (w & ~STATE_MASK) | to.ordinal())) {
        return true;
      }
    }
  }

  /** The claim of the fast path: IDLE to ACQUIRED, one CAS, skipped when not idle. */
  boolean tryClaim() {
    long w = word();
    return (w & STATE_MASK) == 0 // IDLE
        && WORD.compareAndSet(this, w, w | ConnectionState.ACQUIRED.ordinal());
  }

  /**
   * The stamp a lease made now gets. Only meaningful to the owner of an ACQUIRED session: nobody
   * else changes the stamp while it is lent.
   */
  long stamp() {
    return word() >>> 8;
  }

  /** Whether the lease with this stamp has not ended yet. */
  boolean leaseOpen(long stamp) {
    return word() >>> 8 == stamp;
  }

  /**
   * Ends the lease with {@code stamp}: ACQUIRED to {@code to} with the stamp incremented, in one
   * CAS. Fails (false) when that lease has already ended, or when the session left ACQUIRED
   * meanwhile (the closing pool took it over), in which case use {@link #forgetLease}.
   */
  boolean endLease(long stamp, ConnectionState to) {
    if (to != ConnectionState.ACQUIRED && !ConnectionState.ACQUIRED.canMoveTo(to)) {
      throw new IllegalStateException("illegal session transition ACQUIRED -> " + to);
    }
    long expected = (stamp << 8) | ConnectionState.ACQUIRED.ordinal();
    return WORD.compareAndSet(this, expected, ((stamp + 1) << 8) | to.ordinal());
  }

  /**
   * Ends the lease with {@code stamp} whatever state the session is in, keeping that state. True
   * for the one caller that ended it.
   */
  boolean forgetLease(long stamp) {
    for (; ; ) {
      long w = word();
      if (w >>> 8 != stamp) {
        return false;
      }
      if (WORD.compareAndSet(this, w, w + ONE_STAMP)) {
        return true;
      }
    }
  }

  @Override
  public String toString() {
    return "session#" + id + "[" + device.id() + "/" + slot.protocol + " " + state() + "]";
  }
}
