package io.netpool.bench.e2e;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.PoolSnapshot;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Variant "netpool": the real monitor engine ({@link Monitor}: pool, CLI driver, ping probe, line
 * scheduler) over the simulator, with a sink that records due→done of every check.
 */
final class MonitorSweep implements SweepVariant {
  private final Monitor monitor;

  MonitorSweep(
      ClientFleet fleet,
      SshTransport transport,
      OutcomeSink recorder,
      PoolConfig pool,
      int maxConcurrentChecks,
      LoginLimits logins) {
    ResultSink sink = r -> recorder.record(r.lineId(), r.due(), Instant.now(), r.ping(), kind(r));
    MonitorConfig config =
        MonitorConfig.defaults()
            .withPool(pool)
            .withScheduler(SchedulerConfig.defaults().withMaxConcurrentChecks(maxConcurrentChecks))
            .withSsh(fleet.ssh())
            .withLogins(logins);
    this.monitor =
        Monitor.builder(fleet.inventory()).config(config).transport(transport).sink(sink).build();
  }

  private static String kind(CheckResult r) {
    return r.failure() == null ? null : r.failure().name().toLowerCase(Locale.ROOT);
  }

  Monitor monitor() {
    return monitor;
  }

  @Override
  public void start() {
    monitor.start();
  }

  @Override
  public void stop(Duration drain) {
    monitor.close(drain);
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("skipped_runs", monitor.scheduler().skippedRuns());
    m.put("checks_started", monitor.scheduler().checksStarted());
    PoolSnapshot.Counts c =
        monitor.poolSnapshot().byProtocol().values().stream()
            .reduce(PoolSnapshot.Counts.ZERO, PoolSnapshot.Counts::plus);
    m.put("pool_sessions_at_stop", c.total());
    return m;
  }

  @Override
  public void close() {
    monitor.close(Duration.ZERO);
  }
}
