package io.netpool.pool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Caps, timeout reasons, backoff and the circuit breaker. */
class PoolCapacityTest extends PoolHarness {

  private static AcquireTimeoutException timeoutOf(ThrowingAcquire call) {
    return catchThrowableOfType(AcquireTimeoutException.class, call::run);
  }

  interface ThrowingAcquire {
    void run() throws Exception;
  }

  // ---------------------------------------------------------------- per-device cap

  @Test
  void effectiveCapIsThePoolsCapLoweredByTheDevicesOwnAndIsWhatThePoolEnforces() throws Exception {
    pool(base().maxSessionsPerDevice(3));
    Device ownCapTwo = new Device("r3", "10.0.0.3", 22, "cisco_iosxe", 2, Map.of(), null);
    Device ownCapNine = new Device("r4", "10.0.0.4", 22, "cisco_iosxe", 9, Map.of(), null);
    assertThat(pool.effectiveCap(r1)).as("no own cap").isEqualTo(3);
    assertThat(pool.effectiveCap(ownCapNine)).as("own cap above the pool's").isEqualTo(3);
    assertThat(pool.effectiveCap(ownCapTwo)).as("own cap below the pool's").isEqualTo(2);
    assertThat(pool.snapshot().devices()).as("no session needed").isEmpty();
    assertThatThrownBy(() -> pool.effectiveCap(null)).isInstanceOf(NullPointerException.class);

    Lease<FakeDriver> a = pool.acquire(ownCapTwo, SSH, SHORT);
    Lease<FakeDriver> b = pool.acquire(ownCapTwo, SSH, SHORT);
    AcquireTimeoutException e =
        timeoutOf(() -> pool.acquire(ownCapTwo, SSH, Duration.ofMillis(50)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.DEVICE_AT_CAP);
    assertThat(pool.snapshot().device("r3", SSH).orElseThrow().cap())
        .as("the cap the snapshot reports")
        .isEqualTo(pool.effectiveCap(ownCapTwo));
    a.close();
    b.close();
  }

  // ---------------------------------------------------------------- global cap

  @Test
  void globalCapMakesRoomByClosingAnIdleSessionOfAnotherDevice() throws Exception {
    pool(base().maxSessionsTotal(2).maxSessionsPerDevice(2));
    Lease<FakeDriver> b1 = pool.acquire(r2, SSH, SHORT);
    Lease<FakeDriver> b2 = pool.acquire(r2, SSH, SHORT);
    b1.close();
    b2.close();
    assertThat(counts(r2).idle()).isEqualTo(2);

    try (Lease<FakeDriver> a = pool.acquire(r1, SSH, Duration.ofSeconds(2))) {
      assertThat(a.driver().device.id()).isEqualTo("r1");
    }
    soon().until(() -> listener.count("sessionEvicted", "r2") == 1);
    assertThat(listener.of("sessionEvicted", "r2").get(0).detail())
        .isEqualTo(EvictionReason.MAKE_ROOM);
    assertThat(counts(r2).total()).isEqualTo(1);
    assertThat(pool.snapshot().totals().total()).isLessThanOrEqualTo(2);
    assertThat(factory.openDrivers()).isLessThanOrEqualTo(2);
  }

  @Test
  void atTheGlobalCapABorrowerWhoseOwnSessionIsLentWaitsForItInsteadOfEvictingAnother()
      throws Exception {
    pool(base().maxSessionsTotal(2).maxSessionsPerDevice(2).makeRoomAfter(Duration.ofMinutes(1)));
    pool.acquire(r2, SSH, SHORT).close(); // r2: one idle session
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT); // the cap is reached
    FakeDriver heldDriver = held.driver();
    CompletableFuture<Lease<FakeDriver>> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pool.acquire(r1, SSH, Duration.ofSeconds(5));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    soon().until(() -> counts(r1).pending() == 1);
    held.close();
    try (Lease<FakeDriver> got = second.get(5, SECONDS)) {
      assertThat(got.driver()).as("the returned session, not a new one").isSameAs(heldDriver);
    }
    assertThat(listener.count("sessionEvicted", "r2")).isZero();
    assertThat(counts(r2).idle()).isEqualTo(1);
    assertThat(factory.createdOk.get()).isEqualTo(2);
  }

