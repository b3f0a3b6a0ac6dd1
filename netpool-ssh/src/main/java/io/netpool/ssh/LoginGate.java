package io.netpool.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The login budget of one pool, shared by its {@link CliFactory} and {@link ExecFactory}: a login
 * (TCP connect, key exchange, authentication, and for the CLI the prompt, enable and paging steps)
 * runs only while it holds one of {@link LoginLimits#maxConcurrentLogins()} permits, and starts no
 * earlier than its rate slot ({@link LoginLimits#loginsPerSecond()}, spaced evenly, no burst).
 *
 * <pre>{@code
 * try (LoginGate.Permit p = gate.enter(device.id(), deadlineNanos)) {
 *   ... connect and log in ...
 * }
 * }</pre>
 *
 * <p>Order: the concurrency permit first (a fair {@link Semaphore}, so logins pass in arrival
 * order), then the rate slot; so at most {@code maxConcurrentLogins} slots are ever reserved ahead,
 * and a slot is never reserved by a login that then waits for a permit. Both waits end at the
 * creation's deadline: a timed {@code tryAcquire}, then a timed park until the slot. A login that
 * cannot start by then throws {@link LoginThrottledException} and has reserved nothing (a slot
 * reserved by a login interrupted while parked stays used: the rate is never exceeded). The permit
 * goes back exactly once, when the {@link Permit} is closed. No lock, no sleep.
 */
public final class LoginGate {
  private final LoginLimits limits;
  private final Semaphore permits;
  private final RateSlots slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final LongAdder started = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  public LoginGate(LoginLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.permits = new Semaphore(limits.maxConcurrentLogins(), true);
    this.slots = new RateSlots(limits.intervalNanos(), System.nanoTime());
  }

  /**
   * Waits, at most until {@code deadlineNanos} ({@link System#nanoTime()} scale), until this login
   * may start.
   *
   * @param deviceId for the exception's message
   * @throws LoginThrottledException no permit or no rate slot by the deadline
   * @throws InterruptedIOException the thread was interrupted (the pool's creation timeout); the
   *     interrupt status is kept
   */
  public Permit enter(String deviceId, long deadlineNanos) throws IOException {
    waiting.incrementAndGet();
    boolean permit = false;
    try {
      permit = permits.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (!permit) {
        throw throttled(deviceId, limits.maxConcurrentLogins() + " logins in progress");
      }
      long start = slots.reserve(System.nanoTime(), deadlineNanos);
      if (start == Long.MIN_VALUE) {
        throw throttled(deviceId, "the rate of " + limits.loginsPerSecond() + " logins/s");
      }
      parkUntil(start);
      Permit p = new Permit();
      permit = false; // owned by p now
      started.increment();
      peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(deviceId);
    } finally {
      waiting.decrementAndGet();
      if (permit) {
        permits.release();
      }
    }
  }

  /** One timed park (repeated only after a spurious wake-up) until the slot's start. */
  private static void parkUntil(long start) throws InterruptedException {
    for (long left = start - System.nanoTime(); left > 0; left = start - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private LoginThrottledException throttled(String deviceId, String limit) {
    throttled.increment();
    return new LoginThrottledException(
        "login to device "
            + deviceId
            + " not started before the session creation deadline: limited by "
            + limit
            + " (logins in progress "
            + inFlight.get()
            + ", waiting "
            + waiting.get()
            + ")");
  }

  private static InterruptedIOException interrupted(String deviceId) {
    return new InterruptedIOException(
        "login to device " + deviceId + " interrupted while waiting for the login gate");
  }

  public LoginLimits limits() {
    return limits;
  }

  /** Logins in progress now (holding a permit). */
  public int inFlight() {
    return inFlight.get();
  }

  /** Logins waiting now for a permit or their rate slot. */
  public int waiting() {
    return waiting.get();
  }

  /** The most logins that were in progress at once. */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** Logins let through so far. */
  public long started() {
    return started.sum();
  }

  /** Logins that failed at the gate (deadline passed before a permit or a slot). */
  public long throttled() {
    return throttled.sum();
  }

  @Override
  public String toString() {
    return "LoginGate["
        + limits.maxConcurrentLogins()
        + " concurrent, "
        + limits.loginsPerSecond()
        + "/s; in flight "
        + inFlight.get()
        + ", waiting "
        + waiting.get()
        + "]";
  }

  /** A login's permit: close it when the login ended, successfully or not. */
  public final class Permit implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();

    private Permit() {}

    /** Gives the permit back; later calls do nothing. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
        permits.release();
      }
    }
  }
}
