package io.netpool.monitor.engine;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Line checks for engine tests that need no router: they answer at once. */
final class TestChecks {
  private TestChecks() {}

  /** A check that finishes at once with a clean measurement (5/5, 1 ms), counted in {@code n}. */
  static Monitor.LineCheckFactory instantOk(AtomicInteger n) {
    return (pool, toDevice, config) ->
        (line, router, due) -> {
          n.incrementAndGet();
          return new CheckResult(
              line.id(),
              router.id(),
              line.target(),
              due,
              Instant.now(),
              Instant.now(),
              new PingResult(
                  5,
                  5,
                  BigDecimal.ZERO,
                  BigDecimal.ONE,
                  BigDecimal.ONE,
                  BigDecimal.ONE,
                  PingStatus.OK,
                  null),
              null,
              "ping");
        };
  }

  /** {@link #instantOk(AtomicInteger)} without a counter. */
  static Monitor.LineCheckFactory instantOk() {
    return instantOk(new AtomicInteger());
  }
}
