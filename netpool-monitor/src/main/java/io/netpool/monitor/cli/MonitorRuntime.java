package io.netpool.monitor.cli;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.ResultSink;
import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.http.StatusServer;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.sink.console.CheckLogSink;
import io.netpool.monitor.sink.console.ConsoleTableSink;
import io.netpool.monitor.sink.console.JsonLinesSink;
import io.netpool.monitor.sink.prometheus.MetricsRegistry;
import io.netpool.monitor.sink.prometheus.PoolMetrics;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;
import io.netpool.monitor.sink.zabbix.ZabbixItemKeys;
import io.netpool.monitor.sink.zabbix.ZabbixSink;
import io.netpool.monitor.sink.zabbix.ZabbixSinkConfig;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
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
 * the status page, metrics, the optional JSON-lines and Zabbix sinks, the HTTP server and the
 * inventory watcher. Closing it stops them in an order that loses no result: no new checks, the
 * running ones finish and reach every sink, then the sinks flush.
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

  private MonitorRuntime(
      Monitor monitor,
      ResultStore store,
      List<AutoCloseable> outputs,
      StatusServer http,
      InventoryWatcher watcher) {
    this.monitor = monitor;
    this.store = store;
    this.outputs.addAll(outputs);
    this.http = http;
    this.watcher = watcher;
  }

  static MonitorRuntime start(Inventory inventory, MonitorConfig config, Options options)
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
    if (options.zabbixHost() != null) {
      ZabbixSink zabbix =
          new ZabbixSink(
              ZabbixSinkConfig.builder(options.zabbixHost())
                  .serverPort(options.zabbixPort())
                  .itemKeys(options.zabbixKeys())
                  .build());
      zabbix.start();
      sinks.add(new ZabbixResultSink(zabbix));
      outputs.add(zabbix);
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
    InventoryWatcher watcher = null;
    if (options.watchFile() != null) {
      InventoryWatcher.Listener engineListener = monitor.watcherListener();
      watcher =
          InventoryWatcher.start(
              options.watchFile(),
              inventory,
              new InventoryWatcher.Listener() {
                @Override
                public void reloaded(Inventory next, InventoryDiff diff) {
                  engineListener.reloaded(next, diff);
                  List<String> ids = List.copyOf(next.lines().keySet());
                  store.retainLines(ids);
                  probeMetrics.retainLines(ids);
                }

                @Override
                public void rejected(InventoryException error) {
                  engineListener.rejected(error);
                }
              });
    }
    return new MonitorRuntime(monitor, store, outputs, http, watcher);
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

  /** Sends each result to Zabbix as items of the host named like the line. */
  private record ZabbixResultSink(ZabbixSink zabbix) implements ResultSink {
    @Override
    public void accept(CheckResult result) {
      zabbix.offerResult(result.lineId(), result.ping(), result.finished());
    }
  }
}
