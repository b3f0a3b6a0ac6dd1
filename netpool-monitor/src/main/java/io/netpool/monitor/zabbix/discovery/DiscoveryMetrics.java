package io.netpool.monitor.zabbix.discovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus meters of Zabbix discovery: {@code netpool_zabbix_discovery_syncs_total{outcome}},
 * {@code netpool_zabbix_discovery_last_success_timestamp_seconds} (Unix time, 0 before the first
 * success), {@code netpool_zabbix_discovery_lines} and {@code
 * netpool_zabbix_discovery_invalid_hosts}. Thread-safe.
 */
public final class DiscoveryMetrics {
  private final Counter succeeded;
  private final Counter failed;
  private final AtomicLong lastSuccess = new AtomicLong();
  private final AtomicInteger lines = new AtomicInteger();
  private final AtomicInteger invalidHosts = new AtomicInteger();

  public DiscoveryMetrics(MeterRegistry registry) {
    succeeded = syncs(registry, "success");
    failed = syncs(registry, "failure");
    Gauge.builder("netpool.zabbix.discovery.last.success.timestamp", lastSuccess, AtomicLong::get)
        .baseUnit("seconds")
        .description("Unix time of the last successful Zabbix discovery (0: none yet)")
        .register(registry);
    Gauge.builder("netpool.zabbix.discovery.lines", lines, AtomicInteger::get)
        .description("lines found in Zabbix by the last successful discovery and monitored")
        .register(registry);
    Gauge.builder("netpool.zabbix.discovery.invalid.hosts", invalidHosts, AtomicInteger::get)
        .description("line hosts not monitored because of a problem (see the log or check-config)")
        .register(registry);
  }

  private static Counter syncs(MeterRegistry registry, String outcome) {
    return Counter.builder("netpool.zabbix.discovery.syncs")
        .description("Zabbix discoveries by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void synced(Instant at, int lineCount, int invalidHostCount) {
    succeeded.increment();
    lastSuccess.set(at.getEpochSecond());
    lines.set(lineCount);
    invalidHosts.set(invalidHostCount);
  }

  /** After a change of the file: the counts change, no discovery ran. */
  void counts(int lineCount, int invalidHostCount) {
    lines.set(lineCount);
    invalidHosts.set(invalidHostCount);
  }

  void failed() {
    failed.increment();
  }
}
