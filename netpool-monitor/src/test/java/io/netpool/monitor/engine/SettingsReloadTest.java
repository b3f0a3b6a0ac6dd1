package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.settings.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A reload of monitor.yml never ignores a changed service setting silently: a restart-only key is
 * logged as such (at every reload until the restart), the engine keeps running with the old value,
 * and a file without changes logs nothing. The state folder is locked for the runtime's life.
 */
class SettingsReloadTest {
  @TempDir Path dir;

  private final Logger logger = (Logger) LoggerFactory.getLogger(SettingsReload.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
  }

  private static String yml(String settings) {
    return """
        devices:
          - {id: r1, host: 192.0.2.1, platform: cisco_iosxe, username: u, password: {value: pw}}
        lines:
          - {id: l1, router: r1, target: 192.0.2.9, interval: 1s, timeout: 1s}
        """
        + settings;
  }

  private MonitorRuntime start(Path file, AtomicInteger checks) throws Exception {
    InventoryLoader.MonitorFile read = MonitorFiles.loader().readMonitorFile(file);
    ServiceSettings settings = ServiceSettings.of(read);
    return MonitorRuntime.builder(read.inventory())
        .settings(settings)
        .stateDir(settings.stateDir())
        .lineCheck(TestChecks.instantOk(checks))
        .watch(file)
        .start();
  }

  private List<String> warnings() {
    return events.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aChangedRestartOnlyKeyIsLoggedAndTheRunningValueStays() throws Exception {
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, yml("pool: {max_sessions_per_device: 2}\nstate_dir: state\n"));
    AtomicInteger checks = new AtomicInteger();
    try (MonitorRuntime runtime = start(file, checks)) {
      assertThat(runtime.monitor().config().pool().maxSessionsPerDevice()).isEqualTo(2);
      assertThat(runtime.stateDir()).isEqualTo(dir.resolve("state"));

      runtime.reload(); // same file: nothing to say
      Files.writeString(
          file,
          yml(
              "pool: {max_sessions_per_device: 4}\nscheduler: {session_wait: 20s}\n"
                  + "state_dir: state\n"));
      runtime.reload();
      await().atMost(Duration.ofSeconds(10)).until(() -> warnings().size() >= 2);
      // the watcher may see the edit before the reload request: each reading says it
      assertThat(warnings())
          .containsOnly(
              file
                  + ": pool.max_sessions_per_device changed (2 -> 4): needs a restart (systemctl"
                  + " restart netpool); still running with 2",
              file
                  + ": scheduler.session_wait changed (15s -> 20s): needs a restart (systemctl"
                  + " restart netpool); still running with 15s");
      assertThat(runtime.monitor().config().pool().maxSessionsPerDevice()).isEqualTo(2);
      assertThat(runtime.monitor().pool().config().maxSessionsPerDevice()).isEqualTo(2);

      // said again at the next reload, as long as the process runs with the old value
      int said = warnings().size();
      runtime.reload();
      await().atMost(Duration.ofSeconds(10)).until(() -> warnings().size() >= said + 2);
      int before = checks.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() > before); // still checking
    }
  }

  @Test
  void aChangedLoggingKeyIsAppliedAtOnce() throws Exception {
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, yml("state_dir: state\nlogging: {level: info}\n"));
    InventoryLoader.MonitorFile read = MonitorFiles.loader().readMonitorFile(file);
    java.util.concurrent.BlockingQueue<ServiceSettings> applied =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(read.inventory())
            .settings(ServiceSettings.of(read))
            .onLiveSettings(applied::add)
            .lineCheck(TestChecks.instantOk(new AtomicInteger()))
            .watch(file)
            .start()) {
      Files.writeString(file, yml("state_dir: state\nlogging: {level: warn}\n"));
      runtime.reload();
      ServiceSettings next = applied.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(next).isNotNull();
      assertThat(next.logging().level())
          .isEqualTo(io.netpool.monitor.logging.LogSettings.Level.WARN);
      assertThat(events.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains(file + ": logging.level changed (info -> warn): applied");
      assertThat(warnings()).isEmpty();
    }
  }

  @Test
  void aChangedZabbixSectionIsLoggedAsNeedingARestart() throws Exception {
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, yml("state_dir: state\n"));
    try (MonitorRuntime runtime = start(file, new AtomicInteger())) {
      Files.writeString(file, yml("state_dir: state\nzabbix: {sender: {server: 192.0.2.50}}\n"));
      runtime.reload();
      await().atMost(Duration.ofSeconds(10)).until(() -> !warnings().isEmpty());
      assertThat(warnings())
          .singleElement()
          .asString()
          .contains("the zabbix section changed: it needs a restart");
    }
  }

  @Test
  void aStateFolderServesOneMonitorAtATime() throws Exception {
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, yml("state_dir: state\n"));
    try (MonitorRuntime first = start(file, new AtomicInteger())) {
      assertThat(Files.readString(dir.resolve("state").resolve(StateDir.LOCK_FILE)).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      assertThatThrownBy(() -> start(file, new AtomicInteger()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(
              "state_dir " + dir.resolve("state") + " is in use by another netpool process");
    }
    try (MonitorRuntime again = start(file, new AtomicInteger())) {
      assertThat(again.stateDir()).isEqualTo(dir.resolve("state")); // released by close()
    }
  }
}
