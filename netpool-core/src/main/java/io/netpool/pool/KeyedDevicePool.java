package io.netpool.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DevicePool} implementation. See docs/concurrency.md for the invariants; in short: no
 * locks at all (state by CAS, capacity by CAS-reserved permits), borrowers park in a per-device
 * FIFO with their deadline, and all I/O (create, check, close) runs on worker virtual threads.
 */
final class KeyedDevicePool implements DevicePool {
  private static final Logger log = LoggerFactory.getLogger(DevicePool.class);

  private final PoolConfig config;
  private final Map<Protocol, ProtocolFactory<ProtocolDriver>> factories;
  private final Map<Protocol, ConcurrentHashMap<String, DeviceSlot>> slots;
  private final GlobalPermits global;
  private final EventBus events;
  private final ExecutorService workers;

  /**
   * Where creations, checks, closes and rebuilds run: the virtual-thread workers, or, for
   * deterministic tests only (the model check), an executor that runs tasks on the caller.
   */
  private final Executor io;

  private final ScheduledThreadPoolExecutor scheduler;
  private final ConcurrentLinkedQueue<DeviceSlot> starved = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<PooledSession> rebuildQueue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger rebuilders = new AtomicInteger();
  private final Set<CreationAttempt> attempts = ConcurrentHashMap.newKeySet();
  private final AtomicLong sessionIds = new AtomicLong();
  private final LongAdder created = new LongAdder();
  private final LongAdder closedSessions = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private final Instant startWall = Instant.now();
  private final boolean leakDetection;
  private final long validateAfterIdle;

  /** Coarse clock: System.nanoTime() as of the last housekeeping tick. */
  private volatile long clock = startNanos;

  KeyedDevicePool(
      PoolConfig config, List<ProtocolFactory<?>> factoryList, List<PoolListener> listeners) {
    this(config, factoryList, listeners, null);
  }

