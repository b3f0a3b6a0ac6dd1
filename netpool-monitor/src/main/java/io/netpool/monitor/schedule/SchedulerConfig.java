package io.netpool.monitor.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link LineScheduler}.
 *
 * @param maxConcurrentChecks checks running at the same time across all routers (default 64); a
 *     check beyond it waits (at most until its line's next due time) before it starts
 * @param initialSpread the first check of a line (at start, or when a reload adds it) runs within
 *     {@code min(interval, initialSpread)} (default 5 s), at the line's phase fraction of that
 *     window; later checks run on the line's phase grid (see {@link LineScheduler})
 * @param shutdownGrace how long {@link LineScheduler#close()} lets running checks finish (default
 *     10 s); checks still running then are cancelled and reported with {@code SHUTDOWN}
 */
public record SchedulerConfig(
    int maxConcurrentChecks, Duration initialSpread, Duration shutdownGrace) {

  public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 64;
  public static final Duration DEFAULT_INITIAL_SPREAD = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public SchedulerConfig {
    if (maxConcurrentChecks < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentChecks must be >= 1, was " + maxConcurrentChecks);
    }
    Objects.requireNonNull(initialSpread, "initialSpread");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (initialSpread.isNegative()) {
      throw new IllegalArgumentException(
          "initialSpread must not be negative, was " + initialSpread);
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException(
          "shutdownGrace must not be negative, was " + shutdownGrace);
    }
  }

  /** 64 concurrent checks, first checks within 5 s, 10 s shutdown grace. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(
        DEFAULT_MAX_CONCURRENT_CHECKS, DEFAULT_INITIAL_SPREAD, DEFAULT_SHUTDOWN_GRACE);
  }

  public SchedulerConfig withMaxConcurrentChecks(int v) {
    return new SchedulerConfig(v, initialSpread, shutdownGrace);
  }

  public SchedulerConfig withInitialSpread(Duration v) {
    return new SchedulerConfig(maxConcurrentChecks, v, shutdownGrace);
  }

  public SchedulerConfig withShutdownGrace(Duration v) {
    return new SchedulerConfig(maxConcurrentChecks, initialSpread, v);
  }
}
