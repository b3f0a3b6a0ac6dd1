package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netpool.ssh.LoginGate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters of the login budget ({@link LoginGate}) and of the session warm-up: how many
 * logins run and wait, how many were throttled, and how the warm-up went. Read at scrape time from
 * the engine's counters.
 */
public final class LoginMetrics {
  /** The warm-up's counters, as the engine exposes them. */
  public interface WarmupCounts {
    long planned();

    long succeeded();

    long failed();

    long skipped();

    int pending();
  }

  private LoginMetrics() {}

  /**
   * Registers the meters.
   *
   * @param gate the engine's login gate (asked at each scrape; null before the engine exists)
   * @param warmup the engine's warm-up counts (null before the engine exists or without warm-up)
   */
  public static void register(
      MeterRegistry registry, Supplier<LoginGate> gate, Supplier<WarmupCounts> warmup) {
    gauge(
        registry,
        "netpool.ssh.logins.in.progress",
        "logins in progress (connect, key exchange," + " authentication, first prompt)",
        gate,
        LoginGate::inFlight);
    gauge(
        registry,
        "netpool.ssh.logins.waiting",
        "logins waiting for the login budget",
        gate,
        LoginGate::waiting);
    gauge(
        registry,
        "netpool.ssh.logins.max",
        "ssh.max_concurrent_logins",
        gate,
        g -> g.limits().maxConcurrentLogins());
    counter(registry, "netpool.ssh.logins.started", "logins started", gate, LoginGate::started);
    counter(
        registry,
        "netpool.ssh.logins.throttled",
        "logins that could not start before their" + " deadline (reported as no_session)",
        gate,
        LoginGate::throttled);
    for (String outcome : new String[] {"success", "failure", "skipped"}) {
      FunctionCounter.builder(
              "netpool.warmup.sessions",
              registry,
              r -> {
                WarmupCounts c = warmup.get();
                if (c == null) {
                  return 0;
                }
                return switch (outcome) {
                  case "success" -> c.succeeded();
                  case "failure" -> c.failed();
                  default -> c.skipped();
                };
              })
          .description("warm-up logins by outcome (skipped: the router's first check came first)")
          .tag("outcome", outcome)
          .register(registry);
    }
    Gauge.builder("netpool.warmup.pending", warmup, w -> w.get() == null ? 0 : w.get().pending())
        .description("routers whose warm-up has not run yet")
        .strongReference(true)
        .register(registry);
  }

  private static void gauge(
      MeterRegistry r,
      String name,
      String help,
      Supplier<LoginGate> gate,
      ToDoubleFunction<LoginGate> value) {
    Gauge.builder(name, gate, g -> g.get() == null ? 0 : value.applyAsDouble(g.get()))
        .description(help)
        .strongReference(true) // the supplier is a lambda only Micrometer holds
        .register(r);
  }

  private static void counter(
      MeterRegistry r,
      String name,
      String help,
      Supplier<LoginGate> gate,
      ToDoubleFunction<LoginGate> value) {
    // A function counter holds its object weakly: give it the registry (alive as long as the
    // meter) and let the function hold the supplier, a lambda nothing else keeps.
    FunctionCounter.builder(
            name, r, registry -> gate.get() == null ? 0 : value.applyAsDouble(gate.get()))
        .description(help)
        .register(r);
  }
}
