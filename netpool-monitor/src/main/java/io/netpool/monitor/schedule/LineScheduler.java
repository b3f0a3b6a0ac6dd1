package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SchedulerListener;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.sink.ResultSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every line's check at its interval and delivers exactly one {@link CheckResult} per check to
 * every {@link ResultSink}.
 *
 * <h2>When a line is checked</h2>
 *
 * <ul>
 *   <li><b>Phase grid.</b> Each line has a stable phase fraction {@code f = }{@link
 *       Phase#fraction(String)} of its line id. Its due times are the instants {@code t} (Unix
 *       epoch time) with {@code t ≡ f × interval (mod interval)}: lines with the same interval are
 *       spread evenly over it (no thundering herd), and a line keeps its slot across restarts.
 *   <li><b>First check soon.</b> At {@link #start} and for lines a reload adds, the first check is
 *       due {@code f × min(interval, initialSpread)} after now (within 5 s by default), not a full
 *       interval later.
 *   <li><b>Then on the grid.</b> After a check due at {@code d}, the next is the first grid point
 *       at or after {@code max(d + interval/2, now)}; so the gap between the first and the second
 *       check is between half and one and a half intervals, and exactly one interval after that.
 *   <li><b>Overruns are skipped, never queued.</b> A line has at most one check in flight. When a
 *       due time comes while the previous check still runs, that run is skipped, counted ({@link
 *       #skippedRuns()}) and reported ({@link SchedulerListener#runSkipped}); the next due time is
 *       the next grid point. Grid points that passed while the dispatcher was late are skipped and
 *       counted the same way; there is never a burst of catch-up runs.
 * </ul>
 *
 * <h2>Concurrency</h2>
 *
 * One platform thread ({@code netpool-scheduler}) owns the schedule: it fires due times, and
 * reloads ({@link #apply}) run on it too, so the schedule needs no lock. It never blocks: each due
 * check runs on its own virtual thread, which first takes a permit of the line's router (as many as
 * the router's session cap, {@code sessionCap}; a {@link RouterGate}, first come first served),
 * then a global permit ({@link SchedulerConfig#maxConcurrentChecks()}), and only then calls the
 * {@link LineCheck} (which waits for a pooled session). As a line has at most one check in flight,
 * the work waiting behind a busy router is at most one check per line; nothing queues up
 * unboundedly. No lock is held across I/O; there is no {@code synchronized}.
 *
 * <h2>Router busy: skipped, not failed</h2>
 *
 * A check still waiting for its router's permit when the line's next due time comes is not a line
 * failure: that due time's result is {@code skipped} with {@link SkipReason#ROUTER_BUSY}, and the
 * waiting check now stands for the new due time <b>keeping its place in the router's queue</b>. So
 * under a backlog every line is measured in turn (each measurement within the interval of its due
 * time) and every other due time gets a skipped result; the sinks keep the line's last measured
 * status, shown as late. The probe's own "device at its session cap" is a skip too. Each streak of
 * skips of a router is logged once ({@link RouterBusyLog}). A check waiting for a global permit
 * until its next due time still ends with {@link FailureKind#NO_SESSION} (the monitor's own limit,
 * not the router's).
 *
 * <h2>Reload ({@link #apply})</h2>
 *
 * <ul>
 *   <li>Added lines: first check soon (as at start).
 *   <li>Removed lines: no check starts after {@code apply} returns. A check already in flight
 *       finishes and <b>its result is delivered</b> (its due time is before the removal): every
 *       check that was started produces exactly one result. Sinks that show "current lines" should
 *       look the line up in the current inventory.
 *   <li>Changed lines: the next check uses the new definition; a new interval takes effect from the
 *       next due time (the pending one is moved to the new grid).
 *   <li>Moved lines: the next check runs on the new router; a check in flight finishes on the old
 *       one.
 *   <li>Devices: lines pick up the new definition at their next check; a new session cap changes
 *       the router's permits. (Evicting pooled sessions is the caller's job: {@code
 *       io.netpool.monitor.engine.Monitor}.)
 * </ul>
 *
 * <h2>Shutdown ({@link #close()})</h2>
 *
 * Scheduling stops; checks still waiting for a permit are cancelled at once; running checks get
 * {@link SchedulerConfig#shutdownGrace()} to finish (their results are delivered); the rest are
 * interrupted and reported with {@link FailureKind#SHUTDOWN}. Results are delivered exactly once (a
 * compare-and-set per check decides between the check's own result and the shutdown result).
 */
public final class LineScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LineScheduler.class);

  private final SchedulerConfig config;
  private final ToIntFunction<DeviceSpec> sessionCap;
  private final ScheduledThreadPoolExecutor timer;
  private final long originEpochNanos;
  private final long originNanoTime;

  /** Line id → state. Written on the timer thread only; read anywhere. */
  private final Map<String, LineState> lines = new ConcurrentHashMap<>();

  /** Router (device) id → its permits. */
  private final Map<String, RouterGate> gates = new ConcurrentHashMap<>();

  private final Set<CheckExecution> inFlight = ConcurrentHashMap.newKeySet();
  private final LongAdder started = new LongAdder();
  private final FirstChecks firstChecks;
  private final ResultDelivery delivery;
  private final CheckRunner runner;

  private final AtomicBoolean startedFlag = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Inventory inventory;

  /**
   * @param check runs one check (usually a {@link io.netpool.monitor.probe.run.ProbeCheck})
   * @param sinks receive every result, in this order, on the check's thread
   * @param listeners scheduler events (skips, lag, line count)
   * @param config concurrency and timing settings
   * @param sessionCap the number of checks a router may run at once (its effective session cap in
   *     the pool), at least 1
   */
  public LineScheduler(
      LineCheck check,
      List<? extends ResultSink> sinks,
      List<? extends SchedulerListener> listeners,
      SchedulerConfig config,
      ToIntFunction<DeviceSpec> sessionCap) {
    Objects.requireNonNull(check, "check");
    this.config = Objects.requireNonNull(config, "config");
    this.sessionCap = Objects.requireNonNull(sessionCap, "sessionCap");
    this.firstChecks = new FirstChecks(config.initialSpread());
    this.delivery = new ResultDelivery(List.copyOf(sinks), List.copyOf(listeners), firstChecks);
    this.runner =
        new CheckRunner(
            check,
            new Semaphore(config.maxConcurrentChecks(), true),
            config.maxConcurrentChecks(),
            this::gate,
            delivery,
            inFlight,
            this::nowNanos);
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "netpool-scheduler");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    Instant now = Instant.now();
    this.originNanoTime = System.nanoTime();
    this.originEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  // ---------------------------------------------------------------- public API

  /** Schedules every line of the inventory (first checks soon). Call once. */
  public void start(Inventory initial) {
    start(initial, NewLines.SPREAD);
  }

  /**
   * Schedules every line of the inventory, the first checks placed as {@code placement} says (a
   * node joining a running cluster: on the grid, where the others would have checked). Call once.
   */
  public void start(Inventory initial, NewLines placement) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(placement, "placement");
    if (closed.get()) {
      throw new IllegalStateException("scheduler is closed");
    }
    if (!startedFlag.compareAndSet(false, true)) {
      throw new IllegalStateException("scheduler already started");
    }
    onTimer(
        () -> {
          inventory = initial;
          long now = nowNanos();
          for (LineSpec line : initial.lines().values()) {
            add(line, initial.router(line), now, placement);
          }
          delivery.linesScheduled(lines.size());
        });
    log.info(
        "scheduler started: {} lines on {} routers, max {} concurrent checks",
        initial.lines().size(),
        initial.devices().size(),
        config.maxConcurrentChecks());
  }

  /**
   * Applies a reload: {@code next} is the new inventory, {@code diff} what changed from the one in
   * force. Returns once the schedule reflects {@code next}: no check of a removed line, and no
   * check with an old definition, starts after this returns. Added lines are first checked within
   * {@code min(interval, initial_spread)}.
   */
  public void apply(Inventory next, io.netpool.monitor.inventory.InventoryDiff diff) {
    apply(next, diff, NewLines.SPREAD);
  }

  /**
   * As {@link #apply(Inventory, io.netpool.monitor.inventory.InventoryDiff)}, the added lines'
   * first checks placed as {@code placement} says (a cluster's handovers: {@link NewLines}).
   */
  public void apply(
      Inventory next, io.netpool.monitor.inventory.InventoryDiff diff, NewLines placement) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(diff, "diff");
    if (!startedFlag.get()) {
      throw new IllegalStateException("scheduler not started");
    }
    onTimer(
        () -> {
          long now = nowNanos();
          for (LineSpec removed : diff.linesRemoved()) {
            LineState s = lines.remove(removed.id());
            if (s != null) {
              s.removed = true;
              s.cancel();
            }
          }
          // every line of the new inventory: update its definition and router, add new ones
          for (LineSpec line : next.lines().values()) {
            DeviceSpec router = next.router(line);
            LineState s = lines.get(line.id());
            if (s == null) {
              add(line, router, now, placement);
              continue;
            }
            LineBinding old = s.binding;
            s.binding = new LineBinding(line, router);
            if (!old.line.interval().equals(line.interval()) && s.lastDueNanos != Long.MIN_VALUE) {
              s.cancel();
              long nextDue =
                  gridAtOrAfter(
                      line.id(),
                      line.interval(),
                      Math.max(s.lastDueNanos + line.interval().toNanos() / 2, now));
              schedule(s, nextDue, now);
            }
          }
          for (DeviceSpec removed : diff.devicesRemoved()) {
            gates.remove(removed.id());
          }
          delivery.retainRouters(next.devices().keySet());
          inventory = next;
          delivery.linesScheduled(lines.size());
        });
    log.info("scheduler reloaded: {}", diff.summary());
  }

  /** The inventory the schedule follows. */
  public Inventory inventory() {
    return inventory;
  }

  /** Lines scheduled now. */
  public int lineCount() {
    return lines.size();
  }

  /**
   * Due runs skipped because the line's previous check was still running (or the dispatch was
   * late).
   */
  public long skippedRuns() {
    return delivery.skipped();
  }

  /** Skipped runs of one line (0 for unknown lines). */
  public long skippedRuns(String lineId) {
    LineState s = lines.get(lineId);
    return s == null ? 0 : s.skipped.sum();
  }

  /**
   * Due checks taken on so far: each gives exactly one result (measured, failed, or skipped because
   * its router was busy).
   */
  public long checksStarted() {
    return started.sum();
  }

  /** Due checks skipped because their router was busy ({@link SkipReason#ROUTER_BUSY}). */
  public long busySkips() {
    return delivery.busySkips();
  }

  /** Results delivered so far (equals the checks started once they all finished). */
  public long resultsDelivered() {
    return delivery.delivered();
  }

  /** Checks in flight now (waiting for a permit or running). */
  public int checksInFlight() {
    return inFlight.size();
  }

  /** When the line's next check is due, if it is scheduled. */
  public Optional<Instant> nextDue(String lineId) {
    LineState s = lines.get(lineId);
    if (s == null || s.nextDueNanos == Long.MIN_VALUE) {
      return Optional.empty();
    }
    return Optional.of(toInstant(s.nextDueNanos));
  }

  /** True while a check of the line is in flight. */
  public boolean running(String lineId) {
    LineState s = lines.get(lineId);
    return s != null && s.running.get() != null;
  }

  public SchedulerConfig config() {
    return config;
  }

  /**
   * Stops scheduling, lets running checks finish for {@link SchedulerConfig#shutdownGrace()}, and
   * reports the rest with {@link FailureKind#SHUTDOWN}. Does not close the sinks. Idempotent.
   */
  @Override
  public void close() {
    close(config.shutdownGrace());
  }

  /** {@link #close()} with another grace period. */
  public void close(Duration grace) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // 1. no more due times: the timer's tasks are short and never block, so this is quick
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("scheduler thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (LineState s : lines.values()) {
      s.nextDueNanos = Long.MIN_VALUE;
    }
    // 2. checks still waiting for a permit never start
    int cancelledWaiting = 0;
    for (CheckExecution e : inFlight) {
      CheckExecution.Slot was = e.cancel();
      if (was != null) {
        cancelledWaiting++;
        runner.deliverSkips(e, was.skipped());
        delivery.deliver(
            e,
            e.failed(
                was.due(), FailureKind.SHUTDOWN, "monitor shutting down before the check started"));
        e.thread.interrupt();
      }
    }
    // 3. running checks get the grace period
    long deadline = System.nanoTime() + grace.toNanos();
    for (CheckExecution e : List.copyOf(inFlight)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        e.thread.join(Duration.ofNanos(left));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // 4. the rest are cancelled
    int cancelledRunning = 0;
    for (CheckExecution e : List.copyOf(inFlight)) {
      if (delivery.deliver(
          e,
          e.shutdownResult(
              "monitor shutting down: check cancelled after a grace period of "
                  + grace.toMillis()
                  + " ms"))) {
        cancelledRunning++;
      }
      e.thread.interrupt();
    }
    log.info(
        "scheduler stopped: {} checks started, {} results delivered, {} runs skipped; cancelled"
            + " {} waiting and {} running checks",
        started.sum(),
        delivery.delivered(),
        delivery.skipped(),
        cancelledWaiting,
        cancelledRunning);
  }

  // ---------------------------------------------------------------- timer thread

  /** Runs {@code task} on the timer thread and waits for it. */
  private void onTimer(Runnable task) {
    Future<?> f;
    try {
      f = timer.submit(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("scheduler is closed", e);
    }
    boolean interrupted = false;
    try {
      for (; ; ) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        } catch (java.util.concurrent.CancellationException e) {
          throw new IllegalStateException("scheduler is closed", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void add(LineSpec line, DeviceSpec router, long now, NewLines placement) {
    LineState s = new LineState(line.id(), new LineBinding(line, router));
    lines.put(line.id(), s);
    schedule(s, firstChecks.firstDue(line, now, placement), now);
  }

  /**
   * How long after start (or after a reload added it) the line's first check is due: its phase
   * fraction of {@code min(interval, initialSpread)}. The engine's warm-up places each router's
   * login before the earliest of these.
   */
  public static Duration firstCheckDelay(LineSpec line, Duration initialSpread) {
    long window = Math.min(line.interval().toNanos(), initialSpread.toNanos());
    return Duration.ofNanos((long) (Phase.fraction(line.id()) * window));
  }

  private void schedule(LineState s, long dueNanos, long now) {
    s.nextDueNanos = dueNanos;
    s.future =
        timer.schedule(() -> fire(s, dueNanos), Math.max(0, dueNanos - now), TimeUnit.NANOSECONDS);
  }

  /** A due time came (timer thread). Never blocks. */
  private void fire(LineState s, long dueNanos) {
    if (closed.get() || s.removed || lines.get(s.id) != s) {
      return;
    }
    LineBinding b = s.binding;
    long interval = b.line.interval().toNanos();
    long now = nowNanos();
    s.lastDueNanos = dueNanos;
    long regular = gridAtOrAfter(s.id, b.line.interval(), dueNanos + interval / 2);
    long next = regular;
    long missed = 0;
    if (next <= now) {
      next = gridAtOrAfter(s.id, b.line.interval(), now + 1);
      missed = (next - regular) / interval;
    }
    for (long i = 0; i < missed; i++) {
      delivery.runSkipped(s, b);
    }
    if (missed > 0) {
      log.warn(
          "line {}: dispatcher {} ms late, {} due runs skipped",
          s.id,
          (now - dueNanos) / 1_000_000,
          missed);
    }
    schedule(s, next, now);
    CheckExecution waiting = s.running.get();
    if (waiting != null
        && waiting.binding == b
        && waiting.supersede(toInstant(dueNanos), dueNanos + interval)) {
      // still waiting for its router: the due time it stood for is skipped (router_busy), and it
      // stands for this one now, keeping its place in the router's queue
      started.increment();
      LockSupport.unpark(waiting.thread);
      return;
    }
    if (waiting != null) {
      delivery.runSkipped(s, b);
      log.debug(
          "line {} router {}: previous check still running, run due {} skipped",
          s.id,
          b.router.id(),
          toInstant(dueNanos));
      return;
    }
    CheckExecution e = new CheckExecution(s, b, toInstant(dueNanos), dueNanos + interval);
    e.thread = Thread.ofVirtual().name("netpool-check-" + s.id).unstarted(() -> runner.run(e));
    s.running.set(e);
    inFlight.add(e);
    started.increment();
    e.thread.start();
  }

  private RouterGate gate(DeviceSpec router) {
    int cap = Math.max(1, sessionCap.applyAsInt(router));
    return gates.compute(
        router.id(), (id, g) -> g != null && g.cap == cap ? g : new RouterGate(cap));
  }

  // ---------------------------------------------------------------- time

  private long nowNanos() {
    return originEpochNanos + (System.nanoTime() - originNanoTime);
  }

  private static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** The first grid point of the line at or after {@code t} (epoch nanoseconds). */
  static long gridAtOrAfter(String lineId, Duration interval, long t) {
    long i = interval.toNanos();
    long phase = Phase.offsetNanos(lineId, interval);
    long k = Math.floorDiv(t - phase + i - 1, i);
    return phase + k * i;
  }

  @Override
  public String toString() {
    return "LineScheduler[" + lines.size() + " lines, " + inFlight.size() + " in flight]";
  }

  /** For tests: ids of the lines in flight now. */
  List<String> linesInFlight() {
    List<String> out = new ArrayList<>();
    for (CheckExecution e : inFlight) {
      out.add(e.line.id);
    }
    return out;
  }
}
