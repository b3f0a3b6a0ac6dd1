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

  /**
   * How long the first waiter spins before parking under strict hand-off; zero on one CPU, where
   * spinning only delays the holder.
   */
  static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 20_000 : 0;

  private final DeviceSlot slot;
  private final Thread thread;

  /** System.nanoTime() when the borrower started waiting. */
  final long since;

  /** {@link PoolConfig#bargingWindow()} in nanoseconds. */
  private final long bargeNanos;

  @SuppressWarnings("unused") // accessed through OUTCOME
  private volatile Object outcome;

  /**
   * True while the borrower is parked as the oldest waiter within its barging window, with a wake
   * set for the window's end: only then may others take an idle session past it.
   */
  private volatile boolean windowed;

  Waiter(DeviceSlot slot, Thread thread, long since, long bargeNanos) {
    this.slot = slot;
    this.thread = thread;
    this.since = since;
    this.bargeNanos = bargeNanos;
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
   *
   * <p>With strict hand-off (no barging window), the first waiter in line spins for at most {@link
   * #SPIN_NANOS} before parking (only with more than one CPU, and only on a platform thread: a
   * spinning virtual thread would keep a carrier from the thread it waits for): a session held for
   * microseconds then reaches it without a park and a wake-up, which cost more than the hold
   * itself. With a window, a returned session mostly goes to a barging borrower, so the spin would
   * only take CPU from the holder (measured: p99.9 4 ms with it, 1.1 ms without, at 4 threads on 2
   * cores; docs/benchmarks.md). Later waiters park at once; each grant wakes the new first waiter
   * ({@link #wake}) so it spins while the session is in use. The spin is bounded and checks the
   * deadline, so it never replaces the timed park.
   */
  Object await(long deadlineNanos) {
    Object o;
    while ((o = outcome) == null) {
      long now = System.nanoTime();
      long left = deadlineNanos - now;
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return null;
      }
      if (SPIN_NANOS > 0
          && bargeNanos == 0 // with a window, returns go to bargers: spinning only delays holders
          && !thread.isVirtual() // a spinning virtual thread would hold one of the few carriers
          && slot.isFirst(this)
          && spin(now + Math.min(left, SPIN_NANOS))) {
        continue;
      }
      // Only the oldest waiter opens a barging window (and wakes at its end to serve itself); a
      // waiter that becomes the oldest later, parked without such a wake, gets hand-offs.
      long bargeEnd = since + bargeNanos;
      boolean window = now - bargeEnd < 0 && bargeEnd - deadlineNanos < 0 && slot.isFirst(this);
      windowed = window;
      if (outcome == null) {
        LockSupport.parkNanos(this, window ? bargeEnd - now : left);
      }
      windowed = false;
      if (window && outcome == null && System.nanoTime() - bargeEnd >= 0) {
        slot.dispatch(); // barging is over: take a session that bargers left idle
      }
    }
    return o;
  }

  /** Whether a borrower arriving {@code now} may take an idle session past this (head) waiter. */
  boolean admitsBarging(long now) {
    return windowed && now - since < bargeNanos && outcome == null;
  }

  /** Spins until an outcome is set (true) or {@code untilNanos} passes (false). */
  private boolean spin(long untilNanos) {
    do {
      Thread.onSpinWait();
      if (outcome != null) {
        return true;
      }
    } while (System.nanoTime() - untilNanos < 0);
    return false;
  }

  /** Unparks the waiting thread so that it re-checks whether it is first in line and spins. */
  void wake() {
    if (outcome == null) {
      LockSupport.unpark(thread);
    }
  }

  /** The outcome once settled; {@code null} while waiting or when cancelled. */
  Object outcome() {
    Object o = outcome;
    return o == CANCELLED ? null : o;
  }
}
