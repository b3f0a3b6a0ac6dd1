package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.InventoryLoader.MonitorFile;
import io.netpool.monitor.settings.ServiceSettings;
import io.netpool.monitor.zabbix.ZabbixSection;
import io.netpool.monitor.zabbix.ZabbixSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reload of {@code monitor.yml} does to the service settings: keys that apply live are
 * handed to {@code applyLive}; every other changed key is logged as waiting for a restart, at each
 * reload until the process restarts, so a change is never silently ignored. Runs on the watcher
 * thread.
 */
final class SettingsReload {
  private static final Logger log = LoggerFactory.getLogger(SettingsReload.class);

  private final Path file;
  private final ServiceSettings running;
  private final ZabbixSettings runningZabbix;
  private final Consumer<ServiceSettings> applyLive;
  private ServiceSettings lastRead; // confined to the watcher thread

  /**
   * @param running the settings the process started with
   * @param runningZabbix the {@code zabbix:} section it started with, or null
   * @param applyLive applies the live keys of a newly read file
   */
  SettingsReload(
      Path file,
      ServiceSettings running,
      ZabbixSettings runningZabbix,
      Consumer<ServiceSettings> applyLive) {
    this.file = Objects.requireNonNull(file, "file");
    this.running = Objects.requireNonNull(running, "running");
    this.runningZabbix = runningZabbix;
    this.applyLive = Objects.requireNonNull(applyLive, "applyLive");
    this.lastRead = running;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Handles a newly accepted file. */
  void read(MonitorFile next) {
    ServiceSettings settings = ServiceSettings.of(next);
    // restart-only keys: against what runs; live keys: against the last file applied
    List<ServiceSettings.Change> pending =
        running.changesTo(settings).stream().filter(c -> !c.live()).toList();
    List<ServiceSettings.Change> live =
        lastRead.changesTo(settings).stream().filter(ServiceSettings.Change::live).toList();
    lastRead = settings;
    for (ServiceSettings.Change c : concat(live, pending)) {
      String values =
          c.before().equals(c.after())
              ? "the value behind " + c.after() + " changed"
              : c.before() + " -> " + c.after();
      if (c.live()) {
        log.info("{}: {} changed ({}): applied", file, c.key(), values);
      } else {
        log.warn(
            "{}: {} changed ({}): needs a restart (systemctl restart netpool); still running"
                + " with {}",
            file,
            c.key(),
            values,
            c.before());
      }
    }
    if (!live.isEmpty()) {
      applyLive.accept(settings);
    }
    if (!Objects.equals(runningZabbix, ZabbixSection.of(next))) {
      log.warn(
          "{}: the zabbix section changed: it needs a restart (systemctl restart netpool); still"
              + " running with the one read at start",
          file);
    }
  }
}
