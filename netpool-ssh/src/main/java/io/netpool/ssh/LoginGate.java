package io.netpool.ssh;

import io.netpool.pool.Device;
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
 *
 * <p><b>AAA groups.</b> A pool's gate built with {@link AaaGroupGates} lets a login of a device in
 * a group ({@link #enter(Device, long)}) pass the group's gate first, then its own, with the same
 * deadline. The order is fixed (group, then pool), so no two logins wait for each other's gates;
 * and a login waiting for its group holds no pool-wide permit, so a group at its cap never holds
 * back devices outside it. The group's permit is held until the login ends, and returned after the
 * pool's; when the pool's gate refuses, the group's permit goes back at once.
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
  private final String scope;
  private final AaaGroupGates groups;

  public LoginGate(LoginLimits limits) {
    this(limits, "", AaaGroupGates.none());
  }

  /** A pool's gate whose devices in an AAA group also pass that group's gate. */
  public LoginGate(LoginLimits limits, AaaGroupGates groups) {
    this(limits, "", groups);
  }

  /** A group's gate; {@code scope} starts its refusals ({@code "AAA group x: "}). */
  LoginGate(LoginLimits limits, String scope) {
    this(limits, scope, AaaGroupGates.none());
  }

  private LoginGate(LoginLimits limits, String scope, AaaGroupGates groups) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.permits = new Semaphore(limits.maxConcurrentLogins(), true);
    this.slots = new RateSlots(limits.intervalNanos(), System.nanoTime());
  }

  /** The AAA groups' gates that this gate's logins pass first. */
  public AaaGroupGates groups() {
    return groups;
  }

  /**
   * {@link #enter(String, long)} for {@code device}, through its AAA group's gate first when it has
   * one (class comment).
   */
  public Permit enter(Device device, long deadlineNanos) throws IOException {
    LoginGate group = groups.gateOf(device);
    if (group == null) {
      return enter(device.id(), deadlineNanos);
    }
    Permit inGroup = group.enter(device.id(), deadlineNanos);
    try {
      return enter(device.id(), deadlineNanos, inGroup);
    } catch (IOException | RuntimeException e) {
      inGroup.close();
      throw e;
    }
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
    return enter(deviceId, deadlineNanos, null);
  }

  /** {@code inner}: a group's permit, closed with the returned one (the caller's on failure). */
  private Permit enter(String deviceId, long deadlineNanos, Permit inner) throws IOException {
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
      Permit p = new Permit(start, inner);
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
            + scope
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
    private final long slot;
    private final Permit inner;

    private Permit(long slot, Permit inner) {
      this.slot = slot;
      this.inner = inner;
    }

    /** The start of the rate slot this login was given ({@link System#nanoTime()} scale). */
    long slot() {
      return slot;
    }

    /** The AAA group's permit held with this one, or null. */
    Permit groupPermit() {
      return inner;
    }

    /** Gives the permit back, then the group's; later calls do nothing. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
        permits.release();
        if (inner != null) {
          inner.close();
        }
      }
    }
  }
}
