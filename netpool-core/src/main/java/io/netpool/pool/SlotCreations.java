package io.netpool.pool;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The creations of one {@link DeviceSlot}: when to start one, and the permits it holds. A creation
 * starts only after it has reserved, each by CAS and in this order, a place among the creations in
 * flight, a device permit ({@code live} stays within the slot's cap) and a global permit; a step
 * that fails undoes the ones before it. No lock anywhere.
 *
 * <p>Invariant (with the slot): {@code live} = sessions not yet CLOSED + creations in flight; a
 * permit is returned exactly once, by {@link #failed} or {@link #sessionClosed}.
 */
final class SlotCreations {
  /** What an attempt to start a creation came to. */
  private enum Start {
    STARTED,
    /** Caps, backoff or the circuit say no. */
    BLOCKED,
    /** Another thread changed the creation count first: evaluate again. */
    RETRY
  }

  private final DeviceSlot slot;
  private final SlotHost host;
  private final CircuitBreaker circuit;
  private final GlobalCap global;
  private final long makeRoomAfterNanos;

  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger creating = new AtomicInteger();
  private final AtomicBoolean retryScheduled = new AtomicBoolean();

  /**
   * Sessions lost to rebuilds that no creation has replaced yet. A creation started for waiters
   * pays one off; a rebuild asks for a successor only if its debt is still open, so a device never
   * ends up with both a borrower-driven replacement and a rebuild successor.
   */
  private final AtomicInteger owedSuccessors = new AtomicInteger();

  SlotCreations(DeviceSlot slot, SlotHost host, CircuitBreaker circuit, GlobalCap global) {
    this.slot = slot;
    this.host = host;
    this.circuit = circuit;
    this.global = global;
    this.makeRoomAfterNanos = host.config().makeRoomAfter().toNanos();
  }

  /** Device permits taken: sessions not yet CLOSED plus creations in flight. */
  int live() {
    return live.get();
  }

  /** Creations in flight. */
  int inFlight() {
    return creating.get();
  }

  /** Starts creations while waiters outnumber creations in flight and permits allow. */
  void forWaiters() {
    while (!host.isClosed()) {
      int inFlight = creating.get();
      if (slot.waiting() - inFlight <= 0) {
        return;
      }
      if (start(inFlight, true) == Start.BLOCKED) {
        return;
      }
    }
  }

  /** A session of this device went to the rebuild queue: it is owed a successor. */
  void oweSuccessor() {
    owedSuccessors.incrementAndGet();
  }

  /**
   * After a rebuilt session closed: requests its successor unless a creation for waiters already
   * replaced it. Returns whether a creation was started.
   */
  boolean requestSuccessor() {
    if (owedSuccessors.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0) {
      return false;
    }
    return requestSpare();
  }

  /**
   * Requests one creation with no borrower waiting for it (a successor after a rebuild, or min
   * idle). Returns false when caps, backoff or the circuit say no; the next borrower will ask
   * again.
   */
  boolean requestSpare() {
    while (!host.isClosed()) {
      switch (start(creating.get(), false)) {
        case STARTED -> {
          return true;
        }
        case BLOCKED -> {
          return false;
        }
        case RETRY -> {}
      }
    }
    return false;
  }

  /**
   * A creation ended with a session (now counted by {@code live} until it closes). Call only after
   * the session is in the slot and offered: a concurrent {@link #forWaiters} reads {@code creating}
   * before {@code waiting}, so it sees either this creation still in flight or its waiter served,
   * and never starts a second creation for the same waiter.
   */
  void succeeded() {
    creating.decrementAndGet();
  }

  /** A creation failed or timed out: its permits go back. */
  void failed() {
    creating.decrementAndGet();
    live.decrementAndGet();
    global.release();
  }

  /** A session reached CLOSED: its permits go back. */
  void sessionClosed() {
    live.decrementAndGet();
    global.release();
  }

  /**
   * Reserves a creation slot, a device permit and a global permit, in that order, each by CAS,
   * undoing the earlier ones if a later one fails; then hands the creation to a worker.
   */
  private Start start(int inFlight, boolean forWaiters) {
    long now = System.nanoTime();
    CircuitBreaker.Decision decision = circuit.decide(now);
    switch (decision) {
      case OPEN -> {
        if (forWaiters) {
          if (slot.sessionCount() == 0) {
            slot.failWaiters(() -> slot.unavailable(now));
          } else {
            scheduleRetry(circuit.waitNanos(now));
          }
        }
        return Start.BLOCKED;
      }
      case BACKOFF -> {
        if (forWaiters) {
          scheduleRetry(circuit.waitNanos(now));
        }
        return Start.BLOCKED;
      }
      case TRIAL_PENDING -> {
        return Start.BLOCKED; // the trial's outcome dispatches the waiters
      }
      default -> {}
    }
    boolean trial = decision == CircuitBreaker.Decision.ALLOW_TRIAL;
    if (!creating.compareAndSet(inFlight, inFlight + 1)) {
      if (trial) {
        circuit.abandonTrial();
      }
      return Start.RETRY;
    }
    if (!reserveDevicePermit()) {
      creating.decrementAndGet();
      if (trial) {
        circuit.abandonTrial();
      }
      return Start.BLOCKED;
    }
    if (!global.tryAcquire()) {
      live.decrementAndGet();
      creating.decrementAndGet();
      if (trial) {
        circuit.abandonTrial();
      }
      if (forWaiters) {
        long graceLeft = roomGraceLeft(now);
        if (graceLeft == 0) {
          global.starve(slot);
        } else {
          scheduleRetry(graceLeft); // then the oldest waiter has waited makeRoomAfter
        }
      }
      return Start.BLOCKED;
    }
    if (forWaiters) {
      owedSuccessors.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    }
    host.startCreation(slot);
    return Start.STARTED;
  }

  /**
   * How long this device, blocked by the global cap, still waits before another device's idle
   * session may be closed for it; 0 = now. At once when none of its own sessions is lent (nothing
   * will come back), else once its oldest waiter has waited {@link PoolConfig#makeRoomAfter()}. A
   * session that is lent for microseconds comes back long before a new login would finish; closing
   * another device's session for it would only churn (a close and a creation per collision of two
   * borrowers). The caller schedules one dispatch for when the grace ends.
   */
  private long roomGraceLeft(long now) {
    Waiter head = slot.oldestWaiter();
    if (makeRoomAfterNanos == 0 || head == null) {
      return 0;
    }
    long left = head.since + makeRoomAfterNanos - now;
    if (left <= 0) {
      return 0;
    }
    for (PooledSession s : slot.sessions()) {
      if (s.is(ConnectionState.ACQUIRED) || s.is(ConnectionState.CHECKING)) {
        return left;
      }
    }
    return 0;
  }

  private boolean reserveDevicePermit() {
    for (; ; ) {
      int n = live.get();
      if (n >= slot.cap()) {
        return false;
      }
      if (live.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private void scheduleRetry(long delayNanos) {
    if (retryScheduled.compareAndSet(false, true)) {
      host.schedule(
          () -> {
            retryScheduled.set(false);
            slot.dispatch();
          },
          Math.max(delayNanos, 1_000_000L));
    }
  }
}
