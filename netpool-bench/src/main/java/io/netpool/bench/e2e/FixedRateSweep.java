package io.netpool.bench.e2e;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler of the baseline variants, built the way a Java team usually builds it: one {@code
 * scheduleAtFixedRate} task per line on a {@link ScheduledThreadPoolExecutor} with a fixed number
 * of threads, each task running its probe on the pool thread. Lines start on the monitor's phase
 * grid ({@link PhaseGrid}); a run's due time is its nominal fixed-rate time, so a late run (all
 * threads busy, or the previous run of the line overran) shows as due→done latency.
 */
final class FixedRateSweep implements SweepVariant {
  private final Inventory inventory;
  private final ProbeRunner runner;
  private final OutcomeSink recorder;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicLong started = new AtomicLong();

  FixedRateSweep(Inventory inventory, ProbeRunner runner, OutcomeSink recorder, int threads) {
    this.inventory = inventory;
    this.runner = runner;
    this.recorder = recorder;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "probe-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void start() {
    // Epoch time of this instant of nanoTime: the executor schedules in nanoTime.
    long originEpoch = PhaseGrid.epochNanos(Instant.now());
    long originNano = System.nanoTime();
    for (LineSpec line : inventory.lines().values()) {
      DeviceSpec router = inventory.router(line);
      long interval = line.interval().toNanos();
      long first = PhaseGrid.atOrAfter(line.id(), line.interval(), originEpoch + 1_000_000);
      long delay = first - originEpoch - (System.nanoTime() - originNano);
      executor.scheduleAtFixedRate(
          new LineTask(line, router, first, interval),
          Math.max(0, delay),
          interval,
          TimeUnit.NANOSECONDS);
    }
  }

  /** The periodic task of one line; the executor never runs two of its runs at once. */
  private final class LineTask implements Runnable {
    private final LineSpec line;
    private final DeviceSpec router;
    private final long firstDueEpochNanos;
    private final long intervalNanos;
    private long runs; // touched by one run at a time; the executor orders successive runs

    LineTask(LineSpec line, DeviceSpec router, long firstDueEpochNanos, long intervalNanos) {
      this.line = line;
      this.router = router;
      this.firstDueEpochNanos = firstDueEpochNanos;
      this.intervalNanos = intervalNanos;
    }

    @Override
    public void run() {
      Instant due = PhaseGrid.instant(firstDueEpochNanos + runs++ * intervalNanos);
      started.incrementAndGet();
      ProbeOutcome o;
      try {
        o = runner.probe(line, router);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        o = ProbeOutcome.failed(FailureKind.SHUTDOWN, "interrupted");
      } catch (RuntimeException e) {
        // a periodic task that throws is never run again: record and carry on
        o = ProbeOutcome.failed(FailureKind.INTERNAL, e.toString());
      }
      recorder.record(line.id(), due, Instant.now(), o.ping(), o.failure());
    }
  }

  @Override
  public void stop(Duration drain) throws InterruptedException {
    executor.shutdown(); // periodic tasks are cancelled; running probes finish
    if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>(runner.details());
    m.put("probes_started", started.get());
    return m;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    runner.close();
  }
}
