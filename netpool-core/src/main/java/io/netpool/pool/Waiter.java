package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A borrower parked in a device's FIFO. Its outcome is set exactly once by CAS from "waiting" to a
 * session (granted), a failure, or cancelled (the borrower gave up at its deadline). Whoever loses
 * that race knows at once: a granter that loses hands the session to the next waiter, a borrower
 * whose cancel loses takes the session it was given. So completion racing a timeout has one winner
 * and never leaks a session.
 */
final class Waiter {
  private static final Object CANCELLED = new Object();
  private static final VarHandle OUTCOME;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DeviceSlot slot;
  private final Thread thread;

  @SuppressWarnings("unused") // accessed through OUTCOME
  private volatile Object outcome;

  Waiter(DeviceSlot slot, Thread thread) {
    this.slot = slot;
    this.thread = thread;
  }

  boolean isWaiting() {
    return outcome == null;
  }

  /** Gives the session (in state ACQUIRED) to this waiter; false if it already left. */
  boolean grant(PooledSession session) {
    return settle(session);
  }

  /** Fails this waiter; false if it already left. */
  boolean fail(PoolException failure) {
    return settle(failure);
  }

  /** The borrower gives up; false if an outcome was set first. */
  boolean cancel() {
    return settle(CANCELLED);
  }

  private boolean settle(Object value) {
    if (OUTCOME.compareAndSet(this, null, value)) {
      slot.waiterLeft();
      if (value != CANCELLED) {
        LockSupport.unpark(thread);
      }
      return true;
    }
    return false;
  }

  /**
   * Parks until an outcome is set, the deadline passes or the thread is interrupted. Returns the
   * outcome (a {@link PooledSession} or {@link PoolException}), or null on timeout/interrupt with
   * the waiter still waiting.
   */
  Object await(long deadlineNanos) {
    Object o;
    while ((o = outcome) == null) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return null;
      }
      LockSupport.parkNanos(this, left);
    }
    return o;
  }

  /** The outcome once settled; {@code null} while waiting or when cancelled. */
  Object outcome() {
    Object o = outcome;
    return o == CANCELLED ? null : o;
  }
}
