package io.netpool.monitor.engine;

import io.netpool.monitor.cluster.ClusterMembership;
import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.history.History;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.http.StatusServer;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.outputs.UnparsedOutputStore;
import io.netpool.monitor.probe.CheckOutputListener;
import io.netpool.monitor.schedule.NewLines;
import io.netpool.monitor.settings.ServiceSettings;
import io.netpool.monitor.sink.CheckLogSink;
import io.netpool.monitor.sink.JsonLinesSink;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.sink.console.ConsoleTableSink;
import io.netpool.monitor.sink.prometheus.AaaGroupMetrics;
import io.netpool.monitor.sink.prometheus.LoginMetrics;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import io.netpool.monitor.sink.prometheus.PoolMetrics;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;
import io.netpool.monitor.sink.prometheus.StateMetrics;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.state.StateJsonLines;
import io.netpool.monitor.state.StateLog;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.delivery.SpoolSettings;
import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import io.netpool.monitor.zabbix.delivery.ZabbixResultSink;
import io.netpool.monitor.zabbix.delivery.tls.TrapperConnector;
import io.netpool.monitor.zabbix.discovery.DiscoveryMetrics;
import io.netpool.monitor.zabbix.discovery.ZabbixDiscovery;
import io.netpool.monitor.zabbix.discovery.ZabbixInventorySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole monitor, ready to run from code: the {@link Monitor} engine (pool, scheduler, probe)
 * plus everything around it that {@code ./netpool run} has: the result store behind the live table
 * and the status page, Prometheus metrics, the check log, optional JSON lines, the history in the
 * state folder, Zabbix delivery and discovery, the HTTP server and the inventory file watcher. The
 * CLI is a thin layer over this.
 *
 * <pre>{@code
 * Inventory inventory = InventoryLoader.load(Path.of("monitor.yml"));
 * try (MonitorRuntime monitor =
 *     MonitorRuntime.builder(inventory)
 *         .sink(result -> System.out.println(result.lineId() + " " + result.status()))
 *         .http("127.0.0.1", 9464, null)
 *         .start()) {
 *   ... // results flow to the sink, the status page and /metrics until close()
 * }
 * }</pre>
 *
 * <p>Closing stops in an order that loses no result: no more inventory changes, no new checks, the
 * running ones finish and reach every sink, then the sinks flush, then HTTP stops.
 *
 * <p>With Zabbix discovery the monitor starts with the file's lines; the discovered ones are added
 * by the first discovery (within seconds) and kept in step by the next ones. A change of the file
 * is merged with the last discovery by {@link ZabbixInventorySource}, so both sources reach the
 * engine as one inventory and one diff.
 */