  @Test
  void atTheGlobalCapRoomIsMadeOnceTheOldestWaiterHasWaitedMakeRoomAfter() throws Exception {
    Duration after = Duration.ofMillis(200);
    pool(base().maxSessionsTotal(2).maxSessionsPerDevice(2).makeRoomAfter(after));
    pool.acquire(r2, SSH, SHORT).close();
    try (Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT)) {
      long start = System.nanoTime();
      try (Lease<FakeDriver> second = pool.acquire(r1, SSH, Duration.ofSeconds(5))) {
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(after);
        assertThat(second.driver()).isNotSameAs(held.driver());
      }
    }
    assertThat(listener.of("sessionEvicted", "r2"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo(EvictionReason.MAKE_ROOM));
  }

  @Test
  void timeoutReasonPoolAtCapWhenNoOtherDeviceHasAnIdleSession() throws Exception {
    pool(base().maxSessionsTotal(1));
    Lease<FakeDriver> b = pool.acquire(r2, SSH, SHORT);
    AcquireTimeoutException e = timeoutOf(() -> pool.acquire(r1, SSH, Duration.ofMillis(100)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.POOL_AT_CAP);
    assertThat(e.getCause()).isNull();
    assertThat(e.device().id()).isEqualTo("r1");
    assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    b.close(); // now idle: it can make room
    try (Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT)) {
      assertThat(a.driver().device.id()).isEqualTo("r1");
    }
  }

