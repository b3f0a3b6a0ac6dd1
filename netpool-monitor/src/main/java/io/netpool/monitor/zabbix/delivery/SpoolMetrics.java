package io.netpool.monitor.zabbix.delivery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters of one destination's spool, labelled {@code endpoint} (the server and a few
 * proxies): {@code netpool_zabbix_spool_values}, {@code netpool_zabbix_spool_bytes}, {@code
 * netpool_zabbix_spool_oldest_age_seconds} and {@code netpool_zabbix_spool_dropped_total{reason}}
 * with reason {@code size}, {@code age} (the bounds), {@code buffer} (the in-memory hand-off was
 * full) and {@code write_error} (the spool file refused a write).
 */
public final class SpoolMetrics {
  private SpoolMetrics() {}

  /** Registers the meters of a spooled queue. */
  public static void register(MeterRegistry registry, String endpoint, TrapperQueue queue) {
    ZabbixSpool spool = queue.spool();
    Gauge.builder("netpool.zabbix.spool.values", spool, ZabbixSpool::values)
        .description("values in the Zabbix spool, not yet acknowledged by Zabbix")
        .tag("endpoint", endpoint)
        .register(registry);
    Gauge.builder("netpool.zabbix.spool.bytes", spool, ZabbixSpool::bytes)
        .description("bytes of the spooled values, as counted for zabbix.sender.spool_max_size")
        .tag("endpoint", endpoint)
        .register(registry);
    Gauge.builder("netpool.zabbix.spool.oldest.age", spool, ZabbixSpool::oldestAgeSeconds)
        .baseUnit("seconds")
        .description("time since the oldest spooled value was written (0: empty)")
        .tag("endpoint", endpoint)
        .register(registry);
    dropped(registry, endpoint, "size", spool, ZabbixSpool::droppedBySize);
    dropped(registry, endpoint, "age", spool, ZabbixSpool::droppedByAge);
    dropped(registry, endpoint, "buffer", queue, TrapperQueue::droppedValues);
    dropped(registry, endpoint, "write_error", queue, TrapperQueue::spoolWriteErrors);
  }

  private static <T> void dropped(
      MeterRegistry registry, String endpoint, String reason, T obj, ToDoubleFunction<T> f) {
    FunctionCounter.builder("netpool.zabbix.spool.dropped", obj, f)
        .description("values dropped before Zabbix got them, by reason")
        .tag("endpoint", endpoint)
        .tag("reason", reason)
        .register(registry);
  }
}
