package io.netpool.ssh;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Start times for logins, {@code interval} apart: the next free slot is one {@code nanoTime} value
 * moved forward by compare-and-set (Guava's SmoothRateLimiter idea without stored permits, so there
 * is no burst: any window of length {@code w} holds at most {@code floor(w / interval) + 1}
 * starts). Pure arithmetic on the times given; no clock, no waiting.
 */
final class RateSlots {
  private final long interval;

  /** The earliest time the next slot may start. */
  private final AtomicLong next;

  RateSlots(long intervalNanos, long now) {
    if (intervalNanos < 1) {
      throw new IllegalArgumentException("interval must be >= 1 ns");
    }
    this.interval = intervalNanos;
    this.next = new AtomicLong(now);
  }

  /**
   * Reserves the earliest free slot at or after {@code now} if it starts by {@code deadline}.
   *
   * @return the slot's start time, or {@link Long#MIN_VALUE} when none starts by the deadline (then
   *     nothing is reserved)
   */
  long reserve(long now, long deadline) {
    for (; ; ) {
      long n = next.get();
      // An idle limiter does not bank slots: a slot never starts before now (no burst).
      long start = n - now < 0 ? now : n;
      if (start - deadline > 0) {
        return Long.MIN_VALUE;
      }
      if (next.compareAndSet(n, start + interval)) {
        return start;
      }
    }
  }

  long intervalNanos() {
    return interval;
  }
}
