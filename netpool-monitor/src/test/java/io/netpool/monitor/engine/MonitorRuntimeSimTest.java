package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.Protocol;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.ssh.HostKeyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public {@link MonitorRuntime} against simulated routers: README's embedding example compiles
 * and runs as written, and a tags-only edit of {@code monitor.yml} keeps the pooled sessions while
 * a session-relevant edit replaces them.
 */
class MonitorRuntimeSimTest {
  static Simulator sim;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim = TestInventory.oneRouter(5, "edge1");
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static String monitorYml(String tags, int maxSessions) {
    SimulatedDevice d = sim.device("edge1");
    return """
        devices:
          - id: edge1
            host: %s
            port: %d
            platform: cisco_iosxe
            username: %s
            password: {value: '%s'}
            enable_secret: {value: '%s'}
            host_key: accept-new
            max_sessions: %d
            tags: %s
        lines:
          - {id: line-1, router: edge1, target: 192.0.2.10, interval: 1s, timeout: 1s}
        """
        .formatted(
            d.host(),
            d.port(),
            TestInventory.USER,
            TestInventory.PASSWORD,
            TestInventory.ENABLE,
            maxSessions,
            tags);
  }

  private static MonitorConfig config(Path dir) {
    MonitorConfig base = MonitorConfig.defaults();
    return base.withSsh(
        base.ssh()
            .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
            .withKnownHostsFile(dir.resolve("known_hosts")));
  }

  /** README.md, "Embedding the monitor": the lines between the markers are the README's code. */
  static CheckResult readmeExample(Path monitorYml, MonitorConfig config) throws Exception {
    // README:begin
    Inventory inventory = InventoryLoader.load(monitorYml);
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    try (MonitorRuntime monitor =
        MonitorRuntime.builder(inventory)
            .config(config) // pool, scheduler, probe and SSH settings
            .sink(results::add) // every check result, as it happens
            .http("127.0.0.1", 0, null) // status page, /api/status, /metrics; 0 = any free port
            .start()) {
      CheckResult first = results.poll(30, TimeUnit.SECONDS);
      System.out.println(first.lineId() + " " + first.status() + " " + first.ping().lossPercent());
      return first;
    }
    // README:end
  }

  @Test
  void readmeEmbeddingExampleIsTheCodeHereAndRuns() throws Exception {
    String source =
        Files.readString(
            Path.of("src/test/java/io/netpool/monitor/engine/MonitorRuntimeSimTest.java"));
    String snippet =
        source.substring(
            source.indexOf("// README:begin\n") + "// README:begin\n".length(),
            source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains((snippet + "    ").stripIndent());

    Path dir = Files.createDirectories(tmp.resolve("readme"));
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, monitorYml("{site: bj}", 2));
    CheckResult first = readmeExample(file, config(dir));
    assertThat(first).isNotNull();
    assertThat(first.lineId()).isEqualTo("line-1");
    assertThat(first.status()).isEqualTo(PingStatus.OK);
  }

  @Test
  void aPlatformFromPlatformsDirMonitorsARealSession() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("platforms-dir"));
    Files.createDirectories(dir.resolve("platforms"));
    Files.writeString(
        dir.resolve("platforms/acme_os.yaml"),
        io.netpool.monitor.inventory.PlatformsDirTestProfiles.acmeProfile("repeat"));
    Path file = dir.resolve("monitor.yml");
    Files.writeString(
        file,
        "platforms_dir: platforms\n"
            + monitorYml("{site: bj}", 2).replace("platform: cisco_iosxe", "platform: acme"));
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(MonitorFiles.loader().read(file))
            .config(config(dir))
            .sink(results::add)
            .start()) {
      CheckResult first = results.poll(30, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.failure()).isNull();
      assertThat(first.status()).isEqualTo(PingStatus.OK);
      assertThat(first.command()).isEqualTo("ping 192.0.2.10 repeat 5 timeout 1");
    }
  }

  @Test
  void metricsShowTheLoginBudgetAndTheWarmUp() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("login-metrics"));
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, monitorYml("{site: bj}", 2));
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(InventoryLoader.load(file))
            .config(config(dir).withLogins(new io.netpool.ssh.LoginLimits(3, 5)))
            .sink(results::add)
            .http("127.0.0.1", 0, null)
            .start()) {
      assertThat(results.poll(30, TimeUnit.SECONDS)).isNotNull();
      await().atMost(Duration.ofSeconds(30)).until(() -> runtime.monitor().warmup().pending() == 0);
      java.net.http.HttpResponse<String> scrape =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(runtime.statusUri().resolve("/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      String body = scrape.body();
      // one router: its warm-up logged in (or its first check came first), one login in all
      assertThat(body)
          .contains("netpool_ssh_logins_max 3.0")
          .contains("netpool_ssh_logins_started_total 1.0")
          .contains("netpool_ssh_logins_throttled_total 0.0")
          .contains("netpool_ssh_logins_in_progress 0.0")
          .contains("netpool_warmup_pending 0.0")
          .containsPattern("netpool_warmup_sessions_total\\{outcome=\"(success|skipped)\"} 1\\.0");
    }
  }

  @Test
  void aTagsOnlyEditKeepsTheSessionsAndACapEditReplacesThem() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tags"));
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, monitorYml("{site: bj}", 2));
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(InventoryLoader.load(file))
            .config(config(dir))
            .sink(results::add)
            .watch(file)
            .start()) {
      Monitor monitor = runtime.monitor();
      await().atMost(Duration.ofSeconds(30)).until(() -> !sessionIds(monitor).isEmpty());
      List<Long> before = sessionIds(monitor);

      // tags only, including look-alikes of SSH settings: labels, not session identity
      Files.writeString(file, monitorYml("{site: sh, ssh.legacy: 'true', ssh.hostKeys: 'off'}", 2));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> monitor.inventory().device("edge1").orElseThrow().tags().size() == 3);
      results.clear();
      CheckResult afterTags = results.poll(30, TimeUnit.SECONDS);
      assertThat(afterTags.status()).isEqualTo(PingStatus.OK);
      assertThat(sessionIds(monitor)).containsAll(before);

      // a session-relevant edit: the sessions are replaced
      Files.writeString(file, monitorYml("{site: sh}", 1));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> monitor.inventory().device("edge1").orElseThrow().maxSessions() == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !sessionIds(monitor).isEmpty()
                      && sessionIds(monitor).stream().noneMatch(before::contains));
    }
  }

  private static List<Long> sessionIds(Monitor monitor) {
    PoolSnapshot snapshot = monitor.poolSnapshot();
    return snapshot
        .device("edge1", Protocol.CLI)
        .map(d -> d.sessions().stream().map(PoolSnapshot.SessionSnapshot::id).toList())
        .orElse(List.of());
  }
}
