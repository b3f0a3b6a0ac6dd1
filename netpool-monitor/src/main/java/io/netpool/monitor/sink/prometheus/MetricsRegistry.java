package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the monitor's one Prometheus registry and renders the scrape text for {@code /metrics}.
 * {@link PoolMetrics} and {@link ProbeMetrics} register their meters here. Thread-safe.
 */
public final class MetricsRegistry implements AutoCloseable {

  /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(MetricsRegistry.class);

  private final PrometheusMeterRegistry registry;
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
  private JvmGcMetrics gcMetrics;

  /** A registry without JVM metrics. */
  public MetricsRegistry() {
    this(false);
  }

  /**
   * @param jvmMetrics whether to add the JVM's memory, GC, thread, CPU and uptime meters
   */
  public MetricsRegistry(boolean jvmMetrics) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (jvmMetrics) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(registry);
    }
  }

  /** Where to register meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Runs {@code hook} before each scrape (e.g. to take one pool snapshot for all gauges). */
  public void beforeScrape(Runnable hook) {
    beforeScrape.add(hook);
  }

  /** The Prometheus text exposition of every meter ({@link #CONTENT_TYPE}). */
  public String scrape() {
    for (Runnable hook : beforeScrape) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        log.warn("metrics refresh failed: {}", e.toString());
      }
    }
    return registry.scrape(CONTENT_TYPE);
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }
}
