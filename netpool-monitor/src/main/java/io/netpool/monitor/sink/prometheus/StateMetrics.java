package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.monitor.state.LineCondition;
import io.netpool.monitor.state.RouterChange;
import io.netpool.monitor.state.StateChange;
import io.netpool.monitor.state.StateListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Line and router states in Prometheus: {@code netpool_line_state{line}} (the state's code, {@link
 * LineCondition#code()}: 0 up .. 4 flapping), {@code netpool_line_state_changes_total{to}} (no line
 * label: bounded by the five states), {@code netpool_routers_failed} (routers that cannot be used
 * now) and {@code netpool_router_state_changes_total{state}} ({@code failed} or {@code usable}).
 */
public final class StateMetrics implements StateListener {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, AtomicInteger> lineStates = new ConcurrentHashMap<>();
  private final Set<String> failedRouters = ConcurrentHashMap.newKeySet();

  public StateMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("netpool.routers.failed", failedRouters, Set::size)
        .description("routers that cannot be used by their lines' checks now")
        .register(registry);
    for (LineCondition c : LineCondition.values()) {
      changes(c); // every series from the start: rate() needs no first increment
    }
  }

  private Counter changes(LineCondition to) {
    return Counter.builder("netpool.line.state.changes")
        .description("line state changes by the state changed to")
        .tag("to", to.wireName())
        .register(registry);
  }

  @Override
  public void lineChanged(StateChange c) {
    lineStates
        .computeIfAbsent(
            c.lineId(),
            id -> {
              AtomicInteger v = new AtomicInteger();
              Gauge.builder("netpool.line.state", v, AtomicInteger::get)
                  .description("the line's state: 0 up, 1 degraded, 2 down, 3 unknown, 4 flapping")
                  .tag("line", id)
                  .register(registry);
              return v;
            })
        .set(c.to().code());
    changes(c.to()).increment();
  }

  @Override
  public void routerChanged(RouterChange c) {
    if (c.failed()) {
      failedRouters.add(c.routerId());
    } else {
      failedRouters.remove(c.routerId());
    }
    Counter.builder("netpool.router.state.changes")
        .description("router state changes: failed (cannot be used) or usable")
        .tag("state", c.failed() ? "failed" : "usable")
        .register(registry)
        .increment();
  }

  @Override
  public void lineRemoved(String lineId) {
    if (lineStates.remove(lineId) != null) {
      registry.find("netpool.line.state").tag("line", lineId).meters().forEach(registry::remove);
    }
  }
}
