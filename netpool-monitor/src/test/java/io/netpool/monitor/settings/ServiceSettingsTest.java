package io.netpool.monitor.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.logging.LogSettings;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.PoolConfig;
import io.netpool.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service sections of monitor.yml: defaults, every key, located errors, changes. */
class ServiceSettingsTest {
  static final Map<String, String> ENV = Map.of("HTTP_TOKEN", "s3cret-token");
  static final InventoryLoader LOADER = ServiceSettings.register(new InventoryLoader(ENV::get));

  @TempDir Path dir;

  InventoryLoader.MonitorFile load(String yaml) throws InventoryException {
    return LOADER.parseMonitorFile(
        dir.resolve("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8));
  }

  ServiceSettings settings(String yaml) throws InventoryException {
    return ServiceSettings.of(load(yaml), ENV::get);
  }

  List<String> problems(String yaml) {
    try {
      load(yaml);
    } catch (InventoryException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  static final String LINES = "devices: []\nlines: []\n";

  @Test
  void absentSectionsAreTheDefaults() throws Exception {
    ServiceSettings s = settings(LINES);
    assertThat(s.pool()).isEqualTo(PoolConfig.defaults());
    assertThat(s.scheduler().scheduler()).isEqualTo(SchedulerConfig.defaults());
    assertThat(s.scheduler().probe()).isEqualTo(ProbeConfig.defaults());
    assertThat(s.ssh().options()).isEqualTo(SshOptions.defaults());
    assertThat(s.ssh().keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.http()).isEqualTo(new HttpSection.Settings("127.0.0.1", 9464, null));
    assertThat(s.logging()).as("no logging: section: logback.xml rules").isNull();
    assertThat(s.stateDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "netpool"));
    assertThat(ServiceSettings.defaults().pool()).isEqualTo(PoolConfig.defaults());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ServiceSettings s =
        settings(
            LINES
                + """
                pool:
                  max_sessions_per_device: 4
                  max_sessions_total: 500
                  min_idle_per_device: 1
                  acquire_timeout: 20s
                  create_timeout: 45s
                  idle_timeout: off
                  max_lifetime: 1h
                  max_uses: 1000
                  health_check_interval: 2m
                  validate_after_idle: 0
                  circuit_breaker_threshold: 3
                  circuit_breaker_cool_down: 1m
                  leak_detection_threshold: 5m
                scheduler:
                  max_concurrent_checks: 200
                  initial_spread: 2m
                  session_wait: 40s
                  command_margin: 3s
                  shutdown_grace: 20s
                ssh:
                  known_hosts: keys/known_hosts
                  connect_timeout: 5s
                  auth_timeout: 30s
                  keepalive_interval: 15s
                  max_concurrent_logins: 8
                  logins_per_second: 2.5
                http:
                  host: 0.0.0.0
                  port: 9100
                  token: {env: HTTP_TOKEN}
                logging:
                  level: DEBUG
                  file: logs/netpool.log
                  max_file_size: 10MB
                  max_history: 30
                  format: json
                state_dir: state
                """);
    assertThat(s.logging())
        .isEqualTo(
            new LogSettings(
                LogSettings.Level.DEBUG,
                dir.resolve("logs/netpool.log"),
                10L * 1024 * 1024,
                30,
                LogSettings.Format.JSON));
    PoolConfig p = s.pool();
    assertThat(p.maxSessionsPerDevice()).isEqualTo(4);
    assertThat(p.maxSessionsTotal()).isEqualTo(500);
    assertThat(p.minIdlePerDevice()).isEqualTo(1);
    assertThat(p.acquireTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.createTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(p.idleTimeout()).isZero();
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(p.maxUses()).isEqualTo(1000);
    assertThat(p.healthCheckInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.validateAfterIdle()).isZero();
    assertThat(p.circuitBreakerThreshold()).isEqualTo(3);
    assertThat(p.circuitBreakerCoolDown()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.leakDetectionThreshold()).isEqualTo(Duration.ofMinutes(5));
    // what the file does not name stays the pool's default
    assertThat(p.lifetimeJitter()).isEqualTo(PoolConfig.defaults().lifetimeJitter());
    assertThat(s.scheduler().scheduler())
        .isEqualTo(new SchedulerConfig(200, Duration.ofMinutes(2), Duration.ofSeconds(20)));
    assertThat(s.scheduler().probe())
        .isEqualTo(new ProbeConfig(Duration.ofSeconds(40), Duration.ofSeconds(3)));
    SshOptions o = s.ssh().options();
    assertThat(o.knownHostsFile()).isEqualTo(dir.resolve("keys/known_hosts"));
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.authTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.hostKeyMode()).isEqualTo(SshOptions.defaults().hostKeyMode());
    assertThat(s.ssh().keepaliveInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.ssh().logins()).isEqualTo(new io.netpool.ssh.LoginLimits(8, 2.5));
    assertThat(s.http().host()).isEqualTo("0.0.0.0");
    assertThat(s.http().port()).isEqualTo(9100);
    assertThat(s.http().token()).isEqualTo(SecretRef.env("HTTP_TOKEN", "s3cret-token"));
    assertThat(s.stateDir()).isEqualTo(dir.resolve("state"));
  }

  @Test
  void errorsNameFileLineAndKey() {
    List<String> p =
        problems(
            LINES
                + """
                pool:
                  max_sessions_per_device: 0
                  max_session_total: 10
                  idle_timeout: 5
                scheduler:
                  session_wait: soon
                ssh:
                  logins_per_second: fast
                  max_concurrent_logins: 2.5
                http:
                  port: 70000
                """);
    String f = dir.resolve("monitor.yml").toString();
    assertThat(p)
        .contains(
            f + ":4:28: pool.max_sessions_per_device: must be 1..1000, was 0",
            f
                + ":5:3: pool.max_session_total: unknown key 'max_session_total' in pool; did you"
                + " mean 'max_sessions_total'?",
            f
                + ":6:17: pool.idle_timeout: '5' has no unit; write e.g. '5s' (units: ms, s, m, h, d)",
            f + ":13:9: http.port: must be -1..65535, was 70000");
    assertThat(p)
        .anyMatch(s -> s.startsWith(f + ":8:17: scheduler.session_wait: "))
        .anyMatch(s -> s.startsWith(f + ":10:22: ssh.logins_per_second: expected a number"))
        .anyMatch(s -> s.startsWith(f + ":11:26: ssh.max_concurrent_logins: expected an integer"));
  }

  @Test
  void rulesBetweenKeysAreLocatedAtTheKey() {
    String f = dir.resolve("monitor.yml").toString();
    assertThat(
            problems(
                LINES
                    + """
                    pool:
                      max_sessions_per_device: 2
                      min_idle_per_device: 3
                    """))
        .containsExactly(
            f
                + ":5:24: pool.min_idle_per_device: min_idle_per_device (3) must not exceed"
                + " max_sessions_per_device (2)");
  }

  @Test
  void loggingErrorsAreLocated() {
    String f = dir.resolve("monitor.yml").toString();
    assertThat(problems(LINES + "logging:\n  level: verbose\n  max_file_size: lots\n"))
        .containsExactly(
            f
                + ":4:10: logging.level: level must be one of trace, debug, info, warn, error,"
                + " got 'verbose'",
            f
                + ":5:18: logging.max_file_size: max_file_size must be a size such as 50MB, 512KB"
                + " or 1GB, got 'lots'");
    assertThat(problems(LINES + "logging:\n  format: json\n"))
        .containsExactly(
            f
                + ":4:11: logging.format: format json needs a 'file' (standard error stays"
                + " text)");
  }

  @Test
  void historyIsReadAndItsErrorsAreLocated() throws Exception {
    assertThat(settings(LINES).history()).isEqualTo(HistorySettings.defaults());
    assertThat(
            settings(
                    LINES
                        + "history:\n  enabled: false\n  raw_retention: 12h\n"
                        + "  rollup_retention: 30d\n  queue_size: 500\n")
                .history())
        .isEqualTo(new HistorySettings(false, Duration.ofHours(12), Duration.ofDays(30), 500));
    String f = dir.resolve("monitor.yml").toString();
    assertThat(problems(LINES + "history:\n  enabled: yes please\n  raw_retention: 48\n"))
        .containsExactly(
            f + ":4:12: history.enabled: expected true or false, got a string 'yes please'",
            f
                + ":5:18: history.raw_retention: '48' has no unit; write e.g. '48s' (units: ms,"
                + " s, m, h, d)");
    assertThat(problems(LINES + "history:\n  raw_retention: 7d\n  rollup_retention: 1d\n"))
        .containsExactly(
            f
                + ":5:21: history.rollup_retention: rollup_retention must be at least"
                + " raw_retention (rollups are made from raw results)");
  }

  @Test
  void loggingKeysApplyOnReloadTheOthersNeedARestart() throws Exception {
    ServiceSettings before = settings(LINES + "logging: {level: info}\n");
    ServiceSettings after = settings(LINES + "logging: {level: debug}\npool: {max_uses: 9}\n");
    assertThat(before.changesTo(after))
        .containsExactly(
            new ServiceSettings.Change("logging.level", "info", "debug", true),
            new ServiceSettings.Change("pool.max_uses", "0", "9", false));
  }

  @Test
  void aSectionMustBeAMapping() {
    assertThat(problems(LINES + "pool: 4\n"))
        .singleElement()
        .asString()
        .contains("pool: expected a mapping with max_sessions_per_device, max_sessions_total");
  }

  @Test
  void stateDirMustBeAWritableFolder() throws Exception {
    Files.writeString(dir.resolve("afile"), "x");
    assertThat(problems(LINES + "state_dir: afile\n"))
        .singleElement()
        .asString()
        .contains("state_dir: " + dir.resolve("afile") + " is not a folder");
    assertThat(problems(LINES + "state_dir: afile/sub\n"))
        .singleElement()
        .asString()
        .contains("cannot be created");
    assertThat(settings(LINES + "state_dir: not/yet/there\n").stateDir())
        .isEqualTo(dir.resolve("not/yet/there"));
  }

  @Test
  void theDefaultStateFolderFollowsSystemdThenXdg() {
    assertThat(StateDirSetting.defaultDir(Map.of("STATE_DIRECTORY", "/var/lib/netpool")::get))
        .isEqualTo(Path.of("/var/lib/netpool"));
    assertThat(StateDirSetting.defaultDir(Map.of("XDG_STATE_HOME", "/home/u/.st")::get))
        .isEqualTo(Path.of("/home/u/.st/netpool"));
  }

  @Test
  void changesNameEachKeyAndWhetherItIsLive() throws Exception {
    ServiceSettings before = settings(LINES + "pool: {max_sessions_per_device: 2}\n");
    ServiceSettings after =
        settings(LINES + "pool: {max_sessions_per_device: 4}\nssh: {connect_timeout: 3s}\n");
    assertThat(before.changesTo(after))
        .containsExactly(
            new ServiceSettings.Change("pool.max_sessions_per_device", "2", "4", false),
            new ServiceSettings.Change("ssh.connect_timeout", "10s", "3s", false));
    assertThat(after.changesTo(after)).isEmpty();
  }

  @Test
  void aSecretShowsItsReferenceNeverItsValue() throws Exception {
    ServiceSettings none = settings(LINES);
    ServiceSettings token = settings(LINES + "http: {token: {env: HTTP_TOKEN}}\n");
    assertThat(none.changesTo(token))
        .containsExactly(new ServiceSettings.Change("http.token", "none", "env:HTTP_TOKEN", false));
    assertThat(token.toString()).doesNotContain("s3cret-token");
  }
}
