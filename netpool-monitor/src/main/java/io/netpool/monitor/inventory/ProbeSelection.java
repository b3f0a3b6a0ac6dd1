package io.netpool.monitor.inventory;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which probe types a line runs, and what they read on the router (docs/inventory.md, "Probes").
 *
 * @param types probe type names in the order they run, the first being the line's measurement (loss
 *     and round-trip time, state, alarms): {@code [ping]} (the default), {@code [sla]} or {@code
 *     [ping, sla]}
 * @param keys what the router's probe commands name the operation by, filling the placeholders of
 *     the platform's {@code probes:} commands: {@code operation} (Cisco IP SLA entry), {@code
 *     owner} and {@code test} (Juniper RPM), {@code admin} and {@code test} (Huawei and H3C NQA)
 * @param frequency how often the router runs its operation: its last run must be newer than twice
 *     this, else the reading is stale
 */
public record ProbeSelection(List<String> types, Map<String, String> keys, Duration frequency) {
  /** The type name of the ping probe. */
  public static final String PING = "ping";

  /** The type name of the routers' own SLA operations. */
  public static final String SLA = "sla";

  /** The default frequency of a router's SLA operation (Cisco IP SLA's default: 60 s). */
  public static final Duration DEFAULT_FREQUENCY = Duration.ofSeconds(60);

  /** Ping only: the behaviour of every line before probe types existed. */
  public static final ProbeSelection PING_ONLY =
      new ProbeSelection(List.of(PING), Map.of(), DEFAULT_FREQUENCY);

  public ProbeSelection {
    types = List.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a line runs at least one probe type");
    }
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    Objects.requireNonNull(frequency, "frequency");
  }

  /** The probe type that measures the line: the first. */
  public String primary() {
    return types.get(0);
  }

  public boolean runs(String type) {
    return types.contains(type);
  }
}
