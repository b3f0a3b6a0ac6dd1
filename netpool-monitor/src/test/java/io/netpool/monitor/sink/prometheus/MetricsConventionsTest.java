package io.netpool.monitor.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.monitor.zabbix.discovery.DiscoveryMetrics;
import io.netpool.pool.EvictionReason;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /metrics} of a running monitor (simulated routers: a clean line, a lossy one, one
 * with all probes lost, an unreachable target, a router that refuses the login, whose circuit
 * opens, and one whose command never answers) against Prometheus naming conventions
 * (docs/observability.md, "Naming"): names, units, {@code _total}, label names from an allow-list
 * with bounded values, no secret, user name or target address anywhere in the text, and every
 * metric named in {@code prometheus/netpool-alerts.yml} present in a real scrape.
 */
class MetricsConventionsTest {
  /** The login password of the router that refuses every login: must never be exposed. */
  static final String WRONG_PASSWORD = "Wr0ng-S3cr3t-Pw!";

  static final String LOCKED_USER = "locked-admin";

  static Simulator sim;
  static Path stateDir;
  static String scrape;
  static String discoveryScrape;
  static String clusterScrape;
  static final List<CheckResult> results = new ArrayList<>();

  private static final Pattern NAME = Pattern.compile("netpool_[a-z0-9]+(?:_[a-z0-9]+)*");
  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
  private static final Pattern HELP = Pattern.compile("^# HELP (\\S+) (.+)$");
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /** Words that make a gauge a time: it must then be in seconds. */
  private static final List<String> TIME_WORDS =
      List.of(
          "duration",
          "time",
          "timestamp",
          "age",
          "lag",
          "wait",
          "hold",
          "rtt",
          "interval",
          "latency",
          "timeout",
          "uptime");

  /**
   * The documented exception to "ratios, not percentages" (ping's loss and the router SLA
   * operation's loss): loss is a percentage everywhere else (the routers' output, JSON lines,
   * console, status page, Zabbix items), and a second name for the same value would only confuse.
   */
  private static final Set<String> PERCENT_EXCEPTIONS =
      Set.of("netpool_line_loss_percent", "netpool_line_sla_loss_percent");

