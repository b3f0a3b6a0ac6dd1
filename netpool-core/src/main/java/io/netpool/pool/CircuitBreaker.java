package io.netpool.pool;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creation backoff and circuit of one device, lock-free. After each failed creation the next one
 * waits {@code initial * 2^(failures-1)}, capped. After {@code threshold} failures in a row the
 * circuit opens for the cool-down; then exactly one trial creation is let through (half-open): its
 * success closes the circuit, its failure opens it again.
 */
final class CircuitBreaker {
  enum Decision {
    ALLOW,
    /** Creation allowed as the single half-open trial; call {@link #abandonTrial} if unused. */
    ALLOW_TRIAL,
    BACKOFF,
    OPEN,
    /** Half-open with the trial in flight: wait for its outcome. */
    TRIAL_PENDING
  }

  private final long backoffInitial;
  private final long backoffMax;
  private final int threshold;
  private final long coolDown;

  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicBoolean trial = new AtomicBoolean();
  private volatile long nextAttemptAt;
  private volatile long openUntil;
  private volatile Throwable lastFailure;

  CircuitBreaker(PoolConfig config) {
    this.backoffInitial = config.backoffInitial().toNanos();
    this.backoffMax = config.backoffMax().toNanos();
    this.threshold = config.circuitBreakerThreshold();
    this.coolDown = config.circuitBreakerCoolDown().toNanos();
  }

  Decision decide(long now) {
    if (tripped()) {
      if (now - openUntil < 0) {
        return Decision.OPEN;
      }
      return trial.compareAndSet(false, true) ? Decision.ALLOW_TRIAL : Decision.TRIAL_PENDING;
    }
    // With no failure there is no backoff; comparing with nextAttemptAt's initial 0 would be
    // wrong, System.nanoTime() may be negative.
    if (failures.get() == 0) {
      return Decision.ALLOW;
    }
    return now - nextAttemptAt < 0 ? Decision.BACKOFF : Decision.ALLOW;
  }

  void abandonTrial() {
    trial.set(false);
  }

  /** True while acquires should fail fast. */
  boolean isOpen(long now) {
    return tripped() && now - openUntil < 0;
  }

  private boolean tripped() {
    return threshold > 0 && failures.get() >= threshold;
  }

  /** Forgets all failures: the device's definition changed, so its history no longer applies. */
  void reset() {
    onSuccess();
  }

  /** Records a success; returns true when this closed an open circuit. */
  boolean onSuccess() {
    boolean wasTripped = tripped();
    failures.set(0);
    nextAttemptAt = 0;
    lastFailure = null;
    trial.set(false);
    return wasTripped;
  }

  /** Records a failure; returns true when this opened (or re-opened) the circuit. */
  boolean onFailure(long now, Throwable cause) {
    lastFailure = cause;
    int n = failures.incrementAndGet();
    long delay = backoffInitial << Math.min(n - 1, 30);
    if (delay <= 0 || delay > backoffMax) {
      delay = backoffMax;
    }
    nextAttemptAt = now + delay;
    if (threshold > 0 && n >= threshold) {
      openUntil = now + coolDown;
      trial.set(false);
      return true;
    }
    return false;
  }

  /** Nanoseconds until the next creation may start, at least 0. */
  long waitNanos(long now) {
    if (failures.get() == 0) {
      return 0;
    }
    long until = tripped() ? openUntil : nextAttemptAt;
    return Math.max(0, until - now);
  }

  int failures() {
    return failures.get();
  }

  Throwable lastFailure() {
    return lastFailure;
  }

  PoolSnapshot.Circuit state(long now) {
    if (!tripped()) {
      return PoolSnapshot.Circuit.CLOSED;
    }
    return now - openUntil < 0 ? PoolSnapshot.Circuit.OPEN : PoolSnapshot.Circuit.HALF_OPEN;
  }
}
