package io.netpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The pool-wide session cap ({@link PoolConfig#maxSessionsTotal()}) and its fairness between
 * devices (invariant I7 in docs/concurrency.md).
 *
 * <p>Permits: a CAS-bounded counter; {@link #tryAcquire} never lets it exceed the cap, and every
 * permit taken is given back exactly once, in finally paths ({@link #release} throws on a second
 * release). Starvation: a device with waiters that finds the pool at its cap queues itself here
 * (once: its {@link DeviceSlot#starved} flag is set by CAS) and the least recently used idle
 * session of another device is closed to make room ({@link EvictionReason#MAKE_ROOM}). A freed
 * permit goes to the longest-starved device first. No lost wake-up (I5): a starving device queues
 * itself and then re-reads the permit count; a releaser decrements the count and then polls the
 * queue.
 */
final class GlobalCap {
  private final int cap;
  private final AtomicInteger used = new AtomicInteger();
  private final ConcurrentLinkedQueue<DeviceSlot> starved = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final BooleanSupplier poolClosed;
  private final Supplier<List<DeviceSlot>> slots;
  private final SessionCloser closer;

  /**
   * @param slots every device slot of the pool, for picking a session to close to make room
   */
  GlobalCap(
      int cap, BooleanSupplier poolClosed, Supplier<List<DeviceSlot>> slots, SessionCloser closer) {
    this.cap = cap;
    this.poolClosed = poolClosed;
    this.slots = slots;
    this.closer = closer;
  }

  // ---------------------------------------------------------------- permits

  boolean tryAcquire() {
    for (; ; ) {
      int n = used.get();
      if (n >= cap) {
        return false;
      }
      if (used.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    int left = used.decrementAndGet();
    if (left < 0) {
      throw new IllegalStateException("global permit released twice");
    }
    if (left == 0 && poolClosed.getAsBoolean()) {
      drained.complete(null);
    }
    onPermitFreed();
  }

  int used() {
    return used.get();
  }

  boolean atCap() {
    return used.get() >= cap;
  }

  /** For a closing pool: waits up to {@code limit} for every permit to come back. */
  boolean awaitDrained(Duration limit) {
    if (used.get() == 0) {
      return true;
    }
    try {
      drained.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---------------------------------------------------------------- starvation

  boolean hasStarvedDevices() {
    return !starved.isEmpty();
  }

  /** A slot with waiters could not get a global permit: queue it and free an idle session. */
  void starve(DeviceSlot slot) {
    if (slot.starved.compareAndSet(false, true)) {
      starved.add(slot);
    }
    if (used.get() < cap) {
      onPermitFreed(); // a permit came free before we were queued: do not miss it
      return;
    }
    makeRoom(slot);
  }

  /** Closes the least recently used idle session of another device, if any. */
  private void makeRoom(DeviceSlot forSlot) {
    for (int attempt = 0; attempt < 3; attempt++) {
      PooledSession victim = null;
      for (DeviceSlot slot : slots.get()) {
        if (slot == forSlot) {
          continue;
        }
        for (PooledSession s : slot.sessions()) {
          if (s.is(ConnectionState.IDLE) && (victim == null || s.lastUsedAt < victim.lastUsedAt)) {
            victim = s;
          }
        }
      }
      if (victim == null) {
        return;
      }
      if (victim.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
        closer.close(victim, EvictionReason.MAKE_ROOM);
        return;
      }
    }
  }

  /** A session just went idle on a slot without waiters while others starve: give it up. */
  void makeRoomWith(DeviceSlot owner, PooledSession s) {
    DeviceSlot first = starved.peek();
    if (first == null || first == owner) {
      return;
    }
    if (first.waiting() <= first.creating()) { // stale entry, or creations already cover it
      if (starved.remove(first)) {
        first.starved.set(false);
      }
      return;
    }
    if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
      closer.close(s, EvictionReason.MAKE_ROOM);
    }
  }

  /** A global permit came free: the longest-starved device gets the first try. */
  private void onPermitFreed() {
    DeviceSlot slot = starved.poll();
    if (slot != null) {
      slot.starved.set(false);
      slot.dispatch();
    }
  }
}
