package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The {@link DevicePool} implementation. See docs/concurrency.md for the invariants; in short: no
 * locks at all (state by CAS, capacity by CAS-reserved permits), borrowers park in a per-device
 * FIFO with their deadline, and all I/O (create, check, close) runs on worker virtual threads.
 *
 * <p>This class keeps acquire, return, the creation callbacks and close. Its {@link DeviceSlot}s
 * see it only as their {@link SlotHost}; the retirement rules are in {@link SessionRules}, events
 * go through {@link PoolEvents}, the global cap is {@link GlobalCap}, closes and rebuilds run in
 * {@link SessionCloser}, health checks and validation in {@link SessionChecks}.
 */
final class KeyedDevicePool implements DevicePool, SlotHost {
  private static final Logger log = PoolEvents.log();
  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(KeyedDevicePool.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PoolConfig config;
  private final SlotDirectory slots;
  private final SlotHints slotHints; // the directory's, read on every acquire
  private final SessionRules rules;
  private final PoolEvents events;
  private final SessionCloser closer;
  private final GlobalCap global;
  private final SessionChecks checks;
  private final ExecutorService workers;

  /**
   * Where creations, checks, closes and rebuilds run: the virtual-thread workers, or, for
   * deterministic tests only (the model check), an executor that runs tasks on the caller.
   */
  private final Executor io;

  private final ScheduledThreadPoolExecutor scheduler;
  private final Set<CreationAttempt> attempts = ConcurrentHashMap.newKeySet();
  private final AtomicLong sessionIds = new AtomicLong();
  private final LongAdder created = new LongAdder();

  /**
   * Set once by {@link #close}. A field of its own rather than an AtomicBoolean: acquire and return
   * both read it, and the extra object is one more dependent load on that path.
   */
  private volatile boolean closed;

  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private final Instant startWall = Instant.now();
  private final boolean leakDetection;

  /** Leases need neither hold times (no listeners) nor the lender's stack (no leak detection). */
  private final boolean plainLeases;

  /** Coarse clock: System.nanoTime() as of the last housekeeping tick. */
  private volatile long clock = startNanos;

  KeyedDevicePool(
      PoolConfig config, List<ProtocolFactory<?>> factoryList, List<PoolListener> listeners) {
    this(config, factoryList, listeners, null);
  }

  /** With {@code ioOverride} non-null, I/O tasks run there instead of on worker threads. */
  KeyedDevicePool(
      PoolConfig config,
      List<ProtocolFactory<?>> factoryList,
      List<PoolListener> listeners,
      Executor ioOverride) {
    this.config = config;
    this.slots = new SlotDirectory(this, factoryList);
    this.slotHints = slots.hints();
    this.rules = new SessionRules(config);
    this.events = new PoolEvents(listeners, config);
    this.leakDetection = !config.leakDetectionThreshold().isZero();
    this.plainLeases = !leakDetection && !events.active();
    this.workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("netpool-worker-", 0).factory());
    this.io = ioOverride == null ? workers : ioOverride;
    this.closer = new SessionCloser(io, events, config.rebuildWorkers());
    this.global = new GlobalCap(config.maxSessionsTotal(), this::isClosed, this::allSlots, closer);
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("netpool-housekeeper").factory());
    scheduler.setRemoveOnCancelPolicy(true);
    this.checks =
        new SessionChecks(config.healthCheckTimeout(), io, scheduler, events, closer, this::clock);
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
    // Kept small, with one place that creates a plain lease: the JIT then inlines this method into
    // the caller, and a lease that stays in the caller's scope (try-with-resources) is never
    // allocated (escape analysis). Plain leases: no listener and no leak detection.
    DeviceSlot slot = slot(device, protocol);
    if (!plainLeases) {
      return acquireTracked(slot, timeout);
    }
    PooledSession s = claimFirst(slot);
    if (s == null || rules.validateBeforeLending(s, clock)) {
      s = obtainLendable(slot, s, timeout);
    }
    return new PooledLease<>(s, s.stamp());
  }

  /** An idle session claimed at once, if the device's FIFO lets us take one (I6); else null. */
  private PooledSession claimFirst(DeviceSlot slot) {
    if (closed || !(slot.waiting() == 0 || slot.bargingAllowed())) {
      return null;
    }
    return slot.claimIdle(); // checks the generation on our side (I5b)
  }

  /**
   * A session that passed the lending checks: {@code claimed} if it does, else one waited for in
   * the device's FIFO.
   */
  private PooledSession obtainLendable(DeviceSlot slot, PooledSession claimed, Duration timeout)
      throws InterruptedException {
    if (claimed != null && lendable(claimed, timeout.toNanos())) {
      return claimed;
    }
    return awaitLendable(slot, System.nanoTime(), timeout);
  }

  /** Acquire for leases that report to listeners or carry the lender's stack (leak detection). */
  private <D extends ProtocolDriver> Lease<D> acquireTracked(DeviceSlot slot, Duration timeout)
      throws InterruptedException {
    PooledSession s = claimFirst(slot);
    if (s != null && lendable(s, timeout.toNanos())) {
      return tracked(s, 0L);
    }
    long start = System.nanoTime();
    return tracked(awaitLendable(slot, start, timeout), start);
  }

  /** Waits in the device's FIFO (after the fast path found nothing it could lend). */
  private PooledSession awaitLendable(DeviceSlot slot, long start, Duration timeout)
      throws InterruptedException {
    if (closed) {
      throw failed(slot, new PoolClosedException(slot.device(), slot.protocol));
    }
    long deadline = start + Math.max(0, timeout.toNanos());
    for (; ; ) {
      PooledSession s = awaitSession(slot, start, deadline);
      if (lendable(s, deadline - System.nanoTime())) {
        return s;
      }
    }
  }

  private PooledSession awaitSession(DeviceSlot slot, long start, long deadline)
      throws InterruptedException {
    long now = System.nanoTime();
    if (slot.circuit.isOpen(now) && slot.sessionCount() == 0) {
      throw failed(slot, slot.unavailable(now));
    }
    Waiter w = new Waiter(slot, Thread.currentThread(), now, config.bargingWindow().toNanos());
    slot.enqueue(w);
    if (closed && w.cancel()) { // close() may have swept the queue before we joined it
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
    events.acquireFailed(slot.device(), slot.protocol, e);
    return e;
  }

  /**
   * Whether a claimed session may be lent; if not, it was retired or failed validation and the
   * caller looks again.
   *
   * <p>The generation is checked here, on the borrower's side, because a session may have been
   * handed over by a returner that checked it just before an {@link #evict} or a redefinition: a
   * borrower that started after the eviction must not get a session from before it.
   *
   * @param budgetNanos time left of the caller's timeout, bounding validation
   */
  private boolean lendable(PooledSession s, long budgetNanos) {
    EvictionReason stale = rules.onLend(s, s.slot.generation());
    if (stale != null) {
      s.slot.retire(s, stale);
      return false;
    }
    return !rules.validateBeforeLending(s, clock) || checks.validate(s, budgetNanos);
  }

  /** The lease of a lendable session when listeners or leak detection are on. */
  private <D extends ProtocolDriver> Lease<D> tracked(PooledSession s, long waitStart) {
    long startNanos = events.acquired(s.device, s.slot.protocol, waitStart);
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
      if (!closed && slot.waiting() == 0) {
        PooledSession s = slot.claimIdle();
        if (s != null) {
          if (!rules.validatesOnLend()) {
            if (lendable(s, timeout.toNanos())) {
              future.complete(plainLeases ? new PooledLease<>(s, s.stamp()) : tracked(s, 0L));
              return future;
            }
          } else {
            slot.offer(s); // validation may do I/O: let the worker below take it
          }
        }
      }
      // The wait itself runs on a worker virtual thread: cheap, and tracked so close() ends it.
      BackgroundAcquire.start(
          io,
          future,
          () -> acquire(device, protocol, timeout),
          this::isClosed,
          () -> new PoolClosedException(device, protocol));
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new PoolClosedException(device, protocol));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private DeviceSlot slot(Device device, Protocol protocol) {
    DeviceSlot slot = slotHints.get(device, protocol);
    return slot != null ? slot : slots.find(device, protocol);
  }

  // ---------------------------------------------------------------- return

  /**
   * Ends a lease (close or invalidate). One CAS on the session's word both checks that this lease
   * is still the session's current one and moves the session on: to IDLE, to ACQUIRED for a
   * hand-off to a waiter, or out of service. A lease that already ended, or a stale reference to
   * it, loses that CAS and changes nothing.
   */
  @Override
  public void giveBack(PooledSession s, long stamp, long startNanos, Throwable invalidatedBy) {
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
    EvictionReason retire =
        invalidatedBy == null ? rules.onReturn(s, slot.generation(), closed) : null;
    ConnectionState to;
    if (invalidatedBy != null || (retire != null && SessionRules.needsSuccessor(retire))) {
      to = ConnectionState.REBUILDING;
    } else if (retire != null) {
      to = ConnectionState.CLOSING;
    } else if (slot.waiting() > 0 && !slot.bargingAllowed()) {
      to = ConnectionState.ACQUIRED; // kept for a hand-off to the oldest waiter
    } else {
      to = ConnectionState.IDLE;
    }
    if (!s.endLease(stamp, to)) {
      s.forgetLease(stamp); // the closing pool took the session over meanwhile: just end the lease
      return;
    }
    events.returned(s, startNanos, invalidatedBy);
    switch (to) {
      case IDLE -> slot.returnedIdle(s);
      case ACQUIRED -> slot.offer(s);
      case REBUILDING -> closer.rebuild(s, retire);
      default -> closer.close(s, retire);
    }
  }

  // ---------------------------------------------------------------- creation

  @Override
  public void startCreation(DeviceSlot slot) {
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
    events.created(device, slot.protocol, now - startedAt);
    long expiresAt = rules.expiresAt(now, ThreadLocalRandom.current().nextDouble());
    slot.created(
        new PooledSession(
            sessionIds.incrementAndGet(),
            slot,
            device,
            driver,
            generation,
            ConnectionState.ACQUIRED,
            clock,
            expiresAt));
  }

  void creationFailed(DeviceSlot slot, Device device, Throwable cause, long tookNanos) {
    events.createFailed(device, slot.protocol, cause, tookNanos);
    slot.creationFailed(cause);
  }

  void creationTimedOut(DeviceSlot slot, Device device, Throwable cause) {
    events.createTimedOut(device, slot.protocol, cause);
    slot.creationFailed(cause);
  }

  void closeLateDriver(DeviceSlot slot, ProtocolDriver driver) {
    log.debug("closing a {} session that arrived after its creation timed out", slot.protocol);
    SessionCloser.closeQuietly(driver);
  }

  // ---------------------------------------------------------------- health

  /** Housekeeping check of a session it moved from IDLE to CHECKING; nobody waits for it. */
  @Override
  public void healthCheck(PooledSession s) {
    checks.healthCheck(s);
  }

  // ---------------------------------------------------------------- housekeeping

  private void housekeep() {
    long now = System.nanoTime();
    clock = now;
    if (closed) {
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

  // ---------------------------------------------------------------- shared services

  @Override
  public PoolConfig config() {
    return config;
  }

  @Override
  public SessionRules rules() {
    return rules;
  }

  @Override
  public PoolEvents events() {
    return events;
  }

  @Override
  public GlobalCap globalCap() {
    return global;
  }

  @Override
  public SessionCloser closer() {
    return closer;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** The coarse clock: System.nanoTime() as of the last housekeeping tick. */
  long clock() {
    return clock;
  }

  private Instant toInstant(long nanos) {
    return startWall.plusNanos(nanos - startNanos);
  }

  @Override
  public void schedule(Runnable task, long delayNanos) {
    try {
      scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: nothing left to retry for
    }
  }

  private List<DeviceSlot> allSlots() {
    return slots.all();
  }

  // ---------------------------------------------------------------- views and eviction

  @Override
  public PoolSnapshot snapshot() {
    long now = System.nanoTime();
    List<PoolSnapshot.DeviceSnapshot> devices = new ArrayList<>();
    PoolSnapshot.Counts totals = PoolSnapshot.Counts.ZERO;
    for (DeviceSlot slot : allSlots()) {
      PoolSnapshot.DeviceSnapshot d = slot.snapshot(now, this::toInstant);
      devices.add(d);
      totals = totals.plus(d.counts());
    }
    return new PoolSnapshot(
        Instant.now(),
        closed,
        config.maxSessionsTotal(),
        totals,
        devices,
        created.sum(),
        closer.closedCount(),
        events.dropped());
  }

  @Override
  public int effectiveCap(Device device) {
    return rules.cap(Objects.requireNonNull(device, "device"));
  }

  @Override
  public void evict(Device device) {
    for (DeviceSlot slot : slots.ofDevice(device.id())) {
      slot.evictAll(EvictionReason.MANUAL);
    }
  }

  // ---------------------------------------------------------------- close

  @Override
  public void close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      terminated.join();
      return;
    }
    try {
      log.info("closing pool: {} sessions live", global.used());
      for (DeviceSlot slot : allSlots()) {
        slot.failWaiters(() -> new PoolClosedException(slot.device(), slot.protocol));
        for (PooledSession s : slot.sessions()) {
          if (s.moveTo(ConnectionState.IDLE, ConnectionState.CLOSING)) {
            closer.close(s, EvictionReason.POOL_CLOSED);
          }
        }
      }
      if (!global.awaitDrained(config.closeGracePeriod())) {
        forceClose();
        if (!global.awaitDrained(Duration.ofSeconds(5))) {
          log.warn("{} session permits still held after close", global.used());
        }
      }
    } finally {
      stopThreads();
      terminated.complete(null);
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
            closer.close(s, EvictionReason.POOL_CLOSED);
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
