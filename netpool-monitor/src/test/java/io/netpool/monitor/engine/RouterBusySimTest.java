package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;
import io.netpool.monitor.status.LineHistory;
import io.netpool.monitor.status.ResultStore;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 part 4, "honest status under load", on the real path (simulated router over real SSH):
 * one router with 20 lines whose targets all time out, 2 sessions, an interval shorter than the
 * backlog. Every line shows {@code down} (or down and late), none shows {@code error}.
 */
class RouterBusySimTest {
  static final int LINES = 20;
  // 5 probes of 2 s, all lost: 0.5 s per check at time scale 0.05; 20 lines on 2 sessions are
  // 5 s of work per 2 s interval
  static final Duration INTERVAL = Duration.ofSeconds(2);

  @Test
  void everyLineShowsDownOrDownAndLateAndNoneShowsError() throws Exception {
    try (Simulator sim =
        TestInventory.simulator()
            .seed(42)
            .timeScale(0.05)
            .device(
                io.netpool.sim.DeviceSpec.builder("edge1", Platform.CISCO_IOSXE)
                    .defaultTarget(TargetBehaviour.totalLoss())
                    .build())
            .start()) {
      TestInventory t =
          TestInventory.create().add(TestInventory.device(sim.device("edge1"), Protocol.CLI));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < LINES; i++) {
        String id = String.format("line-%02d", i);
        ids.add(id);
        t.add(
            TestInventory.line(
                id, "edge1", "10.9.0." + (i + 1), 5, Duration.ofSeconds(2), INTERVAL));
      }
      Inventory inv = t.build();
      MonitorConfig config =
          MonitorConfig.defaults()
              .withPool(
                  PoolConfig.builder()
                      .maxSessionsPerDevice(2)
                      .closeGracePeriod(Duration.ofSeconds(1))
                      .build())
              .withScheduler(
                  SchedulerConfig.defaults()
                      .withInitialSpread(Duration.ofMillis(500))
                      .withShutdownGrace(Duration.ofSeconds(1)))
              .withProbe(ProbeConfig.defaults().withAcquireTimeout(Duration.ofSeconds(3)));
      ResultStore store = new ResultStore();
      RecordingSink sink = new RecordingSink();
      MetricsRegistry metrics = new MetricsRegistry();
      ProbeMetrics probeMetrics = ProbeMetrics.register(metrics);
      AtomicBoolean sawLateDown = new AtomicBoolean();
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      Logger busyLog = context.getLogger("io.netpool.monitor.schedule.RouterBusyLog");
      ListAppender<ILoggingEvent> logged = new ListAppender<>();
      logged.setContext(context);
      logged.start();
      busyLog.addAppender(logged);
      Monitor monitor =
          Monitor.builder(inv)
              .config(config)
              .sink(store)
              .sink(probeMetrics)
              .sink(sink)
              .schedulerListener(sink)
              .build();
      monitor.start();
      try {
        await()
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Map<String, LineHistory> snap = store.snapshot();
                  snap.values().stream()
                      .filter(h -> h.late() && h.latest().status() == PingStatus.DOWN)
                      .findAny()
                      .ifPresent(h -> sawLateDown.set(true));
                  return sawLateDown.get()
                      && ids.stream()
                          .allMatch(
                              id ->
                                  snap.containsKey(id)
                                      && snap.get(id).latest().status() == PingStatus.DOWN);
                });
        // what the live table, status page and API show: down, or down and late; never error
        for (String id : ids) {
          LineHistory h = store.line(id).orElseThrow();
          assertThat(h.latest().status()).as(id).isEqualTo(PingStatus.DOWN);
          assertThat(h.recent()).as(id).allMatch(r -> r.status() == PingStatus.DOWN);
        }
        assertThat(sawLateDown).isTrue();
      } finally {
        monitor.close();
        busyLog.detachAppender(logged);
      }
      // a router that stays overloaded is logged once, not once per skip (nor flapping)
      assertThat(logged.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("router edge1 busy"));
      List<CheckResult> beforeShutdown =
          sink.results.stream().filter(r -> r.failure() != FailureKind.SHUTDOWN).toList();
      assertThat(beforeShutdown)
          .allMatch(
              r -> r.status() == PingStatus.DOWN || r.status() == PingStatus.SKIPPED,
              "down or skipped");
      List<CheckResult> skips = beforeShutdown.stream().filter(CheckResult::isSkipped).toList();
      assertThat(skips).isNotEmpty().allMatch(r -> r.skipReason() == SkipReason.ROUTER_BUSY);
      // the backlog is real: the router never ran more than its 2 sessions' worth
      assertThat(monitor.scheduler().busySkips())
          .isEqualTo(sink.results.stream().filter(CheckResult::isSkipped).count());
      assertThat(sink.noDuplicates()).isTrue();
      // counted once per skip, per router and reason, no per-line series
      String scrape = metrics.scrape();
      Matcher m =
          Pattern.compile(
                  "netpool_checks_skipped_total\\{reason=\"router_busy\",router=\"edge1\"} (\\S+)")
              .matcher(scrape);
      assertThat(m.find()).as(scrape).isTrue();
      assertThat(Double.parseDouble(m.group(1)))
          .isEqualTo((double) monitor.scheduler().busySkips());
      metrics.close();
    }
  }
}
