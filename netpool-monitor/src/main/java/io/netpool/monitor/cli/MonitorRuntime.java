package io.netpool.monitor.cli;

import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.http.StatusServer;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.sink.CheckLogSink;
import io.netpool.monitor.sink.JsonLinesSink;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.sink.console.ConsoleTableSink;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import io.netpool.monitor.sink.prometheus.PoolMetrics;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import io.netpool.monitor.zabbix.delivery.ZabbixResultSink;
import io.netpool.monitor.zabbix.discovery.DiscoveryMetrics;
import io.netpool.monitor.zabbix.discovery.ZabbixDiscovery;
import io.netpool.monitor.zabbix.discovery.ZabbixInventorySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running monitor with everything around it: the engine, the result store behind the table and
 * the status page, metrics, the optional JSON-lines and Zabbix sinks, the HTTP server, the
 * inventory watcher and Zabbix discovery. Closing it stops them in an order that loses no result:
 * no more inventory changes, no new checks, the running ones finish and reach every sink, then the
 * sinks flush.
 *
 * <p>With Zabbix discovery the monitor starts with the file's lines; the discovered ones are added
 * by the first discovery (within seconds) and kept in step by the next ones. A change of the file
 * is merged with the last discovery by {@link ZabbixInventorySource}, so both sources reach the
 * engine as one inventory and one diff.
 */