  @Test
  void timeoutReasonDeviceAtCapForPoolCapAndForTheDevicesOwnCap() throws Exception {
    pool(base().maxSessionsPerDevice(2));
    Device own1 = r1.withMaxSessions(1);
    Lease<FakeDriver> held = pool.acquire(own1, SSH, SHORT);
    AcquireTimeoutException e = timeoutOf(() -> pool.acquire(own1, SSH, Duration.ofMillis(50)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.DEVICE_AT_CAP);
    assertThat(e.getCause()).isNull();
    assertThat(pool.snapshot().device("r1", SSH).orElseThrow().cap()).isEqualTo(1);
    held.close();

    Lease<FakeDriver> x = pool.acquire(r2, SSH, SHORT);
    Lease<FakeDriver> y = pool.acquire(r2, SSH, SHORT);
    e = timeoutOf(() -> pool.acquire(r2, SSH, Duration.ofMillis(50)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.DEVICE_AT_CAP);
    x.close();
    y.close();
  }

  @Test
  void timeoutReasonCreationFailingCarriesTheLastFailure() {
    pool(base().circuitBreaker(0, SHORT));
    factory.on("r1", FakeFactory.failing("connection refused"));
    // Long enough for the first failure to be recorded even on a loaded machine; before it, the
    // reason would rightly be CREATION_SLOW.
    AcquireTimeoutException e = timeoutOf(() -> pool.acquire(r1, SSH, Duration.ofMillis(1500)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_FAILING);
    assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("connection refused");
    assertThat(e.getMessage()).contains("connection refused").contains("r1");
    assertThat(factory.createCalls.get()).isGreaterThanOrEqualTo(1);
  }

  // ---------------------------------------------------------------- backoff

  @Test
  void backoffDoublesPerFailureUpToItsCapAndResetsOnSuccess() {
    PoolConfig config =
        base()
            .backoff(Duration.ofMillis(100), Duration.ofMillis(250))
            .circuitBreaker(0, SHORT)
            .build();
    CircuitBreaker cb = new CircuitBreaker(config);
    long now = 1_000_000_000L;
    long ms = 1_000_000L;
    assertThat(cb.decide(now)).isEqualTo(CircuitBreaker.Decision.ALLOW);
    long[] expected = {100, 200, 250, 250};
    for (long wait : expected) {
      cb.onFailure(now, new IOException("x"));
      assertThat(cb.waitNanos(now)).isEqualTo(wait * ms);
      assertThat(cb.decide(now + wait * ms - 1)).isEqualTo(CircuitBreaker.Decision.BACKOFF);
      assertThat(cb.decide(now + wait * ms)).isEqualTo(CircuitBreaker.Decision.ALLOW);
    }
    assertThat(cb.failures()).isEqualTo(4);
    assertThat(cb.onSuccess()).isFalse(); // threshold 0: the circuit never opened
    assertThat(cb.failures()).isZero();
    assertThat(cb.waitNanos(now)).isZero();
    assertThat(cb.decide(now)).isEqualTo(CircuitBreaker.Decision.ALLOW);
  }

  /** System.nanoTime() may be negative (its origin is arbitrary): a fresh breaker must allow. */
  @Test
  void freshBreakerAllowsCreationAtAnyNanoTimeOrigin() {
    CircuitBreaker cb = new CircuitBreaker(base().build());
    long negativeNow = -5_000_000_000L;
    assertThat(cb.decide(negativeNow)).isEqualTo(CircuitBreaker.Decision.ALLOW);
    assertThat(cb.waitNanos(negativeNow)).isZero();
  }

  @Test
  void failedCreationsAreRetriedOnlyAfterTheBackoff() {
    pool(base().backoff(Duration.ofMillis(100), Duration.ofMillis(200)).circuitBreaker(0, SHORT));
    List<Long> starts = new CopyOnWriteArrayList<>();
    factory.on(
        "r1",
        d -> {
          starts.add(System.nanoTime());
          throw new IOException("refused");
        });
    AcquireTimeoutException e = timeoutOf(() -> pool.acquire(r1, SSH, Duration.ofMillis(700)));
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_FAILING);
    List<Long> s = new ArrayList<>(starts);
    assertThat(s).hasSizeBetween(2, 5); // 0, 100, 300, 500 ms (+ one at 700 on a fast box)
    assertThat(s.get(1) - s.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    for (int i = 2; i < s.size(); i++) {
      assertThat(s.get(i) - s.get(i - 1))
          .as("gap %d", i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }
  }

  // ---------------------------------------------------------------- successors

  /**
   * Every rebuilt session gets a successor ("rebuild worker closes it, then creates a successor"),
   * also when two rebuild workers request successors for the same device at once. Nothing else
   * creates sessions here (no waiters, no min-idle), so a lost request leaves the device one
   * session short for good.
   */
  @Test
  void concurrentRebuildsEachRequestASuccessor() throws Exception {
    pool(base().maxSessionsPerDevice(2).rebuildWorkers(2));
    for (int i = 0; i < 500; i++) {
      Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT);
      Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<Void> ia =
          CompletableFuture.runAsync(
              () -> {
                awaitQuietly(start);
                a.invalidate(new IOException("broken"));
              },
              executor);
      CompletableFuture<Void> ib =
          CompletableFuture.runAsync(
              () -> {
                awaitQuietly(start);
                b.invalidate(new IOException("broken"));
              },
              executor);
      start.countDown();
      ia.get(5, SECONDS);
      ib.get(5, SECONDS);
      int round = i;
      within(Duration.ofSeconds(2))
          .alias("round " + round + ": two successors idle")
          .until(() -> counts(r1).idle() == 2 && counts(r1).total() == 2);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- circuit breaker

  @Test
  void circuitOpensAfterThresholdFailsFastThenOneTrialClosesIt() throws Exception {
    pool(base().circuitBreaker(3, Duration.ofMillis(300)));
    factory.on("r1", FakeFactory.failing("unreachable"));

    // The waiter is failed when the circuit opens, long before its 5 s deadline.
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofSeconds(5)))
        .isInstanceOf(DeviceUnavailableException.class);
    assertThat(factory.createCalls).hasValue(3);
    soon().until(() -> listener.count("circuitOpened", "r1") == 1);
    assertThat(listener.of("circuitOpened", "r1").get(0).detail()).isEqualTo(3);

    // While open: fail fast, no creation.
    long t0 = System.nanoTime();
    DeviceUnavailableException e =
        catchThrowableOfType(
            DeviceUnavailableException.class, () -> pool.acquire(r1, SSH, Duration.ofSeconds(5)));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(e.consecutiveFailures()).isEqualTo(3);
    assertThat(e.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
    assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("unreachable");
    assertThat(factory.createCalls).hasValue(3);
    PoolSnapshot.DeviceSnapshot d = pool.snapshot().device("r1", SSH).orElseThrow();
    assertThat(d.circuit()).isEqualTo(PoolSnapshot.Circuit.OPEN);
    assertThat(d.consecutiveFailures()).isEqualTo(3);
    assertThat(d.lastFailure()).contains("unreachable");
    // Other devices are not affected.
    pool.acquire(r2, SSH, SHORT).close();

    // After the cool-down one trial goes through; its success closes the circuit.
    factory.healthy("r1");
    soon()
        .until(
            () ->
                pool.snapshot().device("r1", SSH).orElseThrow().circuit()
                    == PoolSnapshot.Circuit.HALF_OPEN);
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.driver().device.id()).isEqualTo("r1");
    }
    assertThat(factory.driversOf("r1")).hasSize(1);
    assertThat(factory.createCalls).hasValue(4 + 1); // r1: 3 failures + 1 trial; r2: 1
    soon().until(() -> listener.count("circuitClosed", "r1") == 1);
    d = pool.snapshot().device("r1", SSH).orElseThrow();
    assertThat(d.circuit()).isEqualTo(PoolSnapshot.Circuit.CLOSED);
    assertThat(d.consecutiveFailures()).isZero();
  }

  @Test
  void aFailedTrialReopensTheCircuit() throws Exception {
    pool(base().circuitBreaker(2, Duration.ofMillis(150)));
    factory.on("r1", FakeFactory.failing("unreachable"));
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofSeconds(5)))
        .isInstanceOf(DeviceUnavailableException.class);
    soon()
        .until(
            () ->
                pool.snapshot().device("r1", SSH).orElseThrow().circuit()
                    == PoolSnapshot.Circuit.HALF_OPEN);
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofSeconds(5)))
        .isInstanceOf(DeviceUnavailableException.class);
    assertThat(factory.createCalls).hasValue(3); // exactly one trial
    soon().until(() -> listener.count("circuitOpened", "r1") == 2);
    assertThat(pool.snapshot().device("r1", SSH).orElseThrow().circuit())
        .isEqualTo(PoolSnapshot.Circuit.OPEN);
  }

  /**
   * Borrowers that queue while the half-open trial is in flight must get sessions of their own once
   * the trial succeeded (the device is healthy and below its cap), not only sessions that other
   * borrowers return.
   */
  @Test
  void waitersQueuedDuringTheHalfOpenTrialAreAllServedAfterItSucceeds() throws Exception {
    pool(base().maxSessionsPerDevice(3).circuitBreaker(1, Duration.ofMillis(100)));
    factory.on("r1", FakeFactory.failing("down"));
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofSeconds(5)))
        .isInstanceOf(DeviceUnavailableException.class);
    soon()
        .until(
            () ->
                pool.snapshot().device("r1", SSH).orElseThrow().circuit()
                    == PoolSnapshot.Circuit.HALF_OPEN);

    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch trialGate = gate();
    factory.on("r1", FakeFactory.enterThenBlock(entered, trialGate));
    List<CompletableFuture<Lease<FakeDriver>>> waiters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiters.add(pool.acquireAsync(r1, SSH, Duration.ofMillis(1500)));
    }
    assertThat(entered.await(5, SECONDS)).isTrue();
    soon().until(() -> counts(r1).pending() == 3);
    assertThat(factory.createCalls).hasValue(2); // one failure, one trial: no others meanwhile

    trialGate.countDown();
    List<Lease<FakeDriver>> leases = new ArrayList<>();
    try {
      for (CompletableFuture<Lease<FakeDriver>> w : waiters) {
        leases.add(w.get(5, SECONDS)); // none is returned meanwhile
      }
    } finally {
      leases.forEach(Lease::close);
    }
    assertThat(leases).hasSize(3);
    soon().until(() -> listener.count("circuitClosed", "r1") == 1);
  }
}
