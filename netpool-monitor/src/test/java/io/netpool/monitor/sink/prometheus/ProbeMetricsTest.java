package io.netpool.monitor.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.status.TestResults;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {

  private final MetricsRegistry metrics = new MetricsRegistry();
  private final ProbeMetrics probe = ProbeMetrics.register(metrics);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void distributionGaugesInSecondsWhenThePlatformPrintedEveryReply() {
    probe.accept(TestResults.withReplies("l1", "r1", "192.0.2.1"));
    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(
            s.value("netpool_line_rtt_median_seconds", "line", "l1", "router", "r1").getAsDouble())
        .isCloseTo(0.002, within(1e-12));
    assertThat(s.value("netpool_line_rtt_stddev_seconds", "line", "l1").getAsDouble())
        .isCloseTo(0.00102, within(1e-12));
    assertThat(s.value("netpool_line_jitter_seconds", "line", "l1").getAsDouble())
        .isCloseTo(0.00125, within(1e-12));
    // one series per line, not per probe
    assertThat(s.find("netpool_line_rtt_median_seconds", "line", "l1")).hasSize(1);
  }

  @Test
  void lastValuesPerLine() {
    probe.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    probe.accept(TestResults.degraded("l2", "r1", "192.0.2.2"));
    probe.accept(TestResults.down("l3", "r2", "192.0.2.3"));
    probe.accept(TestResults.error("l4", "r2", "192.0.2.4"));

    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(s.value("netpool_line_loss_percent", "line", "l1", "router", "r1")).hasValue(0);
    assertThat(s.value("netpool_line_loss_percent", "line", "l2", "router", "r1")).hasValue(20);
    assertThat(s.value("netpool_line_rtt_avg_seconds", "line", "l1")).hasValue(0.0015);
    assertThat(s.value("netpool_line_rtt_min_seconds", "line", "l2")).hasValue(0.0105);
    assertThat(s.value("netpool_line_rtt_max_seconds", "line", "l2")).hasValue(0.020);
    assertThat(s.value("netpool_line_rtt_avg_seconds", "line", "l3").getAsDouble()).isNaN();
    // summary-only results: no distribution, and nothing invented
    assertThat(s.value("netpool_line_rtt_median_seconds", "line", "l1").getAsDouble()).isNaN();
    assertThat(s.value("netpool_line_jitter_seconds", "line", "l2").getAsDouble()).isNaN();
    assertThat(s.value("netpool_line_loss_percent", "line", "l4").getAsDouble()).isNaN();
    assertThat(s.value("netpool_line_status", "line", "l1")).hasValue(0);
    assertThat(s.value("netpool_line_status", "line", "l2")).hasValue(1);
    assertThat(s.value("netpool_line_status", "line", "l3")).hasValue(2);
    assertThat(s.value("netpool_line_status", "line", "l4")).hasValue(4);
    assertThat(s.value("netpool_line_last_check_timestamp_seconds", "line", "l1"))
        .hasValue(TestResults.T0.plusSeconds(2).getEpochSecond());
    assertThat(s.help("netpool_line_status"))
        .contains("0 ok", "1 degraded", "2 down", "3 unreachable", "4 error");
    for (PingStatus status : PingStatus.values()) {
      if (status == PingStatus.SKIPPED) {
        continue; // never a line's status: a skip leaves the gauge as it was
      }
      assertThat(ProbeMetrics.STATUS_HELP)
          .contains(ProbeMetrics.statusCode(status) + " " + status.wireName());
    }
  }

  @Test
  void countsResultsByStatusAndFailurePerLineAndRouter() {
    probe.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    probe.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.7"));
    probe.accept(TestResults.error("l1", "r1", "192.0.2.1"));
    probe.accept(TestResults.down("l2", "r1", "192.0.2.2"));

    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(
            s.value("netpool_line_results_total", "line", "l1", "status", "ok", "failure", "none"))
        .hasValue(2);
    assertThat(
            s.value(
                "netpool_line_results_total",
                "line",
                "l1",
                "status",
                "error",
                "failure",
                "router_unreachable"))
        .hasValue(1);
    assertThat(s.value("netpool_router_results_total", "router", "r1", "status", "ok")).hasValue(2);
    assertThat(s.value("netpool_router_results_total", "router", "r1", "status", "down"))
        .hasValue(1);
    assertThat(s.value("netpool_router_results_total", "router", "r1", "status", "error"))
        .hasValue(1);
    // the error text and the target address never become labels
    assertThat(s.text).doesNotContain("timed out", "192.0.2");
  }

  @Test
  void schedulerLagSkipsAndLines() {
    probe.linesScheduled(12);
    probe.checkStarted("l1", "r1", Duration.ofMillis(300));
    probe.checkStarted("l2", "r1", Duration.ofMillis(100));
    probe.checkStarted("l3", "r2", Duration.ofMillis(-5));
    probe.runSkipped("l1", "r1");
    probe.runSkipped("l1", "r1");

    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(s.value("netpool_scheduler_lines")).hasValue(12);
    assertThat(s.value("netpool_scheduler_lag_seconds_count", "router", "r1")).hasValue(2);
    assertThat(s.value("netpool_scheduler_lag_seconds_sum", "router", "r1")).hasValue(0.4);
    assertThat(s.value("netpool_scheduler_lag_seconds_max", "router", "r1")).hasValue(0.3);
    assertThat(s.value("netpool_scheduler_lag_seconds_sum", "router", "r2")).hasValue(0);
    assertThat(s.value("netpool_scheduler_runs_skipped_total", "line", "l1")).hasValue(2);
  }

  @Test
  void aLineThatMovesTakesItsGaugesAlongAndRemovedLinesDisappear() {
    probe.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    probe.accept(TestResults.ok("l2", "r1", "192.0.2.2", "1.5"));
    probe.runSkipped("l2", "r1");
    probe.accept(TestResults.ok("l1", "r9", "192.0.2.1", "2.5"));

    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(s.find("netpool_line_rtt_avg_seconds", "line", "l1")).hasSize(1);
    assertThat(s.value("netpool_line_rtt_avg_seconds", "line", "l1", "router", "r9"))
        .hasValue(0.0025);

    probe.retainLines(List.of("l1"));
    s = new ScrapeText(metrics.scrape());
    assertThat(s.find("netpool_line_status", "line", "l2")).isEmpty();
    assertThat(s.find("netpool_line_results_total", "line", "l2")).isEmpty();
    assertThat(s.find("netpool_scheduler_runs_skipped_total", "line", "l2")).isEmpty();
    assertThat(s.find("netpool_line_status", "line", "l1")).hasSize(1);
  }

  @Test
  void theIntervalGaugeReadsTheCurrentIntervalAndMovesWithTheLine() {
    java.util.Map<String, Duration> intervals = new java.util.concurrent.ConcurrentHashMap<>();
    intervals.put("l1", Duration.ofSeconds(30));
    try (MetricsRegistry withIntervals = new MetricsRegistry()) {
      ProbeMetrics p = ProbeMetrics.register(withIntervals, intervals::get);
      p.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
      p.accept(TestResults.ok("l2", "r1", "192.0.2.2", "1.5"));

      ScrapeText s = new ScrapeText(withIntervals.scrape());
      assertThat(s.value("netpool_line_interval_seconds", "line", "l1", "router", "r1"))
          .hasValue(30);
      assertThat(s.value("netpool_line_interval_seconds", "line", "l2").getAsDouble()).isNaN();

      intervals.put("l1", Duration.ofMillis(1500)); // a reload changed it
      p.accept(TestResults.ok("l1", "r9", "192.0.2.1", "1.5")); // and moved the line
      s = new ScrapeText(withIntervals.scrape());
      assertThat(s.find("netpool_line_interval_seconds", "line", "l1")).hasSize(1);
      assertThat(s.value("netpool_line_interval_seconds", "line", "l1", "router", "r9"))
          .hasValue(1.5);
    }
    // without the inventory's intervals there is no such gauge
    probe.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    assertThat(new ScrapeText(metrics.scrape()).find("netpool_line_interval_seconds")).isEmpty();
  }

  @Test
  void labelsAreBounded() {
    for (CheckResult r :
        List.of(
            TestResults.ok("l1", "r1", "192.0.2.1", "1.5"),
            TestResults.degraded("l2", "r1", "192.0.2.2"),
            TestResults.error("l3", "r2", "2001:db8::3"))) {
      probe.accept(r);
      probe.checkStarted(r.lineId(), r.routerId(), Duration.ofMillis(1));
      probe.runSkipped(r.lineId(), r.routerId());
    }
    ScrapeText s = new ScrapeText(metrics.scrape());
    Set<String> allowed = Set.of("line", "router", "status", "failure");
    for (ScrapeText.Sample sample : s.samples) {
      assertThat(allowed).containsAll(sample.labels().keySet());
      assertThat(sample.labels().values()).allSatisfy(v -> assertThat(v).matches("[a-z0-9_]+"));
    }
  }

  @Test
  void aSkipIsCountedPerRouterAndReasonAndLeavesTheLinesGaugesAsTheyWere() {
    probe.accept(TestResults.degraded("l1", "r1", "192.0.2.1"));
    ScrapeText s0 = new ScrapeText(metrics.scrape());
    probe.accept(TestResults.skipped("l1", "r1", "192.0.2.1", 60));
    probe.accept(TestResults.skipped("l1", "r1", "192.0.2.1", 120));
    probe.accept(TestResults.skipped("l2", "r1", "192.0.2.2", 60));

    ScrapeText s = new ScrapeText(metrics.scrape());
    assertThat(s.value("netpool_checks_skipped_total", "router", "r1", "reason", "router_busy"))
        .hasValue(3);
    for (String gauge :
        List.of(
            "netpool_line_loss_percent",
            "netpool_line_rtt_avg_seconds",
            "netpool_line_status",
            "netpool_line_last_check_timestamp_seconds")) {
      assertThat(s.value(gauge, "line", "l1")).as(gauge).isEqualTo(s0.value(gauge, "line", "l1"));
    }
    assertThat(s.value("netpool_line_loss_percent", "line", "l1")).hasValue(20);
    assertThat(s.value("netpool_line_status", "line", "l1")).hasValue(1);
    // not a result of the line, and no series per line for skips
    assertThat(s.value("netpool_line_results_total", "line", "l1", "status", "skipped")).isEmpty();
    assertThat(s.value("netpool_line_loss_percent", "line", "l2")).isEmpty();
    assertThat(metrics.scrape()).doesNotContain("netpool_checks_skipped_total{line=");
  }
}
