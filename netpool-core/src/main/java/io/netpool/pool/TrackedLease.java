package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A lease that also records when it started (for listeners) and who took it (for leak reports). */
final class TrackedLease<D extends ProtocolDriver> extends PooledLease<D> {
  private static final VarHandle LEAK_REPORTED;

  static {
    try {
      LEAK_REPORTED =
          MethodHandles.lookup().findVarHandle(TrackedLease.class, "leakReported", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long startNanos;

  /** Coarse lend time (housekeeping clock) and the lender's stack, only with leak detection on. */
  final long acquiredAt;

  final Throwable acquiredBy;

  @SuppressWarnings("unused") // accessed through LEAK_REPORTED
  private volatile boolean leakReported;

  TrackedLease(
      PooledSession session, long stamp, long startNanos, long acquiredAt, Throwable acquiredBy) {
    super(session, stamp);
    this.startNanos = startNanos;
    this.acquiredAt = acquiredAt;
    this.acquiredBy = acquiredBy;
  }

  @Override
  long startNanos() {
    return startNanos;
  }

  /** True for the one caller that reports this lease as a suspected leak. */
  boolean markLeakReported() {
    return LEAK_REPORTED.compareAndSet(this, false, true);
  }
}
