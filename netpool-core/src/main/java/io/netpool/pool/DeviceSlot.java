package io.netpool.pool;

import io.netpool.pool.PoolSnapshot.Counts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * The sessions of one (device, protocol) key: a copy-on-write array of sessions, its FIFO of
 * waiting borrowers, its circuit breaker and its {@link SlotCreations} (creations and the device's
 * permit count). Nothing here takes a lock; every shared field is an atomic or a CAS-published
 * array.
 *
 * <p>Invariants: {@code live} = sessions not yet CLOSED + creations in flight, and never exceeds
 * {@link #cap()} (a permit is reserved by CAS before a creation starts and returned exactly once:
 * when the creation fails or when the session reaches CLOSED; see {@link SlotCreations}). {@code
 * waiting} = waiters in the queue whose outcome is not set.
 *
 * <p>The slot reaches the pool only through its {@link SlotHost}, and asks {@link SessionRules}
 * whether a session it claims or sweeps is to be retired.
 */
final class DeviceSlot {
  private static final PooledSession[] NONE = new PooledSession[0];
  private static final VarHandle SESSIONS;
  private static final VarHandle GENERATION;
  private static final VarHandle DEVICE;
  private static final VarHandle WAITING;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SESSIONS = l.findVarHandle(DeviceSlot.class, "sessions", PooledSession[].class);
      GENERATION = l.findVarHandle(DeviceSlot.class, "generation", int.class);
      DEVICE = l.findVarHandle(DeviceSlot.class, "device", Device.class);
      WAITING = l.findVarHandle(DeviceSlot.class, "waiting", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The pool, as far as this slot (and a lease of one of its sessions) may know it. */
  final SlotHost host;

  final Protocol protocol;
  final ProtocolFactory<ProtocolDriver> factory;
  final CircuitBreaker circuit;

  /** When to start creations, and the device permits ({@code live}) they and the sessions hold. */
  final SlotCreations creations;

  private final PoolConfig config;
  private final SessionRules rules;
  private final PoolEvents events;
  private final GlobalCap global;
  private final SessionCloser closer;

  // device and waiting are fields of the slot, not atomics of their own: acquire reads both, and
  // with many devices each extra object is another cache miss.
  @SuppressWarnings("unused") // changed through DEVICE
  private volatile Device device;

  @SuppressWarnings("unused") // accessed through GENERATION
  private volatile int generation;

  @SuppressWarnings("unused") // accessed through SESSIONS
  private volatile PooledSession[] sessions = NONE;

  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  @SuppressWarnings("unused") // changed through WAITING
  private volatile int waiting;

  /** Set while this slot sits in the pool's queue of slots waiting for a global permit. */
  final AtomicBoolean starved = new AtomicBoolean();

  /** Advisory hints, written racily: the last returned session and the round-robin cursor. */
  private PooledSession lastReturned;

  /**
   * The session each stripe of threads returned last, indexed by thread id (not a ThreadLocal, so
   * it works with virtual threads): threads that alternate acquire and return on the same device
   * each find "their" session first instead of all racing for one shared hint.
   */
  private final PooledSession[] stripeHints = new PooledSession[HINT_STRIPES];

  private static final int HINT_STRIPES = 16;

  private int cursor;

  DeviceSlot(SlotHost host, ProtocolFactory<ProtocolDriver> factory, Protocol protocol, Device d) {
    this.host = host;
    this.factory = factory;
    this.protocol = protocol;
    this.config = host.config();
    this.rules = host.rules();
    this.events = host.events();
    this.global = host.globalCap();
    this.closer = host.closer();
    this.circuit = new CircuitBreaker(config);
    this.creations = new SlotCreations(this, host, circuit, global);
    this.device = d;
  }

  Device device() {
    return device;
  }

  int generation() {
    return generation;
  }

  /** The effective cap: the pool's per-device cap, lowered by the device's own. */
  int cap() {
    return rules.cap(device);
  }

  int waiting() {
    return waiting;
  }

  int sessionCount() {
    return sessions.length;
  }

  int live() {
    return creations.live();
  }

  int creating() {
    return creations.inFlight();
  }

  PooledSession[] sessions() {
    return sessions;
  }

  // ---------------------------------------------------------------- device definition

  /** Makes {@code given} the current definition; a real change replaces the old sessions. */
  void adopt(Device given) {
    Device current = device;
    if (current == given) {
      return;
    }
    if (current.sameSessionsAs(given)) {
      DEVICE.compareAndSet(
          this, current, given); // same sessions: only speeds the next identity check
    } else if (DEVICE.compareAndSet(this, current, given)) {
      events.deviceChanged(given, protocol);
      circuit.reset(); // e.g. fixed credentials: try at once, not after the cool-down
      evictAll(EvictionReason.MANUAL);
    }
  }

  /** New generation: idle sessions close now, lent ones when returned. */
  void evictAll(EvictionReason reason) {
    GENERATION.getAndAdd(this, 1);
    for (PooledSession s : sessions) {
      if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
        closer.close(s, reason);
      }
    }
  }

