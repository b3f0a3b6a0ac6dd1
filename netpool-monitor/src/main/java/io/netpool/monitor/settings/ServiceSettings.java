package io.netpool.monitor.settings;

import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.InventoryLoader.MonitorFile;
import io.netpool.monitor.logging.LogSettings;
import io.netpool.pool.PoolConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The service settings of {@code monitor.yml}: {@code pool:}, {@code scheduler:}, {@code ssh:},
 * {@code http:}, {@code logging:}, {@code history:} and {@code state_dir:}, each absent section at
 * its defaults (table in docs/inventory.md, "Service settings").
 *
 * @param pool the session pool
 * @param scheduler the scheduler and the ping probe
 * @param ssh SSH defaults, keepalives and login limits
 * @param http the status page's address and token
 * @param logging level, file, rotation and format of the log; null when the file has no {@code
 *     logging:} section (then {@code logback.xml} and {@code NETPOOL_LOG_LEVEL} rule)
 * @param history the results kept in the state folder
 * @param stateDir the folder kept across restarts
 * @param cluster the {@code cluster:} section, or null: this node runs alone
 * @param values every key's value ({@code pool.max_uses} → 0), to compare two reads
 */
public record ServiceSettings(
    PoolConfig pool,
    SchedulerSection.Settings scheduler,
    SshSection.Settings ssh,
    HttpSection.Settings http,
    LogSettings logging,
    HistorySettings history,
    Path stateDir,
    ClusterSettings cluster,
    Map<String, Object> values) {

  /** The sections, in documentation order. */
  public static final List<SettingsSection<?>> SECTIONS =
      List.of(
          PoolSection.SECTION,
          SchedulerSection.SECTION,
          SshSection.SECTION,
          HttpSection.SECTION,
          LoggingSection.SECTION,
          HistorySection.SECTION,
          ClusterSection.SECTION);

  /** The keys a reload applies at once; every other key needs a restart. */
  public static final Set<String> LIVE_KEYS =
      Set.copyOf(
          LoggingSection.TABLE.keys().stream().map(k -> LoggingSection.KEY + "." + k).toList());

  public ServiceSettings {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(ssh, "ssh");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(stateDir, "stateDir");
    values = Map.copyOf(values);
  }

  /** {@code loader} also reading every service section. */
  public static InventoryLoader register(InventoryLoader loader) {
    InventoryLoader l = loader;
    for (SettingsSection<?> s : SECTIONS) {
      l = l.section(s.key(), s.reader());
    }
    return l.section(StateDirSetting.KEY, StateDirSetting.reader());
  }

  /** Every default (state folder from the process environment). */
  public static ServiceSettings defaults() {
    return of(new MonitorFile(null, Map.of()), System::getenv);
  }

  /** The settings of a file read by a loader from {@link #register}. */
  public static ServiceSettings of(MonitorFile file) {
    return of(file, System::getenv);
  }

  /** The settings of a file, the default state folder from {@code env}. */
  public static ServiceSettings of(MonitorFile file, UnaryOperator<String> env) {
    Map<String, Object> values = new LinkedHashMap<>();
    PoolConfig pool = part(file, PoolSection.SECTION, values, PoolConfig.class);
    SchedulerSection.Settings scheduler =
        part(file, SchedulerSection.SECTION, values, SchedulerSection.Settings.class);
    SshSection.Settings ssh = part(file, SshSection.SECTION, values, SshSection.Settings.class);
    HttpSection.Settings http = part(file, HttpSection.SECTION, values, HttpSection.Settings.class);
    LogSettings logging = part(file, LoggingSection.SECTION, values, LogSettings.class);
    if (file.section(LoggingSection.KEY, SettingsSection.Read.class) == null) {
      logging = null;
    }
    HistorySettings history = part(file, HistorySection.SECTION, values, HistorySettings.class);
    Path state = file.section(StateDirSetting.KEY, Path.class);
    Path stateDir = state != null ? state : StateDirSetting.defaultDir(env);
    values.put(StateDirSetting.KEY, stateDir);
    ClusterSettings cluster = null;
    SettingsSection.Read<?> clusterRead =
        file.section(ClusterSection.KEY, SettingsSection.Read.class);
    if (clusterRead != null) {
      values.putAll(clusterRead.values());
      cluster = (ClusterSettings) clusterRead.value();
    }
    return new ServiceSettings(
        pool, scheduler, ssh, http, logging, history, stateDir, cluster, values);
  }

  private static <T> T part(
      MonitorFile file, SettingsSection<?> section, Map<String, Object> values, Class<T> type) {
    SettingsSection.Read<?> read = file.section(section.key(), SettingsSection.Read.class);
    if (read == null) {
      read = section.defaults();
    }
    values.putAll(read.values());
    return type.cast(read.value());
  }

  /**
   * A key whose value differs between two reads.
   *
   * @param key such as {@code pool.max_sessions_per_device}
   * @param before the running value as written in monitor.yml ("none" when unset)
   * @param after the new value
   * @param live true when a reload applies it, false when it waits for a restart
   */
  public record Change(String key, String before, String after, boolean live) {}

  /** The keys whose value {@code next} changes, in key order. */
  public List<Change> changesTo(ServiceSettings next) {
    Set<String> keys = new TreeSet<>(values.keySet());
    keys.addAll(next.values.keySet());
    List<Change> changes = new ArrayList<>();
    for (String k : keys) {
      Object a = values.get(k);
      Object b = next.values.get(k);
      if (!Objects.equals(a, b)) {
        changes.add(new Change(k, shown(a), shown(b), LIVE_KEYS.contains(k)));
      }
    }
    return changes;
  }

  private static String shown(Object v) {
    return v == null ? "none" : io.netpool.monitor.inventory.Field.show(v);
  }
}