  /** With {@code ioOverride} non-null, I/O tasks run there instead of on worker threads. */
  @SuppressWarnings("unchecked")
  KeyedDevicePool(
      PoolConfig config,
      List<ProtocolFactory<?>> factoryList,
      List<PoolListener> listeners,
      Executor ioOverride) {
    this.config = config;
    Map<Protocol, ProtocolFactory<ProtocolDriver>> f = new IdentityHashMap<>();
    Map<Protocol, ConcurrentHashMap<String, DeviceSlot>> s = new IdentityHashMap<>();
    for (ProtocolFactory<?> factory : factoryList) {
      f.put(factory.protocol(), (ProtocolFactory<ProtocolDriver>) factory);
      s.put(factory.protocol(), new ConcurrentHashMap<>());
    }
    this.factories = f;
    this.slots = s;
    this.global = new GlobalPermits(config.maxSessionsTotal());
    this.events = new EventBus(listeners, config.eventQueueCapacity());
    this.leakDetection = !config.leakDetectionThreshold().isZero();
    this.validateAfterIdle = config.validateAfterIdle().toNanos();
    this.workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("netpool-worker-", 0).factory());
    this.io = ioOverride == null ? workers : ioOverride;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("netpool-housekeeper").factory());
    scheduler.setRemoveOnCancelPolicy(true);
    long period = config.housekeepingInterval().toNanos();
    scheduler.scheduleWithFixedDelay(this::housekeep, period, period, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- acquire

  @Override
  public <D extends ProtocolDriver> Lease<D> acquire(Device device, Protocol protocol)
      throws InterruptedException {
    return acquire(device, protocol, config.acquireTimeout());
  }

  @Override
  public <D extends ProtocolDriver> Lease<D> acquire(
      Device device, Protocol protocol, Duration timeout) throws InterruptedException {
    DeviceSlot slot = slot(device, protocol);
    if (closed.get()) {
      throw failed(slot, new PoolClosedException(device, protocol));
    }
    if (slot.waiting() == 0) { // FIFO fairness: no barging past waiters
      PooledSession s = slot.claimIdle();
      if (s != null) {
        Lease<D> lease = lend(s, 0L, timeout.toNanos());
        if (lease != null) {
          return lease;
        }
      }
    }
    long start = System.nanoTime();
    long deadline = start + Math.max(0, timeout.toNanos());
    for (; ; ) {
      PooledSession s = awaitSession(slot, start, deadline);
      Lease<D> lease = lend(s, start, deadline - System.nanoTime());
      if (lease != null) {
        return lease;
      }
    }
  }

  private PooledSession awaitSession(DeviceSlot slot, long start, long deadline)
      throws InterruptedException {
    long now = System.nanoTime();
    if (slot.circuit.isOpen(now) && slot.sessionCount() == 0) {
      throw failed(slot, slot.unavailable(now));
    }
    Waiter w = new Waiter(slot, Thread.currentThread());
    slot.enqueue(w);
    if (closed.get() && w.cancel()) { // close() may have swept the queue before we joined it
      slot.removeWaiter(w);
      throw failed(slot, new PoolClosedException(slot.device(), slot.protocol));
    }
    slot.dispatch();
    Object outcome = w.await(deadline);
    if (outcome == null) {
      boolean interrupted = Thread.interrupted();
      if (w.cancel()) {
        slot.removeWaiter(w);
        if (interrupted) {
          throw new InterruptedException("interrupted while waiting for a session");
        }
        throw failed(slot, slot.timedOut(System.nanoTime() - start));
      }
      outcome = w.outcome(); // settled while we were giving up: it wins
      if (interrupted) {
        if (outcome instanceof PooledSession s) {
          slot.offer(s);
        }
        throw new InterruptedException("interrupted while waiting for a session");
      }
    }
    if (outcome instanceof PoolException e) {
      throw failed(slot, e);
    }
    return (PooledSession) outcome;
  }

  private PoolException failed(DeviceSlot slot, PoolException e) {
    if (events.active()) {
      Device d = slot.device();
      events.publish(l -> l.acquireFailed(d, slot.protocol, e));
    }
    return e;
  }

  /**
   * Turns a claimed session into a lease, or returns null (the caller looks again) when the session
   * is stale or fails validation.
   *
   * <p>The generation is checked here, on the borrower's side, because a session may have been
   * handed over by a returner that checked it just before an {@link #evict} or a redefinition: a
   * borrower that started after the eviction must not get a session from before it.
   *
   * @param budgetNanos time left of the caller's timeout, bounding validation
   */
  private <D extends ProtocolDriver> Lease<D> lend(
      PooledSession s, long waitStart, long budgetNanos) {
    if (s.generation != s.slot.generation()) {
      s.slot.retire(s, EvictionReason.MANUAL);
      return null;
    }
    if (validateAfterIdle > 0
        && clock - Math.max(s.lastUsedAt, s.lastCheckedAt) > validateAfterIdle) {
      if (!validate(s, budgetNanos)) {
        return null;
      }
    }
    long startNanos = 0;
    if (events.active()) {
      startNanos = System.nanoTime();
      Duration waited = Duration.ofNanos(waitStart == 0 ? 0 : startNanos - waitStart);
      Device d = s.device;
      Protocol p = s.slot.protocol;
      events.publish(l -> l.sessionAcquired(d, p, waited));
    }
    long stamp = s.stamp(); // stable: we own the ACQUIRED session
    if (leakDetection) {
      TrackedLease<D> lease =
          new TrackedLease<>(s, stamp, startNanos, clock, new Throwable("session acquired here"));
      s.currentLease = lease;
      return lease;
    }
    return startNanos == 0
        ? new PooledLease<>(s, stamp)
        : new TrackedLease<>(s, stamp, startNanos, 0, null);
  }

  /**
   * Validate-on-borrow of an ACQUIRED session: the check runs on a worker like a housekeeping
   * check; the borrower waits for it at most its remaining budget. If the budget runs out first the
   * borrower walks away and the check's own completion decides the session's fate.
   */
  private boolean validate(PooledSession s, long budgetNanos) {
    if (!s.moveTo(ConnectionState.ACQUIRED, ConnectionState.CHECKING)) {
      return false;
    }
    SessionCheck check = startCheck(s, false);
    try {
      if (check.result.get(Math.max(0, budgetNanos), TimeUnit.NANOSECONDS)) {
        s.lastCheckedAt = clock;
        return s.moveTo(ConnectionState.CHECKING, ConnectionState.ACQUIRED);
      }
      return false;
    } catch (TimeoutException e) {
      return check.abandon() ? false : takeAfterRace(s, check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return check.abandon() ? false : takeAfterRace(s, check);
    } catch (ExecutionException e) {
      return false;
    }
  }

  private boolean takeAfterRace(PooledSession s, SessionCheck check) {
    if (check.result.join()) {
      s.lastCheckedAt = clock;
      return s.moveTo(ConnectionState.CHECKING, ConnectionState.ACQUIRED);
    }
    return false;
  }

  /**
   * One health check of a CHECKING session, on a worker, with a watchdog at healthCheckTimeout. A
   * failed or timed-out check moves the session to REBUILDING (exactly one of the worker and the
   * watchdog wins that CAS). A passed check either goes to the borrower waiting for it, or, when
   * nobody waits (housekeeping, or the borrower gave up), back to IDLE.
   */
  private final class SessionCheck {
    private static final int PENDING = 0;
    private static final int PASSED = 1;
    private static final int ABANDONED = 2;

    final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private final AtomicInteger outcome;
    private final PooledSession session;

    SessionCheck(PooledSession session, boolean unattended) {
      this.session = session;
      this.outcome = new AtomicInteger(unattended ? ABANDONED : PENDING);
    }

    /** The borrower gives up waiting; false if the check passed first (the borrower takes it). */
    boolean abandon() {
      return outcome.compareAndSet(PENDING, ABANDONED);
    }

    void passed() {
      if (outcome.compareAndSet(PENDING, PASSED)) {
        result.complete(true);
      } else if (session.moveTo(ConnectionState.CHECKING, ConnectionState.IDLE)) {
        session.lastCheckedAt = clock;
        result.complete(true);
        session.slot.afterIdle(session);
      } else {
        result.complete(false);
      }
    }

    void failed(Throwable cause) {
      if (session.moveTo(ConnectionState.CHECKING, ConnectionState.REBUILDING)) {
        healthCheckFailed(session, cause);
      }
      result.complete(false);
    }
  }

  private SessionCheck startCheck(PooledSession s, boolean unattended) {
    SessionCheck check = new SessionCheck(s, unattended);
    try {
      var watchdog =
          scheduler.schedule(
              () -> check.failed(new TimeoutException("health check timed out")),
              config.healthCheckTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
      io.execute(
          () -> {
            Throwable failure = null;
            try {
              s.slot.factory.check(s.driver, config.healthCheckTimeout());
            } catch (Throwable t) {
              failure = t;
            }
            watchdog.cancel(false);
            if (failure == null) {
              check.passed();
            } else {
              check.failed(failure);
            }
          });
    } catch (RejectedExecutionException e) { // closing
      check.failed(new PoolClosedException(s.device, s.slot.protocol));
    }
    return check;
  }

  @Override
  public <D extends ProtocolDriver> CompletableFuture<Lease<D>> acquireAsync(
      Device device, Protocol protocol) {
    return acquireAsync(device, protocol, config.acquireTimeout());
  }

  @Override
  public <D extends ProtocolDriver> CompletableFuture<Lease<D>> acquireAsync(
      Device device, Protocol protocol, Duration timeout) {
    CompletableFuture<Lease<D>> future = new CompletableFuture<>();
    try {
      DeviceSlot slot = slot(device, protocol);
      if (!closed.get() && slot.waiting() == 0) {
        PooledSession s = slot.claimIdle();
        if (s != null) {
          if (validateAfterIdle == 0) {
            Lease<D> lease = lend(s, 0L, timeout.toNanos());
            if (lease != null) {
              future.complete(lease);
              return future;
            }
          } else {
            slot.offer(s); // validation may do I/O: let the worker below take it
          }
        }
      }
      // The wait itself runs on a worker virtual thread: cheap, and tracked so close() ends it.
      AtomicReference<Thread> waiter = new AtomicReference<>();
      io.execute(
          () -> {
            waiter.set(Thread.currentThread());
            try {
              if (future.isDone()) {
                return;
              }
              Lease<D> lease = acquire(device, protocol, timeout);
              if (!future.complete(lease)) {
                lease.close(); // the caller cancelled meanwhile
              }
            } catch (InterruptedException e) {
              if (closed.get()) {
                future.completeExceptionally(new PoolClosedException(device, protocol));
              } else {
                future.cancel(false);
              }
            } catch (Throwable t) {
              future.completeExceptionally(t);
            }
          });
      future.whenComplete(
          (l, e) -> {
            Thread t = waiter.get();
            if (future.isCancelled() && t != null) {
              t.interrupt();
            }
          });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new PoolClosedException(device, protocol));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private DeviceSlot slot(Device device, Protocol protocol) {
    ConcurrentHashMap<String, DeviceSlot> bySlot = slots.get(protocol);
    if (bySlot == null) {
      throw new IllegalArgumentException(
          "no factory registered for protocol " + protocol + "; registered: " + factories.keySet());
    }
    DeviceSlot slot = bySlot.get(device.id());
    if (slot == null) {
      slot =
          bySlot.computeIfAbsent(
              device.id(), id -> new DeviceSlot(this, factories.get(protocol), protocol, device));
    }
    if (slot.device() != device) {
      slot.adopt(device);
    }
    return slot;
  }

  // ---------------------------------------------------------------- return

  /**
   * Ends a lease (close or invalidate). One CAS on the session's word both checks that this lease
   * is still the session's current one and moves the session on: to IDLE, to ACQUIRED for a
   * hand-off to a waiter, or out of service. A lease that already ended, or a stale reference to
   * it, loses that CAS and changes nothing.
   */
  void giveBack(PooledLease<?> lease, Throwable invalidatedBy) {
    PooledSession s = lease.session;
    long stamp = lease.stamp;
    if (!s.leaseOpen(stamp)) {
      return; // closed before: nothing to do, and its fields are no longer ours to write
    }
    // Owner-written fields, published by the CAS below. Only a second close racing this one on the
    // same lease (a caller's bug) could write them too; the CAS still lets just one of them on.
    s.uses++;
    s.lastUsedAt = clock;
    if (leakDetection) {
      s.currentLease = null;
    }
    DeviceSlot slot = s.slot;
    EvictionReason retire = invalidatedBy == null ? retirementOnReturn(s, slot) : null;
    ConnectionState to;
    if (invalidatedBy != null || (retire != null && DeviceSlot.replaces(retire))) {
      to = ConnectionState.REBUILDING;
    } else if (retire != null) {
      to = ConnectionState.CLOSING;
    } else if (slot.waiting() > 0) {
      to = ConnectionState.ACQUIRED; // kept for a hand-off to the oldest waiter
    } else {
      to = ConnectionState.IDLE;
    }
    if (!s.endLease(stamp, to)) {
      s.forgetLease(stamp); // the closing pool took the session over meanwhile: just end the lease
      return;
    }
    if (events.active()) {
      Duration held = Duration.ofNanos(System.nanoTime() - lease.startNanos());
      events.publish(l -> l.sessionReturned(s.device, slot.protocol, held));
      if (invalidatedBy != null) {
        events.publish(l -> l.sessionInvalidated(s.device, slot.protocol, invalidatedBy));
      }
    }
    switch (to) {
      case IDLE -> slot.returnedIdle(s);
      case ACQUIRED -> slot.offer(s);
      case REBUILDING -> rebuild(s, retire, invalidatedBy);
      default -> closeAsync(s, retire);
    }
  }

  private EvictionReason retirementOnReturn(PooledSession s, DeviceSlot slot) {
    if (closed.get()) {
      return EvictionReason.POOL_CLOSED;
    }
    if (s.generation != slot.generation()) {
      return EvictionReason.MANUAL;
    }
    if (s.retireOnReturn != null) {
      return s.retireOnReturn;
    }
    if (config.maxUses() > 0 && s.uses >= config.maxUses()) {
      return EvictionReason.MAX_USES;
    }
    if (!s.driver.isOpen()) {
      return EvictionReason.DISCONNECTED;
    }
    return null;
  }

  // ---------------------------------------------------------------- creation

  void startCreation(DeviceSlot slot) {
    CreationAttempt attempt = new CreationAttempt(this, slot);
    attempts.add(attempt);
    try {
      attempt.timeoutTask(
          scheduler.schedule(
              attempt::timeout, config.createTimeout().toNanos(), TimeUnit.NANOSECONDS));
      io.execute(attempt);
    } catch (RejectedExecutionException e) { // the pool is closing
      attempt.abandon();
      attempts.remove(attempt);
    }
  }

  void attemptEnded(CreationAttempt attempt) {
    attempts.remove(attempt);
  }

  void creationSucceeded(
      DeviceSlot slot, ProtocolDriver driver, Device device, int generation, long startedAt) {
    long now = System.nanoTime();
    created.increment();
    log.info(
        "opened {} session to {} in {} ms", slot.protocol, device, (now - startedAt) / 1_000_000);
    if (events.active()) {
      Duration took = Duration.ofNanos(now - startedAt);
      events.publish(l -> l.sessionCreated(device, slot.protocol, took));
    }
    slot.created(driver, device, generation, now);
  }

  void creationFailed(DeviceSlot slot, Device device, Throwable cause, long tookNanos) {
    log.debug(
        "{} session to {} failed after {} ms: {}",
        slot.protocol,
        device,
        tookNanos / 1_000_000,
        DeviceUnavailableException.describe(cause));
    if (events.active()) {
      events.publish(l -> l.sessionCreateFailed(device, slot.protocol, cause));
    }
    slot.creationFailed(cause);
  }

  void creationTimedOut(DeviceSlot slot, Device device, Throwable cause) {
    log.debug("{} session to {}: {}", slot.protocol, device, cause.getMessage());
    if (events.active()) {
      Duration timeout = config.createTimeout();
      events.publish(l -> l.sessionCreateTimedOut(device, slot.protocol, timeout));
    }
    slot.creationFailed(cause);
  }

  void closeLateDriver(DeviceSlot slot, ProtocolDriver driver) {
    log.debug("closing a {} session that arrived after its creation timed out", slot.protocol);
    closeQuietly(driver);
  }

  long expiry(long now) {
    long lifetime = config.maxLifetime().toNanos();
    if (lifetime == 0) {
      return Long.MAX_VALUE;
    }
    long jitter =
        (long) (lifetime * config.lifetimeJitter() * ThreadLocalRandom.current().nextDouble());
    return now + lifetime - jitter;
  }

  // ---------------------------------------------------------------- global cap

  GlobalPermits globalPermits() {
    return global;
  }

  boolean hasStarvedDevices() {
    return !starved.isEmpty();
  }

  /** A slot with waiters could not get a global permit: queue it and free an idle session. */
  void starve(DeviceSlot slot) {
    if (slot.starved.compareAndSet(false, true)) {
      starved.add(slot);
    }
    if (global.used() < config.maxSessionsTotal()) {
      onGlobalPermitFreed(); // a permit came free before we were queued: do not miss it
      return;
    }
    makeRoom(slot);
  }

  /** Closes the least recently used idle session of another device, if any. */
  private void makeRoom(DeviceSlot forSlot) {
    for (int attempt = 0; attempt < 3; attempt++) {
      PooledSession victim = null;
      for (DeviceSlot slot : allSlots()) {
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
        closeAsync(victim, EvictionReason.MAKE_ROOM);
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
      closeAsync(s, EvictionReason.MAKE_ROOM);
    }
  }

  /** A global permit came free: the longest-starved device gets the first try. */
  private void onGlobalPermitFreed() {
    DeviceSlot slot = starved.poll();
    if (slot != null) {
      slot.starved.set(false);
      slot.dispatch();
    }
  }

  /** Global permits: a CAS-bounded counter. Permits are returned exactly once, in finally paths. */
  final class GlobalPermits {
    private final int cap;
    private final AtomicInteger used = new AtomicInteger();

    GlobalPermits(int cap) {
      this.cap = cap;
    }

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
      if (left == 0 && closed.get()) {
        drained.complete(null);
      }
      onGlobalPermitFreed();
    }

    int used() {
      return used.get();
    }

    boolean atCap() {
      return used.get() >= cap;
    }
  }

  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  // ---------------------------------------------------------------- closing sessions

  /** Closes a CLOSING session on a worker. */
  void closeAsync(PooledSession s, EvictionReason reason) {
    closeAsync(s, reason, null);
  }

  /**
   * Closes a CLOSING session on its own worker, so a driver whose close hangs holds up only that
   * session (and its permits), never other closes or rebuilds; {@code then} runs after it.
   */
  private void closeAsync(PooledSession s, EvictionReason reason, Runnable then) {
    if (events.active() && reason != null) {
      events.publish(l -> l.sessionEvicted(s.device, s.slot.protocol, reason));
    }
    Runnable task =
        () -> {
          closeNow(s);
          if (then != null) {
            then.run();
          }
        };
    try {
      io.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private void closeNow(PooledSession s) {
    try {
      closeQuietly(s.driver);
    } finally {
      if (s.moveTo(ConnectionState.CLOSING, ConnectionState.CLOSED)) {
        closedSessions.increment();
        if (events.active()) {
          events.publish(l -> l.sessionClosed(s.device, s.slot.protocol));
        }
        s.slot.closed(s);
      }
    }
  }

  private static void closeQuietly(ProtocolDriver driver) {
    try {
      driver.close();
    } catch (Throwable t) {
      log.debug("closing a session failed: {}", DeviceUnavailableException.describe(t));
    }
  }

  // ---------------------------------------------------------------- rebuild

  /**
   * Queues a REBUILDING session: a bounded set of workers closes it and asks its device for a
   * successor. Each session enters the queue once (only the winner of the CAS into REBUILDING calls
   * this).
   */
  void rebuild(PooledSession s, EvictionReason reason, Throwable cause) {
    if (events.active()) {
      if (reason != null) {
        events.publish(l -> l.sessionEvicted(s.device, s.slot.protocol, reason));
      }
      events.publish(l -> l.rebuildQueued(s.device, s.slot.protocol));
    }
    s.slot.oweSuccessor();
    rebuildQueue.add(s);
    startRebuilder();
  }

  private void startRebuilder() {
    for (; ; ) {
      int n = rebuilders.get();
      if (n >= config.rebuildWorkers() || rebuildQueue.isEmpty()) {
        return;
      }
      if (rebuilders.compareAndSet(n, n + 1)) {
        try {
          io.execute(this::drainRebuilds);
        } catch (RejectedExecutionException e) {
          rebuilders.decrementAndGet();
          drainRebuilds(); // closing: do it here
        }
        return;
      }
    }
  }

  private void drainRebuilds() {
    PooledSession s;
    while ((s = rebuildQueue.poll()) != null) {
      if (s.moveTo(ConnectionState.REBUILDING, ConnectionState.CLOSING)) {
        PooledSession done = s;
        closeAsync(
            s,
            null,
            () -> {
              boolean replaced = done.slot.requestSuccessor();
              if (events.active()) {
                events.publish(l -> l.rebuildDone(done.device, done.slot.protocol, replaced));
              }
            });
      }
    }
    rebuilders.decrementAndGet();
    startRebuilder(); // work that arrived after our last poll
  }

  // ---------------------------------------------------------------- health

  /** Housekeeping check of a session it moved from IDLE to CHECKING; nobody waits for it. */
  void healthCheck(PooledSession s) {
    startCheck(s, true);
  }

  private void healthCheckFailed(PooledSession s, Throwable cause) {
    log.debug("health check of {} failed: {}", s, DeviceUnavailableException.describe(cause));
    if (events.active()) {
      events.publish(l -> l.healthCheckFailed(s.device, s.slot.protocol, cause));
    }
    rebuild(s, EvictionReason.HEALTH, cause);
  }

  // ---------------------------------------------------------------- housekeeping

  private void housekeep() {
    long now = System.nanoTime();
    clock = now;
    if (closed.get()) {
      return;
    }
    for (DeviceSlot slot : allSlots()) {
      try {
        slot.housekeep(now);
      } catch (RuntimeException e) { // never let one device stop the sweep
        log.error("housekeeping of {} failed", slot.device(), e);
      }
    }
  }

  void onLeak(PooledSession s, TrackedLease<?> lease, long heldNanos) {
    Duration held = Duration.ofNanos(heldNanos);
    log.warn(
        "possible session leak: {} held for {} ms (threshold {} ms)",
        s,
        held.toMillis(),
        config.leakDetectionThreshold().toMillis(),
        lease.acquiredBy);
    if (events.active()) {
      events.publish(l -> l.leakSuspected(s.device, s.slot.protocol, held, lease.acquiredBy));
    }
  }

  void onCircuitOpened(DeviceSlot slot) {
    Device d = slot.device();
    int failures = slot.circuit.failures();
    log.warn(
        "{} sessions to {}: {} creations failed in a row, failing fast for {} ms",
        slot.protocol,
        d,
        failures,
        config.circuitBreakerCoolDown().toMillis());
    if (events.active()) {
      events.publish(l -> l.circuitOpened(d, slot.protocol, failures));
    }
  }

  void onCircuitClosed(DeviceSlot slot) {
    Device d = slot.device();
    log.info("{} sessions to {}: creation works again", slot.protocol, d);
    if (events.active()) {
      events.publish(l -> l.circuitClosed(d, slot.protocol));
    }
  }

  // ---------------------------------------------------------------- shared services

  @Override
  public PoolConfig config() {
    return config;
  }

  Logger log() {
    return log;
  }

  boolean isClosed() {
    return closed.get();
  }

  long clock() {
    return clock;
  }

  long nextSessionId() {
    return sessionIds.incrementAndGet();
  }

  Instant toInstant(long nanos) {
    return startWall.plusNanos(nanos - startNanos);
  }

  void schedule(Runnable task, long delayNanos) {
    try {
      scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: nothing left to retry for
    }
  }

  private List<DeviceSlot> allSlots() {
    List<DeviceSlot> out = new ArrayList<>();
    for (ConcurrentHashMap<String, DeviceSlot> m : slots.values()) {
      out.addAll(m.values());
    }
    return out;
  }

  // ---------------------------------------------------------------- views and eviction

  @Override
  public PoolSnapshot snapshot() {
    long now = System.nanoTime();
    List<PoolSnapshot.DeviceSnapshot> devices = new ArrayList<>();
    PoolSnapshot.Counts totals = PoolSnapshot.Counts.ZERO;
    for (DeviceSlot slot : allSlots()) {
      PoolSnapshot.DeviceSnapshot d = slot.snapshot(now);
      devices.add(d);
      totals = totals.plus(d.counts());
    }
    return new PoolSnapshot(
        Instant.now(),
        closed.get(),
        config.maxSessionsTotal(),
        totals,
        devices,
        created.sum(),
        closedSessions.sum(),
        events.dropped());
  }

  @Override
  public void evict(Device device) {
    for (ConcurrentHashMap<String, DeviceSlot> m : slots.values()) {
      DeviceSlot slot = m.get(device.id());
      if (slot != null) {
        slot.evictAll(EvictionReason.MANUAL);
      }
    }
  }

  // ---------------------------------------------------------------- close

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      terminated.join();
      return;
    }
    try {
      log.info("closing pool: {} sessions live", global.used());
      for (DeviceSlot slot : allSlots()) {
        slot.failWaiters(() -> new PoolClosedException(slot.device(), slot.protocol));
        for (PooledSession s : slot.sessions()) {
          if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
            closeAsync(s, EvictionReason.POOL_CLOSED);
          }
        }
      }
      if (!awaitDrained(config.closeGracePeriod())) {
        forceClose();
        if (!awaitDrained(Duration.ofSeconds(5))) {
          log.warn("{} session permits still held after close", global.used());
        }
      }
    } finally {
      stopThreads();
      terminated.complete(null);
    }
  }

  private boolean awaitDrained(Duration limit) {
    if (global.used() == 0) {
      return true;
    }
    try {
      drained.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** After the grace period: close what is still lent, checked or queued, and stop creations. */
  private void forceClose() {
    for (CreationAttempt a : attempts) {
      a.abandon();
    }
    for (DeviceSlot slot : allSlots()) {
      for (PooledSession s : slot.sessions()) {
        for (ConnectionState from :
            List.of(
                ConnectionState.IDLE,
                ConnectionState.ACQUIRED,
                ConnectionState.CHECKING,
                ConnectionState.REBUILDING)) {
          if (s.moveTo(from, ConnectionState.CLOSING)) {
            log.warn("closing {} that was not returned within the grace period", s);
            closeAsync(s, EvictionReason.POOL_CLOSED);
            break;
          }
        }
      }
    }
  }

  private void stopThreads() {
    scheduler.shutdownNow();
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("pool worker threads did not end within 5 s after close");
      }
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    events.close(5_000);
  }
}
