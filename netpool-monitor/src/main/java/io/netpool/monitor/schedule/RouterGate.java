package io.netpool.monitor.schedule;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The permits of one router: at most {@link #cap} checks at once (its session cap), granted in
 * arrival order. Unlike a {@link java.util.concurrent.Semaphore}'s timed acquire, a waiter that
 * wakes up (its line's next due time came) keeps its place: so under a backlog every line is served
 * in turn, instead of the lines that gave up going to the back again and again.
 *
 * <p>No lock: free permits are a CAS-bounded counter and each waiter's outcome is set once by CAS
 * (waiting to granted or cancelled). A joiner enqueues and then looks at the permits; a releaser
 * gives its permit back and then looks at the queue; both are sequentially consistent, so one of
 * them sees the other and no wake-up is lost.
 */
final class RouterGate {
  private static final int WAITING = 0;
  private static final int GRANTED = 1;
  private static final int CANCELLED = 2;

  final int cap;
  private final AtomicInteger free;
  private final AtomicInteger waiting = new AtomicInteger();
  private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();

  RouterGate(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1, was " + cap);
    }
    this.cap = cap;
    this.free = new AtomicInteger(cap);
  }

  /** One check's place in the queue (owned by the calling thread). */
  static final class Waiter {
    private final Thread thread = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(WAITING);

    boolean granted() {
      return state.get() == GRANTED;
    }
  }

  /** Queues the calling thread for a permit (granted at once when one is free). */
  Waiter join() {
    Waiter w = new Waiter();
    waiting.incrementAndGet();
    queue.add(w);
    dispatch();
    return w;
  }

  /**
   * Parks until the permit is granted, {@code maxNanos} passed or the thread is unparked (the
   * caller loops and does its due-time work in between). Keeps the waiter's place either way.
   *
   * @return whether the permit was granted
   * @throws InterruptedException when interrupted; the caller must {@link #leave} then
   */
  boolean await(Waiter w, long maxNanos) throws InterruptedException {
    if (w.state.get() == WAITING && maxNanos > 0) {
      LockSupport.parkNanos(this, maxNanos);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while waiting for a router permit");
    }
    return w.granted();
  }

  /** Gives up the place, or gives back the permit if it was granted meanwhile. */
  void leave(Waiter w) {
    if (w.state.compareAndSet(WAITING, CANCELLED)) {
      waiting.decrementAndGet();
      queue.remove(w);
    } else if (w.state.compareAndSet(GRANTED, CANCELLED)) {
      release();
    }
  }

  /** Gives back a granted permit (exactly once per grant). */
  void release() {
    free.incrementAndGet();
    dispatch();
  }

  /** Checks waiting for a permit now. */
  int waiting() {
    return waiting.get();
  }

  /** Permits not granted now. */
  int free() {
    return free.get();
  }

  private void dispatch() {
    while (!queue.isEmpty()) {
      int f = free.get();
      if (f <= 0) {
        return;
      }
      if (!free.compareAndSet(f, f - 1)) {
        continue;
      }
      Waiter w = queue.poll();
      if (w != null && w.state.compareAndSet(WAITING, GRANTED)) {
        waiting.decrementAndGet();
        LockSupport.unpark(w.thread);
        continue;
      }
      free.incrementAndGet(); // nobody took it (queue drained or waiter cancelled): look again
    }
  }
}