  // ---------------------------------------------------------------- lending

  /**
   * Claims an idle session (IDLE to ACQUIRED) by the configured strategy, or returns null. Stale
   * sessions found on the way (old generation, transport gone) are retired, not lent.
   */
  PooledSession claimIdle() {
    for (; ; ) {
      PooledSession s = pick();
      if (s == null) {
        return null;
      }
      EvictionReason stale = rules.onClaim(s, generation);
      if (stale == null) {
        return s;
      }
      retire(s, stale);
    }
  }

  private PooledSession pick() {
    if (config.selectionStrategy() == SelectionStrategy.MOST_RECENTLY_USED) {
      PooledSession mine = stripeHints[stripe()];
      if (mine != null && mine.tryClaim()) {
        return mine; // the common case, kept apart so that acquire stays small (see acquire)
      }
    }
    return pickAmongAll();
  }

  private PooledSession pickAmongAll() {
    PooledSession[] all = sessions;
    int n = all.length;
    if (n == 0) {
      return null;
    }
    switch (config.selectionStrategy()) {
      case MOST_RECENTLY_USED -> {
        PooledSession mine = stripeHints[stripe()];
        PooledSession hint = lastReturned;
        if (hint != null && hint != mine && hint.tryClaim()) {
          return hint;
        }
        for (int i = n - 1; i >= 0; i--) {
          if (all[i].tryClaim()) {
            return all[i];
          }
        }
      }
      case LEAST_USED -> {
        PooledSession best = null;
        for (PooledSession s : all) {
          if (s.is(ConnectionState.IDLE) && (best == null || s.uses < best.uses)) {
            best = s;
          }
        }
        if (best != null && best.tryClaim()) {
          return best;
        }
        for (PooledSession s : all) {
          if (s.tryClaim()) {
            return s;
          }
        }
      }
      case ROUND_ROBIN -> {
        int start = cursor++;
        for (int i = 0; i < n; i++) {
          PooledSession s = all[Math.floorMod(start + i, n)];
          if (s.tryClaim()) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private static int stripe() {
    return (int) Thread.currentThread().threadId() & (HINT_STRIPES - 1);
  }

  /**
   * Takes a claimed (ACQUIRED) session out of service: reasons that call for a successor go through
   * the rebuild queue, the others are just closed.
   */
  void retire(PooledSession s, EvictionReason reason) {
    if (SessionRules.needsSuccessor(reason)) {
      if (s.moveTo(ConnectionState.ACQUIRED, ConnectionState.REBUILDING)) {
        closer.rebuild(s, reason);
      }
    } else if (s.moveTo(ConnectionState.ACQUIRED, ConnectionState.CLOSING)) {
      closer.close(s, reason);
    }
  }

  /**
   * Puts a healthy ACQUIRED session back to work: straight to the oldest waiter if there is one (it
   * stays ACQUIRED), else IDLE.
   */
  void offer(PooledSession s) {
    if (waiting > 0 && handOff(s)) {
      return;
    }
    if (!s.moveTo(ConnectionState.ACQUIRED, ConnectionState.IDLE)) {
      return; // the closing pool took it over
    }
    returnedIdle(s);
  }

  /**
   * A session just became IDLE by its owner's return: remember it for this thread, then follow up.
   */
  void returnedIdle(PooledSession s) {
    int stripe = stripe();
    if (stripeHints[stripe]
        != s) { // written only on change: a hot shared write costs more than the read
      stripeHints[stripe] = s;
      lastReturned = s;
    }
    afterIdle(s);
  }

  /** Follow-up once a session became IDLE; the re-checks close the races with new waiters. */
  void afterIdle(PooledSession s) {
    if (waiting > 0 && !bargingAllowed()) {
      dispatch();
    }
    if (host.isClosed()) {
      if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
        closer.close(s, EvictionReason.POOL_CLOSED);
      }
    } else if (global.hasStarvedDevices()) {
      global.makeRoomWith(this, s);
    }
  }

  private boolean handOff(PooledSession s) {
    Waiter w;
    while ((w = waiters.poll())
        != null) { // poll: removing the head is one step, remove(w) a search
      boolean granted = w.grant(s);
      if (granted) {
        wakeNext();
        return true;
      }
    }
    return false;
  }

  /**
   * Wakes the waiter that is now first in line, so that it is already spinning (see {@link
   * Waiter#await}) when the session just granted comes back: the next hand-off then costs no
   * wake-up on the critical path.
   */
  private void wakeNext() {
    Waiter next = waiters.peek();
    if (next != null) {
      next.wake();
    }
  }

  /**
   * Whether a borrower may take an idle session although others wait: only while the oldest waiter
   * is parked and has waited less than {@link PoolConfig#bargingWindow()}; it dispatches for itself
   * when that window ends.
   */
  boolean bargingAllowed() {
    Waiter head = waiters.peek();
    return head != null && head.admitsBarging(System.nanoTime());
  }

  /** The oldest waiter still queued, or null. */
  Waiter oldestWaiter() {
    return waiters.peek();
  }

  /** Whether {@code w} is the oldest waiter still queued (the next to be served). */
  boolean isFirst(Waiter w) {
    return waiters.peek() == w;
  }

  void enqueue(Waiter w) {
    WAITING.getAndAdd(this, 1);
    waiters.add(w);
  }

  void removeWaiter(Waiter w) {
    waiters.remove(w);
  }

  /** Called by a waiter whose outcome was just set. */
  void waiterLeft() {
    WAITING.getAndAdd(this, -1);
  }

  /**
   * Matches idle sessions with waiters, oldest waiter first, and asks for creations for the rest.
   * Safe to run from any thread, concurrently: every step is a CAS.
   */
  void dispatch() {
    for (; ; ) {
      Waiter w = waiters.peek();
      if (w == null) {
        return;
      }
      if (!w.isWaiting()) {
        waiters.remove(w);
        continue;
      }
      PooledSession s = claimIdle();
      if (s == null) {
        creations.forWaiters();
        return;
      }
      boolean granted = w.grant(s);
      waiters.remove(w);
      if (granted) {
        wakeNext();
      }
      if (!granted && s.moveTo(ConnectionState.ACQUIRED, ConnectionState.IDLE) && host.isClosed()) {
        if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
          closer.close(s, EvictionReason.POOL_CLOSED);
        }
      }
    }
  }

  /** Fails every current waiter (circuit opened, pool closed). */
  void failWaiters(java.util.function.Supplier<PoolException> failure) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (w.isWaiting()) {
        w.fail(failure.get());
      }
    }
  }

