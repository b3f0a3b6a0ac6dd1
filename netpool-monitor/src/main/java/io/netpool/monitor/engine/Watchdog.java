package io.netpool.monitor.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.sink.ResultSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard against silent death (the original system's failure): when lines exist and no check has
 * finished for 3 times the shortest check interval, the monitor is stalled. Readiness then fails
 * ({@code /readyz}), an error is logged every minute while it lasts, and the gauge {@code
 * netpool_watchdog_stalled} is 1. It sees every result as a sink; a reload (which may add the first
 * lines) restarts the count.
 */
public final class Watchdog implements ResultSink {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  static final int INTERVALS = 3;
  static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private final Supplier<Inventory> inventory;
  private final Clock clock;
  private final AtomicReference<Instant> lastActivity;
  private final ScheduledExecutorService timer;
  private volatile String stalled;
  private Instant lastLogged = Instant.EPOCH; // timer thread only

  public Watchdog(Supplier<Inventory> inventory, Clock clock, MeterRegistry registry) {
    this.inventory = inventory;
    this.clock = clock;
    this.lastActivity = new AtomicReference<>(clock.instant());
    Gauge.builder("netpool.watchdog.stalled", this, w -> w.stalled == null ? 0 : 1)
        .description("1 when lines exist and no check finished for 3 times the shortest interval")
        .register(registry);
    Gauge.builder(
            "netpool.watchdog.last.check.age",
            this,
            w -> Duration.between(w.lastActivity.get(), w.clock.instant()).toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("time since the last finished check (or start / reload)")
        .register(registry);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "netpool-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::evaluate, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Every result counts, a skipped one ({@code router_busy}) too: it proves the scheduler
   * dispatches and the engine lives, and it is reported on its own (WARN per busy router, {@code
   * netpool_checks_skipped_total}, late lines). It is not a measurement.
   */
  @Override
  public void accept(CheckResult result) {
    Instant at = result.finished() != null ? result.finished() : clock.instant();
    lastActivity.accumulateAndGet(at, (a, b) -> b.isAfter(a) ? b : a);
  }

  @Override
  public void retainLines(Collection<String> lineIds) {
    lastActivity.set(clock.instant());
  }

  /** Why the monitor is stalled, or null while checks finish in time. */
  public String stalled() {
    return stalled;
  }

  /** A stalled monitor is not ready: {@link #stalled()}. */
  @Override
  public String problem() {
    return stalled == null ? null : "watchdog: " + stalled;
  }

  /** Checks the deadline now (the timer does this every second). */
  void evaluate() {
    try {
      Duration shortest =
          inventory.get().lines().values().stream()
              .map(LineSpec::interval)
              .min(Duration::compareTo)
              .orElse(null);
      Instant now = clock.instant();
      Duration idle = Duration.between(lastActivity.get(), now);
      if (shortest == null || idle.compareTo(shortest.multipliedBy(INTERVALS)) <= 0) {
        if (stalled != null) {
          log.info("watchdog: checks finish again");
        }
        stalled = null;
        return;
      }
      stalled =
          "no check finished for "
              + idle.toSeconds()
              + " s (more than "
              + INTERVALS
              + " x the shortest interval, "
              + shortest.toSeconds()
              + " s)";
      if (Duration.between(lastLogged, now).compareTo(LOG_EVERY) >= 0) {
        lastLogged = now;
        log.error("watchdog: monitoring has stalled: {}", stalled);
      }
    } catch (RuntimeException e) {
      log.warn("watchdog check failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
