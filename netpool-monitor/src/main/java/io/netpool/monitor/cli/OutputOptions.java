package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.settings.HttpSection;
import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options shared by {@code run} and {@code demo}. */
final class OutputOptions {
  @Option(
      names = "--no-table",
      description = "Do not draw the live table (it is drawn by default).")
  boolean noTable;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write one JSON object per check result to FILE ('-' for standard output).")
  String json;

  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      description =
          "Address of the status page and /metrics; wins over http.host (default: 127.0.0.1).")
  String httpHost;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Port of the status page and /metrics; 0 picks a free one, -1 turns HTTP off; wins over"
              + " http.port (default: 9464).")
  Integer httpPort;

  @Option(
      names = "--http-token-env",
      paramLabel = "VAR",
      description =
          "Require 'Authorization: Bearer <token>' with the token read from VAR; wins over"
              + " http.token.")
  String httpTokenEnv;

  @Option(
      names = "--zabbix",
      paramLabel = "HOST[:PORT]",
      description = "Send results to this Zabbix server or proxy (trapper, port 10051 by default).")
  String zabbix;

  @Option(
      names = "--zabbix-key",
      paramLabel = "ITEM=KEY",
      description =
          "Zabbix item key for ITEM (loss, rtt.min, rtt.avg, rtt.max, rtt.median, rtt.stddev,"
              + " jitter, status, sent, received, error, failure, router, state); an empty KEY"
              + " stops sending that item. Repeatable. Defaults: netpool.ping.<ITEM>,"
              + " netpool.router.failure for router, netpool.line.state for state.")
  java.util.Map<String, String> zabbixKeys = new java.util.LinkedHashMap<>();

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Stop after this long: 30s, 2m, 1h30m (a bare number is seconds; default: run until"
              + " Ctrl-C).")
  java.time.Duration duration;

  /** Applies these flags to {@code b} with HTTP at its defaults. */
  MonitorRuntime.Builder applyTo(MonitorRuntime.Builder b) {
    return applyTo(b, HttpSection.SECTION.defaults().value());
  }

  /**
   * Applies these flags to {@code b}: table, JSON lines, HTTP (each flag wins over {@code file}'s
   * {@code http:} value), Zabbix server and item keys.
   */
  MonitorRuntime.Builder applyTo(MonitorRuntime.Builder b, HttpSection.Settings file) {
    String token = file.token() == null ? null : file.token().toSecret().reveal();
    if (httpTokenEnv != null) {
      token = System.getenv(httpTokenEnv);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("environment variable " + httpTokenEnv + " is not set");
      }
    }
    String zHost = null;
    int zPort = 10051;
    if (zabbix != null) {
      int colon = zabbix.lastIndexOf(':');
      zHost = colon < 0 ? zabbix : zabbix.substring(0, colon);
      if (colon >= 0) {
        zPort = Integer.parseInt(zabbix.substring(colon + 1));
      }
    }
    boolean jsonStdout = "-".equals(json);
    b.consoleTable(!noTable && !jsonStdout)
        .jsonLinesToStdout(jsonStdout)
        .jsonLines(json == null || jsonStdout ? null : Path.of(json))
        .http(
            httpHost != null ? httpHost : file.host(),
            httpPort != null ? httpPort : file.port(),
            token)
        .zabbixItemKeys(itemKeys());
    if (zHost != null) {
      b.zabbixServer(zHost, zPort);
    }
    return b;
  }

  ZabbixItemKeys itemKeys() {
    ZabbixItemKeys keys = ZabbixItemKeys.defaults();
    for (java.util.Map.Entry<String, String> e : zabbixKeys.entrySet()) {
      String key = e.getValue();
      keys =
          switch (e.getKey()) {
            case "loss" -> keys.withLoss(key);
            case "rtt.min" -> keys.withRttMin(key);
            case "rtt.avg" -> keys.withRttAvg(key);
            case "rtt.max" -> keys.withRttMax(key);
            case "rtt.median" -> keys.withRttMedian(key);
            case "rtt.stddev" -> keys.withRttStddev(key);
            case "jitter" -> keys.withJitter(key);
            case "status" -> keys.withStatus(key);
            case "sent" -> keys.withSent(key);
            case "received" -> keys.withReceived(key);
            case "error" -> keys.withError(key);
            case "failure" -> keys.withFailure(key);
            case "router" -> keys.withRouter(key);
            case "state" -> keys.withState(key);
            default ->
                throw new IllegalArgumentException(
                    "unknown Zabbix item '"
                        + e.getKey()
                        + "'; known: loss, rtt.min, rtt.avg, rtt.max, rtt.median, rtt.stddev,"
                        + " jitter, status, sent, received, error, failure, router, state");
          };
    }
    return keys;
  }
}