public final class MonitorRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorRuntime.class);

  private final Monitor monitor;
  private final ResultStore store;
  private final List<AutoCloseable> outputs;
  private final StatusServer http;
  private final InventoryWatcher watcher;
  private final ZabbixInventorySource discovery;
  private final ZabbixDiscovery discoveryClient;
  private final StateDir stateDir;
  private final LineStateTracker states;
  private final ClusterOwnership cluster;

  private MonitorRuntime(
      Monitor monitor,
      ResultStore store,
      LineStateTracker states,
      List<AutoCloseable> outputs,
      StatusServer http,
      InventoryWatcher watcher,
      ZabbixInventorySource discovery,
      ZabbixDiscovery discoveryClient,
      StateDir stateDir,
      ClusterOwnership cluster) {
    this.cluster = cluster;
    this.monitor = monitor;
    this.store = store;
    this.states = states;
    this.outputs = List.copyOf(outputs);
    this.http = http;
    this.watcher = watcher;
    this.discovery = discovery;
    this.discoveryClient = discoveryClient;
    this.stateDir = stateDir;
  }

  /** A runtime for {@code inventory}: no table, no HTTP, no JSON, no Zabbix until asked for. */
  public static Builder builder(Inventory inventory) {
    return new Builder(inventory);
  }

  /** The engine: inventory, pool snapshot, live reload. */
  public Monitor monitor() {
    return monitor;
  }

  /** The latest results and a short history per line (what the table and status page show). */
  public ResultStore store() {
    return store;
  }

  /** The lines' and routers' states (docs/monitor.md, "Line states"). */
  public LineStateTracker states() {
    return states;
  }

  /**
   * Reads the watched inventory file again now, even if it did not change (SIGHUP): secrets behind
   * unchanged references are read again. Without a watched file, nothing happens.
   */
  public void reload() {
    if (watcher != null) {
      watcher.reloadNow();
    }
  }

  /** The locked state folder, or null when the runtime keeps nothing across restarts. */
  public Path stateDir() {
    return stateDir == null ? null : stateDir.path();
  }

  /** The cluster as this node sees it, or null when it runs alone. */
  public ClusterStatus clusterStatus() {
    return cluster == null ? null : cluster.status();
  }

  /** The status page's address, or null without HTTP. */
  public URI statusUri() {
    return http == null ? null : http.baseUri();
  }

  @Override
  public void close() {
    if (watcher != null) {
      closeQuietly(watcher);
    }
    if (discovery != null) {
      closeQuietly(discovery);
      closeQuietly(discoveryClient); // logs the API session out
    }
    if (cluster != null) {
      closeQuietly(cluster); // leaves first: the others take this node's routers over at once
    }
    monitor.close(); // running checks finish and reach every sink
    for (AutoCloseable output : outputs) {
      closeQuietly(output);
    }
    if (http != null) {
      http.close();
    }
    if (stateDir != null) {
      closeQuietly(stateDir); // last: nothing writes state any more
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c.getClass().getSimpleName(), e);
    }
  }

  /** Builds and starts a {@link MonitorRuntime}. Every setting is optional. */
  public static final class Builder {
    private final Inventory inventory;
    private MonitorConfig config = MonitorConfig.defaults();
    private final List<ResultSink> sinks = new ArrayList<>();
    private Monitor.LineCheckFactory lineCheck;
    private boolean table;
    private Path jsonFile;
    private boolean jsonStdout;
    private String httpHost = "127.0.0.1";
    private int httpPort = -1;
    private String httpToken;
    private ZabbixEndpoint zabbixServer;
    private ZabbixItemKeys zabbixKeys = ZabbixItemKeys.defaults();
    private ZabbixSettings zabbix;
    private Path watchFile;
    private ServiceSettings settings;
    private Consumer<ServiceSettings> liveSettings = s -> {};
    private Path stateDirPath;
    private HistorySettings historySettings = HistorySettings.defaults();
    private ClusterSettings cluster;

    private Builder(Inventory inventory) {
      this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    /** Pool, scheduler, probe and SSH settings (default {@link MonitorConfig#defaults()}). */
    public Builder config(MonitorConfig v) {
      this.config = Objects.requireNonNull(v, "config");
      return this;
    }

    /**
     * The service settings of {@code monitor.yml}: the engine's config ({@link MonitorConfig#of}),
     * and, with {@link #watch}, what a reload of the file changes in them (restart-only keys are
     * logged as such). HTTP and the state folder are set apart ({@link #http}, {@link #stateDir})
     * because command-line flags may win over them.
     */
    public Builder settings(ServiceSettings v) {
      this.settings = Objects.requireNonNull(v, "settings");
      this.config = MonitorConfig.of(v);
      this.historySettings = v.history();
      this.cluster = v.cluster();
      return this;
    }

    /**
     * Runs as a node of this cluster (docs/cluster.md): checks only the lines of the routers it
     * owns; null (the default): alone.
     */
    public Builder cluster(ClusterSettings v) {
      this.cluster = v;
      return this;
    }

    /**
     * What the state folder keeps of the results (default {@link HistorySettings#defaults()}); no
     * history without {@link #stateDir}.
     */
    public Builder history(HistorySettings v) {
      this.historySettings = Objects.requireNonNull(v, "history");
      return this;
    }

    /** Applies the keys a reload may change live ({@link ServiceSettings#LIVE_KEYS}). */
    public Builder onLiveSettings(Consumer<ServiceSettings> v) {
      this.liveSettings = Objects.requireNonNull(v, "liveSettings");
      return this;
    }

    /**
     * Creates and locks this folder for the runtime's life (a second monitor on the same folder
     * fails to start); null: none.
     */
    public Builder stateDir(Path v) {
      this.stateDirPath = v;
      return this;
    }

    /** An extra sink: every result reaches it, after the built-in ones. */
    public Builder sink(ResultSink v) {
      sinks.add(Objects.requireNonNull(v, "sink"));
      return this;
    }

    /** What checks a line (default: ping, {@link io.netpool.monitor.probe.run.ProbeCheck}). */
    public Builder lineCheck(Monitor.LineCheckFactory v) {
      this.lineCheck = Objects.requireNonNull(v, "lineCheck");
      return this;
    }

    /** The live table on standard output (redrawn in place). */
    public Builder consoleTable(boolean v) {
      this.table = v;
      return this;
    }

    /** One JSON object per check appended to {@code file}. */
    public Builder jsonLines(Path file) {
      this.jsonFile = file;
      return this;
    }

    /** One JSON object per check on standard output. */
    public Builder jsonLinesToStdout(boolean v) {
      this.jsonStdout = v;
      return this;
    }

    /**
     * The status page, {@code /api/status} and {@code /metrics} on {@code host:port} (port 0: any
     * free port, see {@link #statusUri()}; -1: no HTTP, the default).
     *
     * @param token bearer token every request must carry, or null for none
     */
    public Builder http(String host, int port, String token) {
      this.httpHost = Objects.requireNonNull(host, "host");
      this.httpPort = port;
      this.httpToken = token;
      return this;
    }

    /** Sends every result to this Zabbix server or proxy (trapper); wins over the file's. */
    public Builder zabbixServer(String host, int port) {
      this.zabbixServer = new ZabbixEndpoint(host, port);
      return this;
    }

    public Builder zabbixItemKeys(ZabbixItemKeys v) {
      this.zabbixKeys = Objects.requireNonNull(v, "zabbixKeys");
      return this;
    }

    /** The file's {@code zabbix:} section: discovery and per-proxy delivery. */
    public Builder zabbix(ZabbixSettings v) {
      this.zabbix = v;
      return this;
    }

    /** Reloads the inventory when this file changes (checked, located errors keep the old one). */
    public Builder watch(Path file) {
      this.watchFile = file;
      return this;
    }

    /** Builds everything and starts monitoring. */
    public MonitorRuntime start() throws IOException {
      StateDir state = stateDirPath == null ? null : StateDir.open(stateDirPath);
      ClusterOwnership ownership = null;
      try {
        ownership = cluster == null ? null : new ClusterOwnership(joinCluster(), inventory);
        return start(state, ownership);
      } catch (IOException | RuntimeException | Error e) {
        if (ownership != null) {
          ownership.close();
        }
        if (state != null) {
          state.close();
        }
        throw e;
      }
    }

    private ClusterMembership joinCluster() throws IOException {
      try {
        return ClusterMembership.join(cluster);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("cluster " + cluster.name() + ": cannot join: " + e.getMessage(), e);
      }
    }

    private MonitorRuntime start(StateDir state, ClusterOwnership ownership) throws IOException {
      ResultStore store = new ResultStore(60);
      MetricsRegistry metrics = new MetricsRegistry(true);
      AtomicReference<Monitor> engine = new AtomicReference<>();
      ProbeMetrics probeMetrics =
          ProbeMetrics.register(
              metrics,
              id ->
                  (engine.get() == null ? inventory : engine.get().inventory())
                      .line(id)
                      .map(LineSpec::interval)
                      .orElse(null));
      PoolMetrics poolMetrics = PoolMetrics.register(metrics, () -> engine.get().poolSnapshot());
      LoginMetrics.register(
          metrics.registry(),
          () -> engine.get() == null ? null : engine.get().loginGate(),
          () -> engine.get() == null ? null : engine.get().warmup());
      Watchdog watchdog =
          new Watchdog(
              () -> engine.get() == null ? inventory : engine.get().inventory(),
              Clock.systemUTC(),
              metrics.registry());
      Supplier<Inventory> inForce =
          () -> engine.get() == null ? inventory : engine.get().inventory();
      // first among the sinks: the state listeners below see a change with its check's result
      LineStateTracker states = new LineStateTracker(inForce);
      StateEvents events = new StateEvents();
      states
          .listener(new StateLog())
          .listener(events)
          .listener(new StateMetrics(metrics.registry()));
      RecentOutputs recentOutputs = new RecentOutputs();
      List<ResultSink> all =
          new ArrayList<>(
              List.of(states, store, probeMetrics, new CheckLogSink(), watchdog, recentOutputs));
      List<AutoCloseable> outputs = new ArrayList<>();
      CheckOutputListener rawOutputs = recentOutputs;
      if (state != null) {
        UnparsedOutputStore unparsed =
            new UnparsedOutputStore(state.path(), UnparsedOutputStore.DEFAULT_MAX_FILES);
        outputs.add(unparsed);
        rawOutputs =
            o -> {
              recentOutputs.output(o);
              unparsed.output(o);
            };
      }
      if (jsonStdout) {
        JsonLinesSink json = JsonLinesSink.toStdout();
        all.add(json);
        outputs.add(json);
        states.listener(new StateJsonLines(json::acceptJson));
      }
      if (jsonFile != null) {
        JsonLinesSink json = JsonLinesSink.toFile(jsonFile);
        all.add(json);
        outputs.add(json);
        states.listener(new StateJsonLines(json::acceptJson));
      }
      ZabbixResultSink delivery = null;
      if (zabbixServer != null
          || (zabbix != null && (zabbix.sender() != null || zabbix.discovers()))) {
        ZabbixEndpoint server =
            zabbixServer != null
                ? zabbixServer
                : zabbix.sender() == null ? null : zabbix.sender().server();
        // Durable only with a state folder; embedding code without one keeps values in memory.
        delivery =
            state == null
                ? new ZabbixResultSink(zabbixKeys, server, inForce, trapperConnectors(zabbix))
                : new ZabbixResultSink(
                    zabbixKeys,
                    server,
                    inForce,
                    trapperConnectors(zabbix),
                    spoolSettings(state.path()),
                    metrics.registry());
        all.add(delivery);
        states.listener(delivery);
      }
      History history =
          state != null && historySettings.enabled()
              ? History.open(state.path(), historySettings, metrics.registry())
              : null;
      if (history != null) {
        all.add(history.writer());
        outputs.add(history.writer()); // closed after the engine: the last results are written
      }
      all.addAll(sinks);
      Monitor.Builder mb =
          Monitor.builder(ownership == null ? inventory : ownership.initialOwned())
              .firstChecks(ownership == null ? NewLines.SPREAD : ownership.firstChecks())
              .config(config)
              .sinks(all)
              .outputs(rawOutputs)
              .schedulerListener(probeMetrics)
              .poolListener(poolMetrics);
      if (lineCheck != null) {
        mb.lineCheck(lineCheck);
      }
      Monitor monitor = mb.build();
      engine.set(monitor);
      AaaGroupMetrics.register(metrics.registry(), monitor.loginGate().groups());
      monitor.start();
      AtomicReference<StatusServer> httpRef = new AtomicReference<>();
      if (ownership != null) {
        ownership.start(
            monitor,
            () -> httpRef.get() == null ? null : httpRef.get().baseUri(),
            metrics.registry());
      }
      if (table) {
        ConsoleTableSink console =
            ownership == null
                ? ConsoleTableSink.toStdout(store, false, () -> LineInfo.of(monitor.inventory()))
                    .start()
                : ConsoleTableSink.toStdout(
                        store, false, () -> LineInfo.of(ownership.fullInventory()))
                    .cluster(ownership::status)
                    .start();
        outputs.add(0, console);
      }
      StatusServer http = null;
      if (httpPort >= 0) {
        http =
            StatusServer.start(
                new StatusServer.Options(httpHost, httpPort, httpToken),
                new ReadinessSource(
                    StatusSource.of(monitor::inventory, store, monitor::poolSnapshot),
                    monitor,
                    all,
                    new ReadinessSource.Views(
                        history == null ? null : history.query(), states, events, recentOutputs),
                    ownership == null ? () -> null : ownership::status),
                metrics);
        httpRef.set(http);
        log.info("status page and metrics at {}", http.baseUri());
      }
      InventoryWatcher.Listener changes =
          ReloadListeners.withSettings(
              ownership == null ? monitor.watcherListener() : ownership.reloads(),
              watchFile == null ? null : reload());
      ZabbixDiscovery discoveryClient = null;
      ZabbixInventorySource discovery = null;
      if (zabbix != null && zabbix.discovers()) {
        discoveryClient = new ZabbixDiscovery(zabbix, System::getenv);
        discovery =
            ZabbixInventorySource.builder(discoveryClient, inventory, changes)
                .syncInterval(zabbix.discovery().syncInterval())
                .problemConsumer(
                    delivery == null
                        ? null
                        : ownership == null
                            ? delivery::sendProblems
                            : ownership.fromCoordinator(delivery::sendProblems))
                .metrics(new DiscoveryMetrics(metrics.registry()))
                .name(discoveryClient.describe())
                .start();
        log.info(
            "Zabbix discovery from {} ({}) every {}",
            discoveryClient.describe(),
            zabbix.discovery().scope(),
            zabbix.discovery().syncInterval());
      }
      InventoryWatcher watcher = null;
      if (watchFile != null) {
        watcher =
            InventoryWatcher.builder(
                    watchFile,
                    inventory,
                    discovery == null
                        ? changes
                        : ReloadListeners.fileToDiscovery(discovery, changes))
                .loader(MonitorFiles.loader())
                .start();
      }
      return new MonitorRuntime(
          monitor,
          store,
          states,
          outputs,
          http,
          watcher,
          discovery,
          discoveryClient,
          state,
          ownership);
    }

    private SpoolSettings spoolSettings(Path stateDir) {
      ZabbixSettings.Sender sender = zabbix == null ? null : zabbix.sender();
      return SpoolSettings.under(
          stateDir,
          sender == null ? SpoolSettings.DEFAULT_MAX_BYTES : sender.spoolMaxSize(),
          sender == null ? SpoolSettings.DEFAULT_MAX_AGE : sender.spoolMaxAge());
    }

    /** Plain or TLS per trapper address, after {@code zabbix.sender} (docs/zabbix.md, "TLS"). */
    private static Function<ZabbixEndpoint, TrapperConnector> trapperConnectors(
        ZabbixSettings zabbix) {
      ZabbixSettings.Sender sender = zabbix == null ? null : zabbix.sender();
      if (sender == null) {
        return ep -> TrapperConnector.PLAIN;
      }
      return ep -> sender.tlsFor(ep).connector(sender.describe(ep));
    }

    private SettingsReload reload() {
      return new SettingsReload(
          watchFile,
          settings != null ? settings : ServiceSettings.defaults(),
          zabbix,
          liveSettings);
    }
  }
}