  // ---------------------------------------------------------------- creation

  /** A creation succeeded: its new ACQUIRED session goes to the oldest waiter, or idle. */
  void created(PooledSession s) {
    add(s);
    if (circuit.onSuccess()) {
      events.circuitClosed(device(), protocol);
    }
    EvictionReason unwanted = rules.onCreated(s, generation, host.isClosed());
    if (unwanted != null) {
      retire(s, unwanted);
    } else {
      offer(s);
    }
    creations.succeeded(); // only now: see SlotCreations.succeeded
    if (waiting > 0) {
      dispatch(); // more waiters than this session: e.g. those queued behind a half-open trial
    }
  }

  /** A creation failed or timed out: its permits go back and the circuit learns of it. */
  void creationFailed(Throwable cause) {
    creations.failed();
    long now = System.nanoTime();
    if (circuit.onFailure(now, cause)) {
      events.circuitOpened(device(), protocol, circuit.failures());
      if (sessions.length == 0) {
        failWaiters(() -> unavailable(now));
      }
    }
    dispatch();
  }

  /** A session reached CLOSED: it leaves the array and its permits go back. */
  void closed(PooledSession s) {
    remove(s);
    creations.sessionClosed();
    dispatch();
  }

  private void add(PooledSession s) {
    for (; ; ) {
      PooledSession[] cur = sessions;
      PooledSession[] next = Arrays.copyOf(cur, cur.length + 1);
      next[cur.length] = s;
      if (SESSIONS.compareAndSet(this, cur, next)) {
        return;
      }
    }
  }

