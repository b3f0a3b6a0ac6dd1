package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.ProbeReading;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gauges of probe types other than ping ({@code probe: sla}): per line (labels {@code line},
 * {@code router}) one gauge per value a reading carries, named by the value ({@link
 * ProbeReading.Value#meterName}: {@code netpool_line_sla_jitter_sd_seconds}, {@code
 * netpool_line_sla_mos}, ...), NaN when the latest reading did not have it; and a counter of
 * readings by probe, status and failure kind. The names a probe type uses are a fixed set, so the
 * series per line are bounded.
 */
final class ReadingMetrics {
  private final MeterRegistry registry;

  /** Latest value by line, then meter name; gauges read these. */
  private final ConcurrentHashMap<String, Map<String, Latest>> byLine = new ConcurrentHashMap<>();

  /** One gauge's value and the router it was registered with. */
  private static final class Latest {
    private final String router;
    private volatile double value = Double.NaN;

    Latest(String router) {
      this.router = router;
    }
  }

  ReadingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void accept(CheckResult r, String router) {
    for (ProbeReading reading : r.readings()) {
      Counter.builder("netpool.line.readings")
          .description(
              "readings of probe types other than ping, by line, probe, status and failure kind")
          .tags(
              "line",
              r.lineId(),
              "probe",
              reading.probe(),
              "status",
              reading.status(),
              "failure",
              reading.failure() == null ? "none" : reading.failureName())
          .register(registry)
          .increment();
      Map<String, Latest> latest =
          byLine.computeIfAbsent(r.lineId(), id -> new ConcurrentHashMap<>());
      String prefix = "netpool.line." + reading.probe() + ".";
      for (Map.Entry<String, Latest> e : latest.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          e.getValue().value = Double.NaN; // not in this reading: not printed this time
        }
      }
      List<ProbeReading.Value> values = new java.util.ArrayList<>(reading.values());
      // the status as a gauge too: 0 ok .. 4 error, 6 stale
      values.add(new ProbeReading.Value("status", ProbeReading.Unit.SCORE, reading.statusCode()));
      for (ProbeReading.Value v : values) {
        String name = v.meterName(reading.probe());
        Latest l = latest.get(name);
        if (l == null || !l.router.equals(router)) {
          if (l != null) {
            remove(r.lineId(), name);
          }
          l = register(r.lineId(), router, name, reading.probe());
          latest.put(name, l);
        }
        l.value = v.meterValue();
      }
    }
  }

  private Latest register(String lineId, String router, String name, String probe) {
    Latest l = new Latest(router);
    Gauge.builder(name, l, x -> x.value)
        .description(probe + " reading of the line's last check; NaN when not printed")
        .tags(Tags.of("line", lineId, "router", router))
        .strongReference(true)
        .register(registry);
    return l;
  }

  private void remove(String lineId, String name) {
    registry.find(name).tag("line", lineId).meters().forEach(registry::remove);
  }

  /** Removes every series of lines not in {@code keep}. */
  void retainLines(Set<String> keep) {
    for (String id : List.copyOf(byLine.keySet())) {
      if (!keep.contains(id)) {
        removeLine(id);
      }
    }
  }

  void removeLine(String lineId) {
    Map<String, Latest> latest = byLine.remove(lineId);
    if (latest != null) {
      latest.keySet().forEach(name -> remove(lineId, name));
    }
    registry.find("netpool.line.readings").tag("line", lineId).meters().forEach(registry::remove);
  }
}
