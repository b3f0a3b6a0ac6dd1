package io.netpool.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * A device's own health-check interval, as a typed {@linkplain SessionOptions session option}: its
 * idle sessions are checked this often instead of every {@link PoolConfig#healthCheckInterval()}. A
 * protocol's check can be an in-channel keepalive (the CLI sends an empty line and waits for the
 * prompt), so this is how one device's idle sessions outlive its own idle logout (Cisco {@code
 * exec-timeout}) without checking the whole fleet that often. The pool's housekeeping interval (1 s
 * by default) is the finest step.
 *
 * @param interval positive
 */
public record HealthCheckInterval(Duration interval) {
  public HealthCheckInterval {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
  }
}