  private void remove(PooledSession s) {
    for (; ; ) {
      PooledSession[] cur = sessions;
      int i = Arrays.asList(cur).indexOf(s);
      if (i < 0) {
        return;
      }
      PooledSession[] next = new PooledSession[cur.length - 1];
      System.arraycopy(cur, 0, next, 0, i);
      System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
      if (SESSIONS.compareAndSet(this, cur, next)) {
        if (lastReturned == s) {
          lastReturned = null;
        }
        for (int h = 0; h < HINT_STRIPES; h++) {
          if (stripeHints[h] == s) {
            stripeHints[h] = null;
          }
        }
        return;
      }
    }
  }

  // ---------------------------------------------------------------- failures

  DeviceUnavailableException unavailable(long now) {
    return new DeviceUnavailableException(
        device,
        protocol,
        circuit.failures(),
        Duration.ofNanos(circuit.waitNanos(now)),
        circuit.lastFailure());
  }

  AcquireTimeoutException timedOut(long waitedNanos) {
    AcquireTimeoutException.Reason reason;
    Throwable last = circuit.lastFailure();
    if (circuit.failures() > 0 && last != null) {
      reason = AcquireTimeoutException.Reason.CREATION_FAILING;
    } else if (creations.inFlight() > 0) {
      reason = AcquireTimeoutException.Reason.CREATION_SLOW;
      last = null;
    } else if (creations.live() < cap() && global.atCap()) {
      reason = AcquireTimeoutException.Reason.POOL_AT_CAP;
      last = null;
    } else {
      // Every permit of the device is taken: sessions lent, being checked, rebuilt or closed.
      reason = AcquireTimeoutException.Reason.DEVICE_AT_CAP;
      last = null;
    }
    return new AcquireTimeoutException(
        device, protocol, Duration.ofNanos(waitedNanos), reason, last);
  }

  // ---------------------------------------------------------------- housekeeping

  /** One sweep: expiry, idle eviction, health checks, leak reports, min-idle top-up. */
  void housekeep(long now) {
    int idle = 0;
    for (PooledSession s : sessions) {
      if (s.is(ConnectionState.IDLE)) {
        idle++;
      }
    }
    for (PooledSession s : sessions) {
      switch (s.state()) {
        case IDLE -> {
          EvictionReason reason = rules.onSweepIdle(s, generation, now, idle);
          if (reason == EvictionReason.IDLE) { // surplus: closed, no successor
            if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
              closer.close(s, reason);
              idle--;
            }
          } else if (reason != null) {
            if (s.moveTo(ConnectionState.IDLE, ConnectionState.ACQUIRED)) {
              retire(s, reason);
              idle--;
            }
          } else if (rules.healthCheckDue(s, now)
              && s.moveTo(ConnectionState.IDLE, ConnectionState.CHECKING)) {
            host.healthCheck(s);
          }
        }
        case ACQUIRED -> {
          EvictionReason mark = rules.onSweepLent(s, now);
          if (mark != null) {
            s.retireOnReturn = mark;
          }
          TrackedLease<?> lease = s.currentLease;
          if (rules.leakSuspected(lease, now) && lease.markLeakReported()) {
            events.leakSuspected(s, lease, now - lease.acquiredAt);
          }
        }
        default -> {}
      }
    }
    int missing = rules.missingIdle(idle, creations.inFlight());
    for (int i = 0; i < missing && creations.requestSpare(); i++) {
      // each successful request starts one creation
    }
  }

  /**
   * @param toInstant turns a nanoTime-based instant into wall-clock time
   */
  PoolSnapshot.DeviceSnapshot snapshot(long nowNanos, LongFunction<Instant> toInstant) {
    int idle = 0;
    int inUse = 0;
    List<PoolSnapshot.SessionSnapshot> list = new ArrayList<>();
    for (PooledSession s : sessions) {
      ConnectionState st = s.state();
      if (st == ConnectionState.CLOSED) {
        continue;
      }
      if (st == ConnectionState.IDLE) {
        idle++;
      } else if (st == ConnectionState.ACQUIRED) {
        inUse++;
      }
      list.add(
          new PoolSnapshot.SessionSnapshot(
              s.id, st, toInstant.apply(s.createdAt), toInstant.apply(s.lastUsedAt), s.uses));
    }
    Throwable last = circuit.lastFailure();
    return new PoolSnapshot.DeviceSnapshot(
        device.id(),
        protocol,
        cap(),
        new Counts(list.size(), idle, inUse, creations.inFlight(), waiting),
        circuit.state(nowNanos),
        circuit.failures(),
        last == null ? null : DeviceUnavailableException.describe(last),
        list);
  }
}
