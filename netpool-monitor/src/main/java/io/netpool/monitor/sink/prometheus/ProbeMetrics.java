package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SchedulerListener;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.sink.ResultSink;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Check results and scheduler events as Prometheus metrics (names in docs/observability.md).
 * Register it with the engine both as a result sink and as a scheduler listener.
 *
 * <p>Per line (labels {@code line}, {@code router}): gauges of the last loss, last RTT min/avg/max
 * in seconds (NaN when no reply came), the last RTT median, standard deviation and jitter in
 * seconds (NaN where the platform printed no per-reply times), last status as a number ({@link
 * #statusCode}), the time of the last check and (when given the inventory's intervals) the line's
 * check interval; a counter of results by status and failure kind (labels {@code line}, {@code
 * status}, {@code failure}). Per router: results by status, and checks skipped because the router
 * was busy ({@code netpool_checks_skipped_total{router,reason}}: a skip changes no line gauge and
 * is not a result of the line). Scheduler: lag per router, skipped runs per line, number of
 * scheduled lines.
 *
 * <p>Labels are ids and enum names only. When a line moves to another router its gauges move with
 * it; {@link #retainLines} (after a reload) removes the series of lines that are gone, so their
 * number stays bounded by the inventory. Thread-safe; nothing blocks.
 */
public final class ProbeMetrics implements ResultSink, SchedulerListener {

  /** Help text of {@code netpool_line_status}: the codes. */
  public static final String STATUS_HELP =
      "last check status: 0 ok, 1 degraded (some loss), 2 down (all lost), 3 unreachable, 4 error";

  private final MeterRegistry registry;
  private final Function<String, Duration> intervals;
  private final ConcurrentHashMap<String, LineState> lines = new ConcurrentHashMap<>();
  private final AtomicInteger scheduledLines = new AtomicInteger();
  private final ReadingMetrics readings;

  public ProbeMetrics(MeterRegistry registry) {
    this(registry, null);
  }

  /**
   * @param intervals a line's current check interval by line id (null when unknown), read at scrape
   *     time for {@code netpool_line_interval_seconds}; null for no such gauge
   */
  public ProbeMetrics(MeterRegistry registry, Function<String, Duration> intervals) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.readings = new ReadingMetrics(registry);
    this.intervals = intervals;
    Gauge.builder("netpool.scheduler.lines", scheduledLines, AtomicInteger::get)
        .description("lines the scheduler checks")
        .register(registry);
  }

  public static ProbeMetrics register(MetricsRegistry metrics) {
    return new ProbeMetrics(metrics.registry());
  }

  /**
   * Probe metrics in {@code metrics} with {@code netpool_line_interval_seconds} read from {@code
   * intervals} (a line's current interval by id, null when unknown).
   */
  public static ProbeMetrics register(
      MetricsRegistry metrics, Function<String, Duration> intervals) {
    return new ProbeMetrics(metrics.registry(), intervals);
  }

  /** The numeric code of a status in {@code netpool_line_status} ({@link #STATUS_HELP}). */
  public static int statusCode(PingStatus status) {
    return switch (status) {
      case OK -> 0;
      case DEGRADED -> 1;
      case DOWN -> 2;
      case UNREACHABLE -> 3;
      case ERROR -> 4;
      case SKIPPED -> 5; // never shown: a skip leaves the line's last status in place
    };
  }

  @Override
  public void accept(CheckResult r) {
    String router = r.routerId() == null ? "unknown" : r.routerId();
    if (r.isSkipped()) {
      // Not a measurement: the line's gauges keep its last one (and its last-check time ages,
      // which is what staleness alerts watch); only the skip is counted, per router and reason.
      Counter.builder("netpool.checks.skipped")
          .description(
              "due checks skipped without measuring, by router and reason (router_busy: the"
                  + " router's sessions were busy with its other checks)")
          .tags("router", router, "reason", SkipReason.wireName(r.skipReason()))
          .register(registry)
          .increment();
      return;
    }
    PingResult p = r.ping();
    String status = p.status().wireName();
    String failure = r.failure() == null ? "none" : FailureKind.wireName(r.failure());

    LineState state = lines.computeIfAbsent(r.lineId(), LineState::new);
    state.update(p, r.finished(), router);
    readings.accept(r, router);

    Counter.builder("netpool.line.results")
        .description("check results per line by status and failure kind (none when measured)")
        .tags("line", r.lineId(), "status", status, "failure", failure)
        .register(registry)
        .increment();
    Counter.builder("netpool.router.results")
        .description("check results of the lines pinged from a router, by status")
        .tags("router", router, "status", status)
        .register(registry)
        .increment();
  }

  @Override
  public void checkStarted(String lineId, String routerId, Duration lag) {
    Timer.builder("netpool.scheduler.lag")
        .description("time from a check's due time to its start, per router")
        .tags("router", routerId == null ? "unknown" : routerId)
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  @Override
  public void runSkipped(String lineId, String routerId) {
    Counter.builder("netpool.scheduler.runs.skipped")
        .description("due checks skipped because the line's previous check was still running")
        .tags("line", lineId)
        .register(registry)
        .increment();
  }

  @Override
  public void linesScheduled(int count) {
    scheduledLines.set(count);
  }

  /** Removes every series of lines not in {@code lineIds} (after an inventory reload). */
  @Override
  public void retainLines(Collection<String> lineIds) {
    Set<String> keep = Set.copyOf(lineIds);
    readings.retainLines(keep);
    for (String id : List.copyOf(lines.keySet())) {
      if (!keep.contains(id)) {
        removeLine(id);
      }
    }
  }

  /** Removes every series of one line. */
  public void removeLine(String lineId) {
    LineState state = lines.remove(lineId);
    if (state != null) {
      state.unregister();
    }
    readings.removeLine(lineId);
    for (String name : List.of("netpool.line.results", "netpool.scheduler.runs.skipped")) {
      registry.find(name).tag("line", lineId).meters().forEach(registry::remove);
    }
  }

  /** Last values of one line; its gauges read these. */
  private final class LineState {
    private final String lineId;
    private volatile double loss = Double.NaN;
    private volatile double rttMin = Double.NaN;
    private volatile double rttAvg = Double.NaN;
    private volatile double rttMax = Double.NaN;
    private volatile double rttMedian = Double.NaN;
    private volatile double rttStddev = Double.NaN;
    private volatile double jitter = Double.NaN;
    private volatile double status = Double.NaN;
    private volatile double lastCheck = Double.NaN;
    private String router; // guarded by this
    private List<Meter> gauges = List.of(); // guarded by this

    LineState(String lineId) {
      this.lineId = lineId;
    }

    void update(PingResult p, Instant finished, String newRouter) {
      loss = seconds(p.lossPercent(), 1);
      rttMin = seconds(p.rttMinMs(), 1e-3);
      rttAvg = seconds(p.rttAvgMs(), 1e-3);
      rttMax = seconds(p.rttMaxMs(), 1e-3);
      rttMedian = seconds(p.rttMedianMs(), 1e-3);
      rttStddev = seconds(p.rttStddevMs(), 1e-3);
      jitter = seconds(p.jitterMs(), 1e-3);
      status = statusCode(p.status());
      if (finished != null) {
        lastCheck = finished.toEpochMilli() / 1000.0;
      }
      synchronized (this) {
        if (!newRouter.equals(router)) {
          gauges.forEach(registry::remove);
          router = newRouter;
          gauges = register(Tags.of("line", lineId, "router", newRouter));
        }
      }
    }

    double interval() {
      Duration d = intervals.apply(lineId);
      return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }

    synchronized void unregister() {
      gauges.forEach(registry::remove);
      gauges = List.of();
    }

    private List<Meter> register(Tags tags) {
      List<Meter> m = new ArrayList<>();
      m.add(
          gauge(
              "netpool.line.loss.percent", "packet loss of the last check, %", tags, s -> s.loss));
      m.add(
          gauge(
              "netpool.line.rtt.min.seconds",
              "minimum RTT of the last check; NaN without reply",
              tags,
              s -> s.rttMin));
      m.add(
          gauge(
              "netpool.line.rtt.avg.seconds",
              "average RTT of the last check; NaN without reply",
              tags,
              s -> s.rttAvg));
      m.add(
          gauge(
              "netpool.line.rtt.max.seconds",
              "maximum RTT of the last check; NaN without reply",
              tags,
              s -> s.rttMax));
      // the distribution: three numbers per line, never one series per probe
      m.add(
          gauge(
              "netpool.line.rtt.median.seconds",
              "median RTT of the last check's replies; NaN without per-reply times",
              tags,
              s -> s.rttMedian));
      m.add(
          gauge(
              "netpool.line.rtt.stddev.seconds",
              "population standard deviation of the last check's RTTs; NaN when unknown",
              tags,
              s -> s.rttStddev));
      m.add(
          gauge(
              "netpool.line.jitter.seconds",
              "mean absolute difference of consecutive RTTs of the last check; NaN when unknown",
              tags,
              s -> s.jitter));
      m.add(gauge("netpool.line.status", STATUS_HELP, tags, s -> s.status));
      m.add(
          gauge(
              "netpool.line.last.check.timestamp.seconds",
              "when the last check finished (Unix time)",
              tags,
              s -> s.lastCheck));
      if (intervals != null) {
        m.add(
            gauge(
                "netpool.line.interval.seconds",
                "the line's check interval (for staleness: time() - last check > n x interval)",
                tags,
                s -> s.interval()));
      }
      return m;
    }

    private Meter gauge(String name, String help, Tags tags, ToDoubleFunction<LineState> f) {
      return Gauge.builder(name, this, f)
          .description(help)
          .tags(tags)
          .strongReference(true)
          .register(registry);
    }
  }

  private static double seconds(BigDecimal v, double factor) {
    return v == null ? Double.NaN : v.doubleValue() * factor;
  }
}
