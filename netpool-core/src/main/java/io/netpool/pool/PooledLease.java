package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One lease of a session. A new small object per lease, so that a stale reference (a lease closed
 * earlier) can never close or use the session after it was lent to someone else: closing is a CAS
 * on this object's own flag.
 */
final class PooledLease<D extends ProtocolDriver> implements Lease<D> {
  private static final VarHandle OPEN;
  private static final VarHandle LEAK_REPORTED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      OPEN = l.findVarHandle(PooledLease.class, "open", boolean.class);
      LEAK_REPORTED = l.findVarHandle(PooledLease.class, "leakReported", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final KeyedDevicePool pool;
  final PooledSession session;

  /** System.nanoTime() at lend, only when listeners need hold times; else 0. */
  final long startNanos;

  /** Coarse lend time and lender's stack, only with leak detection on. */
  final long acquiredAt;

  final Throwable acquiredBy;

  @SuppressWarnings("unused") // accessed through OPEN
  private volatile boolean open = true;

  @SuppressWarnings("unused") // accessed through LEAK_REPORTED
  private volatile boolean leakReported;

  PooledLease(
      KeyedDevicePool pool,
      PooledSession session,
      long startNanos,
      long acquiredAt,
      Throwable acquiredBy) {
    this.pool = pool;
    this.session = session;
    this.startNanos = startNanos;
    this.acquiredAt = acquiredAt;
    this.acquiredBy = acquiredBy;
  }

  @Override
  @SuppressWarnings("unchecked")
  public D driver() {
    if (!open) {
      throw new IllegalStateException("lease of " + session + " is closed");
    }
    return (D) session.driver;
  }

  @Override
  public Device device() {
    return session.device;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (OPEN.compareAndSet(this, true, false)) {
      pool.giveBack(this, null);
    }
  }

  @Override
  public void invalidate(Throwable cause) {
    if (OPEN.compareAndSet(this, true, false)) {
      pool.giveBack(this, cause == null ? new IllegalStateException("invalidated") : cause);
    }
  }

  boolean markLeakReported() {
    return LEAK_REPORTED.compareAndSet(this, false, true);
  }

  @Override
  public String toString() {
    return "Lease[" + session + (open ? "" : " closed") + "]";
  }
}
