package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.sink.prometheus.LoginMetrics;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.ProtocolDriver;
import io.netpool.ssh.LoginLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one pooled session to every router that has lines, ahead of its first check, at start and
 * for routers a reload added or changed: {@code pool.acquireAsync(device, protocol)} at the
 * router's {@link WarmupPlan} slot, then the lease is closed at once, so the pool keeps the session
 * idle for the check. The logins themselves pass the pool's login gate like every other.
 *
 * <p>A router's check and its warm-up never log in twice side by side: before a check (see {@link
 * #beforeCheck}) a warm-up still pending is cancelled (the check logs in itself), and one in
 * progress is awaited, at most {@code maxWait}. Each router's warm-up moves once by CAS from
 * PENDING to RUNNING (the timer) or to SKIPPED (a check) or CANCELLED (replaced, closed).
 *
 * <p>A failed warm-up is logged at debug and counted ({@link #failed()}); it is never a check
 * result: the check reports the failure. {@link #close()} stops pending warm-ups and gives up
 * running ones. One timer thread; it only starts asynchronous acquires and never blocks.
 */
public final class Warmup implements AutoCloseable, LoginMetrics.WarmupCounts {
  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  private static final int PENDING = 0;
  private static final int RUNNING = 1;
  private static final int FINISHED = 2;
  private static final int SKIPPED = 3;
  private static final int CANCELLED = 4;

  private final DevicePool pool;
  private final Function<DeviceSpec, Device> toDevice;
  private final Duration initialSpread;
  private final LoginLimits logins;
  private final Duration timeout;
  private final ScheduledThreadPoolExecutor timer;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder planned = new LongAdder();
  private final LongAdder started = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  /**
   * @param timeout how long one warm-up waits for its session (the pool's acquire timeout)
   */
  Warmup(
      DevicePool pool,
      Function<DeviceSpec, Device> toDevice,
      Duration initialSpread,
      LoginLimits logins,
      Duration timeout) {
    this.pool = pool;
    this.toDevice = toDevice;
    this.initialSpread = initialSpread;
    this.logins = logins;
    this.timeout = timeout;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "netpool-warmup");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Plans a warm-up of each of {@code routers} that has lines in {@code inventory}; a router's
   * earlier warm-up, if still pending, is replaced. The warm-ups are registered now, so a check
   * that starts from here on finds them ({@link #beforeCheck}), and timed from {@link
   * Batch#start()}: register before the scheduler may run the routers' checks, start once their
   * sessions may be opened (after evictions).
   */
  Batch plan(Collection<DeviceSpec> routers, Inventory inventory) {
    List<WarmupPlan.Slot> slots =
        WarmupPlan.slots(routers, inventory, initialSpread, logins.loginsPerSecond());
    List<Entry> batch = new ArrayList<>(slots.size());
    if (closed.get()) {
      return new Batch(batch, slots);
    }
    for (WarmupPlan.Slot slot : slots) {
      Entry e = new Entry(slot.router());
      Entry old = entries.put(slot.router().id(), e);
      if (old != null) {
        old.cancel(CANCELLED);
      }
      planned.increment();
      batch.add(e);
    }
    return new Batch(batch, slots);
  }

  /** Warm-ups registered by {@link #plan}, not yet timed. */
  final class Batch {
    private final List<Entry> batch;
    private final List<WarmupPlan.Slot> slots;

    private Batch(List<Entry> batch, List<WarmupPlan.Slot> slots) {
      this.batch = batch;
      this.slots = slots;
    }

    /** Times each warm-up at its slot from now. */
    void start() {
      long now = System.nanoTime();
      for (int i = 0; i < batch.size(); i++) {
        Entry e = batch.get(i);
        long delay = slots.get(i).delay().toNanos() - (System.nanoTime() - now);
        try {
          e.task = timer.schedule(() -> run(e), Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          e.cancel(CANCELLED);
        }
      }
    }
  }

  /**
   * Called by a check before it asks the pool for a session of {@code routerId}: a pending warm-up
   * of the router is cancelled (the check logs in itself), a running one is awaited for at most
   * {@code maxWait}, so the check then finds the warm session instead of logging in a second time.
   */
  void beforeCheck(String routerId, Duration maxWait) throws InterruptedException {
    Entry e = entries.get(routerId);
    if (e == null) {
      return;
    }
    if (e.cancel(SKIPPED)) {
      skipped.increment();
      return;
    }
    try {
      e.done.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException ignored) {
      // the check goes on: its own acquire waits behind the warm-up in the pool's queue
    }
  }

  private void run(Entry e) {
    if (closed.get() || !e.state.compareAndSet(PENDING, RUNNING)) {
      return;
    }
    started.increment();
    DeviceSpec router = e.router;
    CompletableFuture<Lease<ProtocolDriver>> f;
    try {
      f = pool.acquireAsync(toDevice.apply(router), router.protocol(), timeout);
    } catch (RuntimeException ex) {
      finished(e, null, ex);
      return;
    }
    e.acquire = f;
    f.whenComplete((lease, error) -> finished(e, lease, error));
    if (closed.get()) {
      f.cancel(false); // close() may have missed this acquire
    }
  }

  private void finished(Entry e, Lease<ProtocolDriver> lease, Throwable error) {
    if (lease != null) {
      lease.close(); // the session stays in the pool, idle, for the router's first check
      succeeded.increment();
    } else if (!closed.get()) {
      failed.increment();
      log.debug(
          "warm-up of router {} failed (its check will report it): {}",
          e.router.id(),
          error == null ? "no session" : error.toString());
    }
    e.state.set(FINISHED);
    e.done.complete(null);
    entries.remove(e.router.id(), e);
  }

  /** Warm-ups planned so far. */
  @Override
  public long planned() {
    return planned.sum();
  }

  /** Warm-ups that asked the pool for a session. */
  public long started() {
    return started.sum();
  }

  /** Warm-ups that got their session. */
  @Override
  public long succeeded() {
    return succeeded.sum();
  }

  /** Warm-ups that got no session (the check reports why). */
  @Override
  public long failed() {
    return failed.sum();
  }

  /** Warm-ups left out because the router's check came first. */
  @Override
  public long skipped() {
    return skipped.sum();
  }

  /** Warm-ups planned and not yet finished, skipped or cancelled. */
  @Override
  public int pending() {
    return entries.size();
  }

  /** Stops: pending warm-ups never start, running ones give up their wait. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    timer.shutdownNow();
    for (Entry e : entries.values()) {
      if (!e.cancel(CANCELLED)) {
        CompletableFuture<?> f = e.acquire;
        if (f != null) {
          f.cancel(false); // an assigned session goes back to the pool
        }
      }
    }
  }

  /** One router's warm-up. */
  private final class Entry {
    final DeviceSpec router;
    final AtomicInteger state = new AtomicInteger(PENDING);
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile ScheduledFuture<?> task;
    volatile CompletableFuture<?> acquire;

    Entry(DeviceSpec router) {
      this.router = router;
    }

    /** PENDING to {@code to}: the warm-up never starts. False if it started already. */
    boolean cancel(int to) {
      if (!state.compareAndSet(PENDING, to)) {
        return false;
      }
      ScheduledFuture<?> t = task;
      if (t != null) {
        t.cancel(false);
      }
      done.complete(null);
      entries.remove(router.id(), this);
      return true;
    }
  }
}