  @BeforeAll
  static void runAMonitor() throws Exception {
    sim =
        TestInventory.simulator()
            .seed(7)
            .timeScale(0.05)
            .device(
                io.netpool.sim.DeviceSpec.builder("edge", Platform.CISCO_IOSXE)
                    .target("10.9.0.1", TargetBehaviour.latency(1, 5))
                    .target("10.9.0.2", TargetBehaviour.pattern("!!.!!").withLatency(1, 5))
                    .target("10.9.0.3", TargetBehaviour.totalLoss())
                    .target("10.9.0.4", TargetBehaviour.unreachableTarget())
                    // the router's own jitter operation, read by an sla line
                    .slaOperation(
                        "10",
                        io.netpool.sim.platform.sla.SlaOperation.udpJitter("10.9.0.1")
                            .withCodec("g711alaw")
                            .withOneWayValid(true))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("locked", Platform.CISCO_IOSXE)
                    .fault(Fault.authFailure())
                    .build(),
                io.netpool.sim.DeviceSpec.builder("stuck", Platform.LINUX)
                    .fault(Fault.hang())
                    .build())
            .start();
    SimulatedDevice locked = sim.device("locked");
    Inventory inventory =
        TestInventory.create()
            .add(TestInventory.device(sim.device("edge"), Protocol.CLI))
            .add(
                new DeviceSpec(
                    "locked",
                    locked.host(),
                    locked.port(),
                    PingPlatform.of("cisco_iosxe"),
                    Protocol.CLI,
                    LOCKED_USER,
                    SecretRef.literal(WRONG_PASSWORD),
                    SecretRef.literal(TestInventory.ENABLE),
                    null,
                    0,
                    HostKeyPolicy.OFF,
                    Map.of()))
            .add(TestInventory.device(sim.device("stuck"), Protocol.SSH))
            .add(line("ok-line", "edge", "10.9.0.1"))
            .add(line("lossy-line", "edge", "10.9.0.2"))
            .add(line("down-line", "edge", "10.9.0.3"))
            .add(line("unreach-line", "edge", "10.9.0.4"))
            .add(line("locked-line", "locked", "10.9.0.5"))
            .add(
                line("sla-line", "edge", "10.9.0.1")
                    .withProbes(
                        new io.netpool.monitor.inventory.ProbeSelection(
                            List.of("ping", "sla"),
                            Map.of("operation", "10"),
                            Duration.ofMinutes(1))))
            // the command never answers: each check runs into its 1.5 s deadline, past the
            // 1 s interval, so due checks are skipped
            .add(
                TestInventory.line(
                    "stuck-line",
                    "stuck",
                    "10.9.0.6",
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
            // two more on the same router: three hung checks on two sessions, so one waits past
            // its next due time and that due time is skipped as router_busy
            .add(
                TestInventory.line(
                    "stuck-line-2",
                    "stuck",
                    "10.9.0.7",
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
            .add(
                TestInventory.line(
                    "stuck-line-3",
                    "stuck",
                    "10.9.0.8",
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
            .build();
    MonitorConfig config =
        MonitorConfig.defaults()
            .withPool(
                PoolConfig.builder()
                    .backoff(Duration.ofMillis(100), Duration.ofMillis(300))
                    .circuitBreaker(2, Duration.ofMinutes(5)) // opens after two failed logins
                    .closeGracePeriod(Duration.ofSeconds(1))
                    .build())
            .withScheduler(
                SchedulerConfig.defaults()
                    .withInitialSpread(Duration.ofMillis(300))
                    .withShutdownGrace(Duration.ofSeconds(1)))
            .withProbe(
                ProbeConfig.defaults()
                    .withAcquireTimeout(Duration.ofMillis(1500))
                    .withCommandMargin(Duration.ofMillis(500)));
    ConcurrentLinkedQueue<CheckResult> seen = new ConcurrentLinkedQueue<>();
    stateDir = Files.createTempDirectory("netpool-metrics-state");
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(inventory)
            .config(config)
            .sink(seen::add)
            .http("127.0.0.1", 0, null)
            .stateDir(stateDir) // the history's meters too
            .start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Map<String, List<String>> byLine =
                    seen.stream()
                        .collect(
                            Collectors.groupingBy(
                                CheckResult::lineId,
                                Collectors.mapping(
                                    r -> r.status() + "/" + r.failure(), Collectors.toList())));
                assertThat(byLine.keySet())
                    .as("%s", byLine)
                    .containsAll(inventory.lines().keySet());
                assertThat(byLine.values()).as("%s", byLine).allMatch(l -> l.size() >= 2);
                assertThat(seen.stream().map(CheckResult::failure))
                    .as("%s", byLine)
                    .contains(FailureKind.AUTH_FAILED);
              });
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest get =
          HttpRequest.newBuilder(runtime.statusUri().resolve("/metrics"))
              .timeout(Duration.ofSeconds(10))
              .build();
      // the locked router's circuit has opened (two failed logins), the stuck line skipped a run
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                return body.contains(
                        "netpool_pool_device_circuit{device=\"locked\",protocol=\"cli\"} 1")
                    && body.contains("netpool_scheduler_runs_skipped_total{line=\"stuck-line\"}")
                    && body.contains(
                        "netpool_checks_skipped_total{reason=\"router_busy\",router=\"stuck\"}");
              });
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      scrape = r.body();
    }
    results.addAll(seen);
    // Zabbix discovery's meters exist only with a zabbix: section; scrape them on their own
    try (MetricsRegistry registry = new MetricsRegistry()) {
      new DiscoveryMetrics(registry.registry());
      discoveryScrape = registry.scrape();
    }
    // the cluster's meters exist only on a cluster node; scrape them on their own
    try (MetricsRegistry registry = new MetricsRegistry()) {
      io.netpool.monitor.cluster.ClusterView view =
          new io.netpool.monitor.cluster.ClusterView("n1", 3, List.of("n1", "n2"), 2);
      new ClusterMetrics(
              registry.registry(),
              new ClusterMetrics.Source() {
                @Override
                public io.netpool.monitor.cluster.ClusterView view() {
                  return view;
                }

                @Override
                public long viewChanges() {
                  return 3;
                }

                @Override
                public int ownedDevices() {
                  return 5;
                }

                @Override
                public int ownedLines() {
                  return 9;
                }

                @Override
                public int diverged() {
                  return 0;
                }
              })
          .moved(5, 0);
      clusterScrape = registry.scrape();
    }
  }

  @AfterAll
  static void stop() throws java.io.IOException {
    if (sim != null) {
      sim.close();
    }
    if (stateDir != null) {
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static LineSpec line(String id, String router, String target) {
    return TestInventory.line(id, router, target, 5, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /** One metric family of a scrape. */
  record Family(String name, String type, String help, List<Map<String, String>> labelSets) {}

  static Map<String, Family> families(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new HashMap<>();
    Map<String, List<Map<String, String>>> labels = new HashMap<>();
    for (String line : text.lines().toList()) {
      Matcher t = TYPE.matcher(line);
      Matcher h = HELP.matcher(line);
      if (t.matches()) {
        types.put(t.group(1), t.group(2));
      } else if (h.matches()) {
        helps.put(h.group(1), h.group(2));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher s = SAMPLE.matcher(line);
        assertThat(s.matches()).as("sample line %s", line).isTrue();
        Map<String, String> l = new LinkedHashMap<>();
        if (s.group(2) != null) {
          Matcher m = LABEL.matcher(s.group(2));
          int end = 0;
          while (m.find()) {
            assertThat(m.start()).as("labels of %s", line).isEqualTo(end);
            end = m.end();
            l.put(m.group(1), m.group(2));
          }
          assertThat(end).as("labels of %s", line).isEqualTo(s.group(2).length());
        }
        labels.computeIfAbsent(familyOf(s.group(1), types), k -> new ArrayList<>()).add(l);
      }
    }
    Map<String, Family> out = new LinkedHashMap<>();
    types.forEach(
        (name, type) ->
            out.put(
                name,
                new Family(name, type, helps.get(name), labels.getOrDefault(name, List.of()))));
    assertThat(labels.keySet()).as("samples without a # TYPE").isSubsetOf(types.keySet());
    return out;
  }

  private static String familyOf(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_count", "_sum", "_bucket")) {
      if (sample.endsWith(suffix)
          && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
        return sample.substring(0, sample.length() - suffix.length());
      }
    }
    return sample;
  }

  private static List<Family> netpoolFamilies() {
    List<Family> all = new ArrayList<>(families(scrape).values());
    all.addAll(families(discoveryScrape).values());
    all.addAll(families(clusterScrape).values());
    return all.stream().filter(f -> f.name().startsWith("netpool")).toList();
  }

  @Test
  void theScrapeHasWhatTheChecksProduced() {
    // the conventions below are checked on a scrape that has every kind of series
    Map<String, Family> f = families(scrape);
    Set<String> statuses = labelValues(f.get("netpool_line_results_total"), "status");
    assertThat(statuses).contains("ok", "degraded", "down", "unreachable", "error");
    assertThat(labelValues(f.get("netpool_line_results_total"), "failure"))
        .contains("none", "auth_failed", "command_timeout");
    assertThat(f)
        .containsKeys(
            "netpool_pool_session_create_failures_total",
            "netpool_pool_circuit_opens_total",
            "netpool_pool_acquire_failures_total",
            "netpool_pool_session_create_duration_seconds",
            "netpool_line_interval_seconds",
            "netpool_watchdog_stalled",
            "netpool_watchdog_last_check_age_seconds",
            "netpool_scheduler_lag_seconds",
            "netpool_history_results_written_total",
            "netpool_history_dropped_total",
            "netpool_history_queue_depth",
            "netpool_history_write_duration_seconds",
            "netpool_history_file_bytes",
            "jvm_memory_used_bytes");
    assertThat(new ScrapeText(scrape).value("netpool_pool_device_circuit", "device", "locked"))
        .hasValue(1);
    assertThat(new ScrapeText(scrape).value("netpool_line_status", "line", "down-line"))
        .hasValue(ProbeMetrics.statusCode(PingStatus.DOWN));
  }

  @Test
  void namesAreSnakeCaseWithThePrefixAndBaseUnits() {
    List<Family> netpool = netpoolFamilies();
    assertThat(netpool).hasSizeGreaterThan(30);
    for (Family f : netpool) {
      String n = f.name();
      assertThat(NAME.matcher(n).matches()).as("%s is snake_case with netpool_", n).isTrue();
      assertThat(f.help()).as("HELP of %s", n).isNotBlank();
      switch (f.type()) {
        case "counter" -> assertThat(n).as("counter %s", n).endsWith("_total");
        case "summary", "histogram" -> assertThat(n).as("timer %s", n).endsWith("_seconds");
        case "gauge" -> {
          assertThat(n).as("gauge %s", n).doesNotEndWith("_total");
          if (f.help().contains("Unix time")) { // a point in time
            assertThat(n).as("timestamp gauge %s", n).endsWith("_timestamp_seconds");
          } else if (words(n).stream().anyMatch(TIME_WORDS::contains)) {
            assertThat(n).as("time gauge %s", n).matches(".*_seconds(_max)?$");
          }
        }
        default -> throw new AssertionError("unexpected type " + f.type() + " of " + n);
      }
      // base units only: no milliseconds, minutes, kilobytes; ratios rather than percentages
      assertThat(words(n))
          .as("units of %s", n)
          .doesNotContain("ms", "millis", "milliseconds", "minutes", "hours", "kb", "mb", "pct");
      if (!PERCENT_EXCEPTIONS.contains(n)) {
        assertThat(words(n)).as("%s: use a 0..1 _ratio", n).doesNotContain("percent");
      }
      // Prometheus reserves these suffixes for the samples of one family
      assertThat(n).as(n).doesNotEndWith("_created").doesNotEndWith("_bucket");
    }
  }

  private static List<String> words(String name) {
    return Arrays.asList(name.split("_"));
  }

  /** Label names allowed on netpool_ metrics, each with its bounded set of values. */
  private static Map<String, Set<String>> allowedLabelValues() {
    Set<String> lineIds =
        Set.of(
            "ok-line",
            "lossy-line",
            "down-line",
            "unreach-line",
            "locked-line",
            "stuck-line",
            "stuck-line-2",
            "stuck-line-3",
            "sla-line");
    Map<String, Set<String>> m = new HashMap<>();
    // netpool_line_readings_total: the probe types other than ping
    m.put("probe", Set.of("sla"));
    m.put("direction", Set.of("in", "out"));
    m.put("line", lineIds);
    m.put("router", Set.of("edge", "locked", "stuck"));
    m.put("device", Set.of("edge", "locked", "stuck"));
    m.put("protocol", Set.of(Protocol.SSH.name(), Protocol.CLI.name()));
    Set<String> statuses = new TreeSet<>(Set.of("stale")); // a reading's, besides ping's
    Stream.of(PingStatus.values()).map(PingStatus::wireName).forEach(statuses::add);
    m.put("status", statuses);
    Set<String> failures = new TreeSet<>(Set.of("none"));
    Stream.of(FailureKind.values()).map(f -> f.wireName()).forEach(failures::add);
    m.put("failure", failures);
    Set<String> reasons = new TreeSet<>();
    Stream.of(EvictionReason.values())
        .map(e -> e.name().toLowerCase(Locale.ROOT))
        .forEach(reasons::add);
    Stream.of(io.netpool.monitor.check.SkipReason.values())
        .map(r -> r.wireName())
        .forEach(reasons::add);
    reasons.addAll(List.of("queue_full", "write_error")); // netpool_history_dropped_total
    m.put("reason", reasons);
    m.put(
        "exception",
        Set.of("AcquireTimeoutException", "DeviceUnavailableException", "PoolClosedException"));
    m.put("replaced", Set.of("true", "false"));
    m.put("outcome", Set.of("success", "failure", "skipped"));
    m.put(
        "to",
        Stream.of(io.netpool.monitor.state.LineCondition.values())
            .map(c -> c.wireName())
            .collect(Collectors.toSet()));
    m.put("state", Set.of("failed", "usable"));
    return m;
  }

  @Test
  void labelsComeFromAnAllowListWithBoundedValues() {
    Map<String, Set<String>> allowed = allowedLabelValues();
    for (Family f : netpoolFamilies()) {
      for (Map<String, String> labels : f.labelSets()) {
        assertThat(allowed.keySet()).as("label names of %s", f.name()).containsAll(labels.keySet());
        labels.forEach(
            (name, value) ->
                assertThat(allowed.get(name))
                    .as("%s{%s=\"%s\"}: not an id or enum name", f.name(), name, value)
                    .contains(value));
      }
    }
    // the per-line gauges carry the line and its router, nothing else
    Map<String, Family> f = families(scrape);
    for (String gauge :
        List.of(
            "netpool_line_status",
            "netpool_line_loss_percent",
            "netpool_line_rtt_avg_seconds",
            "netpool_line_rtt_median_seconds",
            "netpool_line_jitter_seconds",
            "netpool_line_last_check_timestamp_seconds",
            "netpool_line_interval_seconds")) {
      assertThat(f.get(gauge).labelSets())
          .as(gauge)
          .hasSize(9)
          .allSatisfy(l -> assertThat(l.keySet()).containsExactly("line", "router"));
    }
    // the router SLA gauges: only the line that reads its router's operation
    for (String gauge :
        List.of(
            "netpool_line_sla_status",
            "netpool_line_sla_jitter_sd_seconds",
            "netpool_line_sla_owd_ds_seconds",
            "netpool_line_sla_mos")) {
      assertThat(f.get(gauge).labelSets())
          .as(gauge)
          .containsExactly(Map.of("line", "sla-line", "router", "edge"));
    }
  }

  private static Set<String> labelValues(Family f, String label) {
    return f.labelSets().stream()
        .map(l -> l.get(label))
        .filter(v -> v != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void noSecretUserNameOrAddressInTheScrape() {
    assertThat(results).anyMatch(r -> r.failure() == FailureKind.AUTH_FAILED);
    for (String text : List.of(scrape, discoveryScrape)) {
      for (String secret :
          List.of(
              TestInventory.PASSWORD,
              TestInventory.ENABLE,
              WRONG_PASSWORD,
              TestInventory.USER,
              LOCKED_USER,
              "10.9.0.",
              "127.0.0.1")) {
        assertThat(text).as("scrape contains %s", secret).doesNotContain(secret);
      }
      // no message text: label values are single tokens of ids and enum names
      assertThat(text).doesNotContain("Exception:", "refused", "denied", "failed:");
    }
    // the failure texts exist (so the checks above look at a scrape with failures)
    assertThat(results).anyMatch(r -> r.ping().error() != null && !r.ping().error().isBlank());
  }

  @Test
  void everyMetricInTheAlertRulesExistsInARealScrape() throws Exception {
    Set<String> rules = new TreeSet<>();
    for (Path file :
        List.of(
            Path.of("../prometheus/netpool-alerts.yml"),
            Path.of("../prometheus/netpool-alerts.test.yml"))) {
      Matcher m = Pattern.compile("\\bnetpool_[a-z0-9_]*[a-z0-9]").matcher(Files.readString(file));
      while (m.find()) {
        rules.add(m.group());
      }
    }
    Set<String> samples = new TreeSet<>();
    for (String text : List.of(scrape, discoveryScrape, clusterScrape)) {
      for (String line : text.lines().toList()) {
        Matcher s = SAMPLE.matcher(line);
        if (!line.startsWith("#") && s.matches()) {
          samples.add(s.group(1));
        }
      }
    }
    assertThat(rules).as("metric names in the rules").hasSizeGreaterThan(8);
    assertThat(samples).as("names in a real scrape").containsAll(rules);
  }
}