final class MonitorRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorRuntime.class);

  /** How to run: which outputs, where the status page listens, where Zabbix is. */
  record Options(
      boolean table,
      Path jsonFile,
      boolean jsonStdout,
      String httpHost,
      int httpPort,
      String httpToken,
      String zabbixHost,
      int zabbixPort,
      ZabbixItemKeys zabbixKeys,
      Path watchFile) {}

  private final Monitor monitor;
  private final ResultStore store;
  private final List<AutoCloseable> outputs = new ArrayList<>();
  private final StatusServer http;
  private final InventoryWatcher watcher;
  private final ZabbixInventorySource discovery;
  private final ZabbixDiscovery discoveryClient;

  private MonitorRuntime(
      Monitor monitor,
      ResultStore store,
      List<AutoCloseable> outputs,
      StatusServer http,
      InventoryWatcher watcher,
      ZabbixInventorySource discovery,
      ZabbixDiscovery discoveryClient) {
    this.monitor = monitor;
    this.store = store;
    this.outputs.addAll(outputs);
    this.http = http;
    this.watcher = watcher;
    this.discovery = discovery;
    this.discoveryClient = discoveryClient;
  }

  static MonitorRuntime start(Inventory inventory, MonitorConfig config, Options options)
      throws IOException {
    return start(inventory, config, options, null);
  }

  /**
   * @param inventory the file's inventory
   * @param zabbix the file's {@code zabbix:} section, or null
   */
  static MonitorRuntime start(
      Inventory inventory, MonitorConfig config, Options options, ZabbixSettings zabbix)
      throws IOException {
    ResultStore store = new ResultStore(60);
    MetricsRegistry metrics = new MetricsRegistry(true);
    ProbeMetrics probeMetrics = ProbeMetrics.register(metrics);
    AtomicReference<Monitor> engine = new AtomicReference<>();
    PoolMetrics poolMetrics = PoolMetrics.register(metrics, () -> engine.get().poolSnapshot());
    List<ResultSink> sinks = new ArrayList<>(List.of(store, probeMetrics, new CheckLogSink()));
    List<AutoCloseable> outputs = new ArrayList<>();
    if (options.jsonStdout()) {
      JsonLinesSink json = JsonLinesSink.toStdout();
      sinks.add(json);
      outputs.add(json);
    }
    if (options.jsonFile() != null) {
      JsonLinesSink json = JsonLinesSink.toFile(options.jsonFile());
      sinks.add(json);
      outputs.add(json);
    }
    ZabbixResultSink delivery = null;
    if (options.zabbixHost() != null
        || (zabbix != null && (zabbix.sender() != null || zabbix.discovers()))) {
      // --zabbix wins over zabbix.sender.server; the monitor closes the delivery (it is a sink)
      ZabbixEndpoint server =
          options.zabbixHost() != null
              ? new ZabbixEndpoint(options.zabbixHost(), options.zabbixPort())
              : zabbix.sender() == null ? null : zabbix.sender().server();
      delivery =
          new ZabbixResultSink(
              options.zabbixKeys(),
              server,
              () -> engine.get() == null ? inventory : engine.get().inventory());
      sinks.add(delivery);
    }
    Monitor monitor =
        Monitor.builder(inventory)
            .config(config)
            .sinks(sinks)
            .schedulerListener(probeMetrics)
            .poolListener(poolMetrics)
            .build();
    engine.set(monitor);
    monitor.start();
    if (options.table()) {
      ConsoleTableSink table =
          ConsoleTableSink.toStdout(store, false, () -> LineInfo.of(monitor.inventory())).start();
      outputs.add(0, table);
    }
    StatusServer http = null;
    if (options.httpPort() >= 0) {
      http =
          StatusServer.start(
              new StatusServer.Options(options.httpHost(), options.httpPort(), options.httpToken()),
              StatusSource.of(monitor::inventory, store, monitor::poolSnapshot),
              metrics);
      log.info("status page and metrics at {}", http.baseUri());
    }
    InventoryWatcher.Listener changes = changeListener(monitor, store, probeMetrics, delivery);
    ZabbixDiscovery discoveryClient = null;
    ZabbixInventorySource discovery = null;
    if (zabbix != null && zabbix.discovers()) {
      discoveryClient = new ZabbixDiscovery(zabbix, System::getenv);
      discovery =
          ZabbixInventorySource.builder(discoveryClient, inventory, changes)
              .syncInterval(zabbix.discovery().syncInterval())
              .problemConsumer(delivery == null ? null : delivery::sendProblems)
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
    if (options.watchFile() != null) {
      watcher =
          InventoryWatcher.builder(
                  options.watchFile(),
                  inventory,
                  discovery == null ? changes : fileToDiscovery(discovery, changes))
              .loader(MonitorFiles.loader())
              .start();
    }
    return new MonitorRuntime(monitor, store, outputs, http, watcher, discovery, discoveryClient);
  }

  /** Applies an inventory change to the engine, then drops what belonged to removed lines. */
  private static InventoryWatcher.Listener changeListener(
      Monitor monitor, ResultStore store, ProbeMetrics probeMetrics, ZabbixResultSink delivery) {
    InventoryWatcher.Listener engineListener = monitor.watcherListener();
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff diff) {
        engineListener.reloaded(next, diff);
        List<String> ids = List.copyOf(next.lines().keySet());
        store.retainLines(ids);
        probeMetrics.retainLines(ids);
        if (delivery != null) {
          delivery.retainLines(ids);
        }
      }

      @Override
      public void rejected(InventoryException error) {
        engineListener.rejected(error);
      }
    };
  }

  /** With discovery, a reloaded file is merged with the discovered lines before it is applied. */
  private static InventoryWatcher.Listener fileToDiscovery(
      ZabbixInventorySource discovery, InventoryWatcher.Listener changes) {
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff fileDiff) {
        discovery.fileChanged(next);
      }

      @Override
      public void rejected(InventoryException error) {
        changes.rejected(error);
      }
    };
  }

  Monitor monitor() {
    return monitor;
  }

  ResultStore store() {
    return store;
  }

  /** The status page's address, or null without HTTP. */
  URI statusUri() {
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
    monitor.close(); // running checks finish and reach every sink
    for (AutoCloseable output : outputs) {
      closeQuietly(output);
    }
    if (http != null) {
      http.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c.getClass().getSimpleName(), e);
    }
  }
}
