package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.ssh.AaaGroupGates;
import io.netpool.ssh.LoginGate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters of the AAA groups' login budgets ({@code aaa_groups:}), one series per group
 * (label {@code group}; groups are few, named in the file): logins in progress and waiting, started
 * and throttled, and the limits. A group added by a reload gets its meters then, a removed one
 * loses them. A group whose limits changed gets a new gate, so its counters start again from zero
 * (Prometheus' {@code rate()} takes that as a reset).
 */
public final class AaaGroupMetrics {
  private final MeterRegistry registry;
  private final AaaGroupGates gates;
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

  private AaaGroupMetrics(MeterRegistry registry, AaaGroupGates gates) {
    this.registry = registry;
    this.gates = gates;
  }

  /** Registers the meters of the groups now and of those later updates bring. */
  public static AaaGroupMetrics register(MeterRegistry registry, AaaGroupGates gates) {
    AaaGroupMetrics m = new AaaGroupMetrics(registry, gates);
    gates.onUpdate(m::sync);
    m.sync();
    return m;
  }

  /** Meters for every group of the gates, none for groups that are gone. */
  void sync() {
    Map<String, LoginGate> now = gates.gates();
    now.keySet().forEach(name -> meters.computeIfAbsent(name, this::registerGroup));
    for (String name : List.copyOf(meters.keySet())) {
      if (!now.containsKey(name)) {
        List<Meter> gone = meters.remove(name);
        if (gone != null) {
          gone.forEach(registry::remove);
        }
      }
    }
  }

  private List<Meter> registerGroup(String name) {
    return List.of(
        gauge(
            name, "netpool.aaa.group.logins.in.progress", "logins in progress", g -> g.inFlight()),
        gauge(
            name,
            "netpool.aaa.group.logins.waiting",
            "logins waiting for the group's budget",
            g -> g.waiting()),
        gauge(
            name,
            "netpool.aaa.group.logins.max",
            "aaa_groups.NAME.max_concurrent_logins",
            g -> g.limits().maxConcurrentLogins()),
        gauge(
            name,
            "netpool.aaa.group.logins.per.second",
            "aaa_groups.NAME.logins_per_second",
            g -> g.limits().loginsPerSecond()),
        counter(name, "netpool.aaa.group.logins.started", "logins started", g -> g.started()),
        counter(
            name,
            "netpool.aaa.group.logins.throttled",
            "logins the group's budget let not start before their deadline (no_session)",
            g -> g.throttled()));
  }

  private Meter gauge(String group, String name, String help, ToDoubleFunction<LoginGate> value) {
    return Gauge.builder(name, gates, gs -> valueOf(gs, group, value))
        .description(help)
        .tag("group", group)
        .register(registry);
  }

  private Meter counter(String group, String name, String help, ToDoubleFunction<LoginGate> value) {
    return FunctionCounter.builder(name, gates, gs -> valueOf(gs, group, value))
        .description(help)
        .tag("group", group)
        .register(registry);
  }

  /** The group's current gate's value; 0 between its removal and its meters' removal. */
  private static double valueOf(
      AaaGroupGates gates, String group, ToDoubleFunction<LoginGate> value) {
    LoginGate g = gates.gate(group);
    return g == null ? 0 : value.applyAsDouble(g);
  }
}
