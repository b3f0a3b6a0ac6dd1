package io.netpool.monitor.engine;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.SchedulerListener;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.probe.CheckOutputListener;
import io.netpool.monitor.probe.run.ProbeCheck;
import io.netpool.monitor.schedule.LineCheck;
import io.netpool.monitor.schedule.LineScheduler;
import io.netpool.monitor.schedule.NewLines;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.PoolListener;
import io.netpool.pool.PoolSnapshot;
import io.netpool.ssh.AaaGroupGates;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.ExecFactory;
import io.netpool.ssh.LoginGate;
import io.netpool.ssh.SshTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line monitor's engine: it owns the SSH transport, the {@link DevicePool} (with the CLI and
 * SSH exec factories), the {@link ProbeCheck}, the {@link LineScheduler} and the result sinks.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder(inventory).config(cfg).sink(console).sink(zabbix).build()) {
 *   monitor.start();
 *   try (InventoryWatcher w = InventoryWatcher.builder(file, loader, monitor.watcherListener(), inventory).start()) {
 *     ... until Ctrl-C
 *   }
 * } // close(): graceful
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #start()} schedules every line (first checks within {@code
 * initialSpread}) and warms up one session per router with lines ahead of its first check ({@link
 * Warmup}; after a reload, for routers added or changed). Every login of both factories passes one
 * {@link LoginGate} ({@link MonitorConfig#logins()}). {@link #apply} takes a reload (see {@link
 * LineScheduler} for lines): devices whose session-relevant fields changed ({@link
 * InventoryDiff#devicesToEvict()}) and removed devices have their pooled sessions evicted (idle
 * ones close now, lent ones when their check returns them). {@link #close()} stops scheduling, lets
 * running checks finish for the scheduler's shutdown grace (results of cancelled checks are
 * delivered with {@code SHUTDOWN}), then closes the sinks (each flushes), the pool and the
 * transport, in that order.
 *
 * <p><b>Threads.</b> {@link #apply} is meant to be called from one thread at a time (the inventory
 * watcher's); it blocks only until the scheduler thread has taken the change. Nothing here holds a
 * lock.
 */
public final class Monitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Monitor.class);

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int CLOSED = 2;

  private final MonitorConfig config;
  private final SshTransport transport;
  private final boolean ownsTransport;
  private final DevicePool pool;
  private final LineCheck probe;
  private final LineScheduler scheduler;
  private final LoginGate loginGate;
  private final Warmup warmup;
  private final boolean warmupEnabled;
  private final NewLines firstChecks;
  private final List<ResultSink> sinks;
  private final AtomicInteger state = new AtomicInteger(NEW);
  private volatile Inventory inventory;

  private Monitor(Builder b) {
    this.config = b.config;
    this.inventory = b.inventory;
    this.sinks = List.copyOf(b.sinks);
    this.ownsTransport = b.transport == null;
    this.transport =
        b.transport != null
            ? b.transport
            : SshTransport.builder().heartbeatInterval(config.keepaliveInterval()).build();
    this.loginGate = new LoginGate(config.logins(), new AaaGroupGates(inventory.aaaGroups()));
    DevicePool built = null;
    try {
      // one login budget for all factories: a TACACS server sees the sum of their logins
      CliFactory cli = new CliFactory(transport, config.ssh()).withLoginGate(loginGate);
      DevicePool.Builder pb =
          DevicePool.builder()
              .config(config.pool())
              .factory(cli)
              // protocol telnet: only devices whose own entry says so (inventory rule)
              .factory(cli.overTelnet())
              .factory(new ExecFactory(transport, config.ssh()).withLoginGate(loginGate));
      for (PoolListener l : b.poolListeners) {
        pb.listener(l);
      }
      built = pb.build();
      this.pool = built;
      Function<DeviceSpec, Device> toDevice = spec -> spec.toDevice(config.ssh());
      this.probe =
          b.lineCheck == null
              ? new ProbeCheck(
                  pool, config.probe(), toDevice, java.time.Clock.systemUTC(), b.outputs)
              : b.lineCheck.create(pool, toDevice, config);
      this.warmup =
          new Warmup(
              pool,
              toDevice,
              config.scheduler().initialSpread(),
              config.logins(),
              config.pool().acquireTimeout());
      // A check of its own may not use pooled sessions at all: warm up only if asked or for ping.
      this.warmupEnabled = b.warmup != null ? b.warmup : b.lineCheck == null;
      this.firstChecks = b.firstChecks;
      Duration warmupWait = config.probe().acquireTimeout();
      LineCheck checked = probe;
      LineCheck afterWarmup =
          !warmupEnabled
              ? probe
              : (line, router, due) -> {
                warmup.beforeCheck(router.id(), warmupWait);
                return checked.check(line, router, due);
              };
      this.scheduler =
          new LineScheduler(
              afterWarmup, sinks, b.schedulerListeners, config.scheduler(), this::sessionCap);
    } catch (RuntimeException e) {
      if (built != null) {
        built.close();
      }
      if (ownsTransport) {
        transport.close();
      }
      throw e;
    }
  }

  public static Builder builder(Inventory inventory) {
    return new Builder(inventory);
  }

  /** True between {@link #start()} and {@link #close()}. */
  public boolean isRunning() {
    return state.get() == RUNNING;
  }

  /** Schedules every line of the inventory. Call once. */
  public Monitor start() {
    if (!state.compareAndSet(NEW, RUNNING)) {
      throw new IllegalStateException(
          state.get() == CLOSED ? "monitor is closed" : "monitor already started");
    }
    // registered before the first check can run, so no check logs in beside its warm-up
    Warmup.Batch warm = warmupEnabled ? warmup.plan(inventory.devices().values(), inventory) : null;
    scheduler.start(inventory, firstChecks);
    if (warm != null) {
      warm.start();
    }
    log.info(
        "monitor started: {} lines, {} devices, pool max {} sessions per device",
        inventory.lines().size(),
        inventory.devices().size(),
        config.pool().maxSessionsPerDevice());
    return this;
  }

  /**
   * Applies a reloaded inventory: the schedule follows {@code next} when this returns, then the
   * sessions of changed (session-relevant fields) and removed devices are evicted.
   *
   * @param next the new inventory
   * @param diff what changed from {@link #inventory()} to {@code next}
   */
  public void apply(Inventory next, InventoryDiff diff) {
    apply(next, diff, NewLines.SPREAD);
  }

  /**
   * As {@link #apply(Inventory, InventoryDiff)}, the added lines' first checks placed as {@code
   * placement} says (a cluster's handovers).
   */
  public void apply(Inventory next, InventoryDiff diff, NewLines placement) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(diff, "diff");
    if (state.get() == CLOSED) {
      throw new IllegalStateException("monitor is closed");
    }
    boolean running = state.get() == RUNNING;
    Inventory previous = inventory;
    // registered before the new schedule, timed after the evictions (sessions of the new
    // definition)
    Warmup.Batch warm =
        running && warmupEnabled ? warmup.plan(routersToWarm(previous, next, diff), next) : null;
    if (running) {
      scheduler.apply(next, diff, placement);
    }
    inventory = next;
    updateAaaGroups(previous, next);
    List<String> lineIds = List.copyOf(next.lines().keySet());
    for (ResultSink sink : sinks) {
      sink.retainLines(lineIds);
    }
    for (DeviceSpec d : diff.devicesToEvict()) {
      log.info("device {} changed ({}): replacing its sessions", d.id(), fieldsOf(diff, d.id()));
      pool.evict(d.toDevice(config.ssh()));
    }
    for (DeviceSpec d : diff.devicesRemoved()) {
      log.info("device {} removed: closing its sessions", d.id());
      pool.evict(d.toDevice(config.ssh()));
    }
    if (warm != null) {
      warm.start();
    }
  }

  /**
   * New AAA group budgets apply to logins that start from now on; logins past a group's old gate
   * finish under it ({@link AaaGroupGates#update}). Before the evictions, so replaced sessions log
   * in under the new budgets.
   */
  private void updateAaaGroups(Inventory previous, Inventory next) {
    if (!previous.aaaGroups().equals(next.aaaGroups())) {
      log.info("AAA groups changed: {} -> {}", previous.aaaGroups(), next.aaaGroups());
      loginGate.groups().update(next.aaaGroups());
    }
  }

  /** Routers added or changed (sessions replaced), and routers that had no lines before. */
  private static List<DeviceSpec> routersToWarm(
      Inventory previous, Inventory next, InventoryDiff diff) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    diff.devicesAdded().forEach(d -> ids.add(d.id()));
    diff.devicesToEvict().forEach(d -> ids.add(d.id()));
    for (LineSpec l : diff.linesAdded()) {
      if (previous.linesOf(l.router()).isEmpty()) {
        ids.add(l.router());
      }
    }
    for (InventoryDiff.LineChange c : diff.linesMoved()) {
      if (previous.linesOf(c.next().router()).isEmpty()) {
        ids.add(c.next().router());
      }
    }
    List<DeviceSpec> out = new ArrayList<>();
    for (String id : ids) {
      next.device(id).ifPresent(out::add);
    }
    return out;
  }

  private static String fieldsOf(InventoryDiff diff, String deviceId) {
    return diff.devicesChanged().stream()
        .filter(c -> c.next().id().equals(deviceId))
        .map(c -> String.join(",", new java.util.TreeSet<>(c.fields())))
        .findFirst()
        .orElse("");
  }

  /** A watcher listener that applies every good reload and logs rejected files. */
  public InventoryWatcher.Listener watcherListener() {
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff diff) {
        if (diff.isEmpty()) {
          Inventory previous = inventory;
          inventory = next;
          updateAaaGroups(previous, next);
          return;
        }
        log.info("inventory reloaded: {}", diff.summary());
        apply(next, diff);
      }

      @Override
      public void rejected(InventoryException error) {
        log.warn("inventory change rejected, keeping the running one: {}", error.getMessage());
      }
    };
  }

  /**
   * Runs one check now, outside the schedule (for {@code netpool ping}): the result goes to the
   * caller only, not to the sinks.
   */
  public CheckResult checkNow(LineSpec line, DeviceSpec router) throws InterruptedException {
    if (state.get() == CLOSED) {
      throw new IllegalStateException("monitor is closed");
    }
    return probe.check(line, router, Instant.now());
  }

  /** The inventory in force. */
  public Inventory inventory() {
    return inventory;
  }

  /** Counts and sessions of the pool, per device and protocol. */
  public PoolSnapshot poolSnapshot() {
    return pool.snapshot();
  }

  /** The pool (for metrics binders and tests). */
  public DevicePool pool() {
    return pool;
  }

  /** The login budget both factories share (logins in progress, waiting, started, throttled). */
  public LoginGate loginGate() {
    return loginGate;
  }

  /** The warm-up (planned, started, succeeded, failed, skipped). */
  public Warmup warmup() {
    return warmup;
  }

  /** The scheduler (skipped runs, in-flight checks, next due times). */
  public LineScheduler scheduler() {
    return scheduler;
  }

  /** What checks a line ({@link ProbeCheck} unless the builder was given another). */
  public LineCheck lineCheck() {
    return probe;
  }

  public MonitorConfig config() {
    return config;
  }

  public List<ResultSink> sinks() {
    return sinks;
  }

  /**
   * How many checks the scheduler lets run at once on this router: the pool's effective cap for it,
   * {@code min(pool.maxSessionsPerDevice, max_sessions)} ({@code max_sessions} 0 = no own cap).
   */
  public int sessionCap(DeviceSpec device) {
    // Called once per check: the cap depends on the router's own max_sessions only, so a bare
    // Device (no options, tags or credentials) asks the pool's rule without building sessions'
    // state.
    return pool.effectiveCap(
        new Device(
            device.id(), device.host(), device.port(), "", device.maxSessions(), null, null));
  }

  /**
   * Graceful shutdown: stop scheduling; running checks get the scheduler's shutdown grace, the rest
   * are reported with {@code SHUTDOWN}; then the sinks are closed (and flush), then the pool (its
   * own close grace), then the transport. Idempotent.
   */
  @Override
  public void close() {
    close(config.scheduler().shutdownGrace());
  }

  /** {@link #close()} with another grace period for running checks. */
  public void close(Duration grace) {
    if (state.getAndSet(CLOSED) == CLOSED) {
      return;
    }
    long t0 = System.nanoTime();
    List<RuntimeException> errors = new ArrayList<>();
    warmup.close();
    try {
      scheduler.close(grace);
    } catch (RuntimeException e) {
      errors.add(e);
    }
    for (ResultSink sink : sinks) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        log.warn("result sink {} failed to close", sink, e);
      }
    }
    try {
      pool.close();
    } catch (RuntimeException e) {
      errors.add(e);
    }
    if (ownsTransport) {
      try {
        transport.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    log.info("monitor stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    if (!errors.isEmpty()) {
      RuntimeException first = errors.get(0);
      errors.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  /**
   * Makes the check a line runs (default: {@link ProbeCheck}). The engine calls it once, with its
   * pool and its mapping from a router's definition to the pool's device.
   */
  @FunctionalInterface
  public interface LineCheckFactory {
    LineCheck create(DevicePool pool, Function<DeviceSpec, Device> toDevice, MonitorConfig config);
  }

  /** Builds a {@link Monitor}. */
  public static final class Builder {
    private LineCheckFactory lineCheck;
    private final Inventory inventory;
    private MonitorConfig config = MonitorConfig.defaults();
    private final List<ResultSink> sinks = new ArrayList<>();
    private final List<SchedulerListener> schedulerListeners = new ArrayList<>();
    private final List<PoolListener> poolListeners = new ArrayList<>();
    private SshTransport transport;
    private Boolean warmup;
    private NewLines firstChecks = NewLines.SPREAD;
    private CheckOutputListener outputs = CheckOutputListener.NONE;

    private Builder(Inventory inventory) {
      this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    public Builder config(MonitorConfig v) {
      this.config = Objects.requireNonNull(v, "config");
      return this;
    }

    /** Adds a sink; every result goes to every sink, in the order added. */
    public Builder sink(ResultSink v) {
      sinks.add(Objects.requireNonNull(v, "sink"));
      return this;
    }

    public Builder sinks(List<? extends ResultSink> v) {
      v.forEach(this::sink);
      return this;
    }

    /** Gets the masked output of every ping check (docs/monitor.md, "Raw outputs"). */
    public Builder outputs(CheckOutputListener v) {
      this.outputs = Objects.requireNonNull(v, "outputs");
      return this;
    }

    public Builder schedulerListener(SchedulerListener v) {
      schedulerListeners.add(Objects.requireNonNull(v, "listener"));
      return this;
    }

    public Builder poolListener(PoolListener v) {
      poolListeners.add(Objects.requireNonNull(v, "listener"));
      return this;
    }

    /**
     * Uses a transport the caller owns (and closes after the monitor). By default the monitor
     * starts and closes its own.
     */
    public Builder transport(SshTransport v) {
      this.transport = v;
      return this;
    }

    /**
     * Whether sessions are warmed up ahead of the first checks ({@link Warmup}); default: yes with
     * the default ping check, no with a {@link #lineCheck} of its own (which may use no session).
     */
    /**
     * Where the first checks go at start (default {@link NewLines#SPREAD}: within {@code
     * initial_spread}); a node joining a running cluster starts on the grid.
     */
    public Builder firstChecks(NewLines v) {
      this.firstChecks = Objects.requireNonNull(v, "firstChecks");
      return this;
    }

    public Builder warmup(boolean v) {
      this.warmup = v;
      return this;
    }

    /**
     * What checks a line (default: ping, {@link ProbeCheck} with {@link MonitorConfig#probe()}).
     */
    public Builder lineCheck(LineCheckFactory v) {
      this.lineCheck = Objects.requireNonNull(v, "lineCheck");
      return this;
    }

    public Monitor build() {
      return new Monitor(this);
    }
  }
}
