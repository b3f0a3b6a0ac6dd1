package io.netpool.monitor.probe.run;

import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.ProbeType;
import io.netpool.monitor.probe.ping.PingType;
import io.netpool.monitor.probe.sla.SlaType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The probe types a check can run, by the name lines use in {@code probe:}. */
final class ProbeTypes {
  private final Map<String, ProbeType> byName;
  private final PingType ping;

  private ProbeTypes(PingType ping, List<ProbeType> others) {
    this.ping = ping;
    this.byName =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(ping), others.stream())
            .collect(Collectors.toUnmodifiableMap(ProbeType::name, Function.identity()));
  }

  /** Ping and the routers' own SLA operations. */
  static ProbeTypes standard(ProbeConfig config) {
    return new ProbeTypes(new PingType(config), List.of(new SlaType(config)));
  }

  PingType ping() {
    return ping;
  }

  /** The type named {@code name}. @throws IllegalArgumentException for an unknown name */
  ProbeType get(String name) {
    ProbeType t = byName.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "unknown probe type '" + name + "'; known: " + byName.keySet());
    }
    return t;
  }
}
