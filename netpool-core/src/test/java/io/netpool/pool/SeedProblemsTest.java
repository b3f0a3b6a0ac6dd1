package io.netpool.pool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The five problems of the seed post-mortem (a Go pool that deadlocked), rebuilt deterministically
 * with latches in the fake factory and driver:
 *
 * <ol>
 *   <li>lock-order inversion between the acquire path and an async rebuild;
 *   <li>the rebuild (closing the old session, creating the new one) stalling Get/Release;
 *   <li>a lock taken in a goroutine with a timeout and leaked: here a hung health check, which the
 *       watchdog must time out without leaving anything behind;
 *   <li>create (network I/O) blocking the caller and other devices;
 *   <li>inconsistent lock order across paths: every I/O path stuck at once, all API calls from
 *       threads working in opposite device orders still complete.
 * </ol>
 */
class SeedProblemsTest extends PoolHarness {
  private final Device r3 = Device.of("r3", "10.0.0.3", "cisco_iosxe");

  // ---------------------------------------------------------------- 1: rebuild vs acquire

  @Test
  void problem1_rebuildStuckClosingABrokenSessionDoesNotBlockOtherSessionsOrDevices()
      throws Exception {
    pool(base().maxSessionsPerDevice(2).rebuildWorkers(1));
    Lease<FakeDriver> broken = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> other = pool.acquire(r1, SSH, SHORT);
    FakeDriver brokenDriver = broken.driver();
    FakeDriver otherDriver = other.driver();
    CountDownLatch closeGate = gate();
    brokenDriver.blockCloseUntil(closeGate);

    broken.invalidate(new IOException("stale output on the channel"));
    assertThat(brokenDriver.closeEntered.await(5, SECONDS))
        .as("the rebuild worker is inside the broken driver's close()")
        .isTrue();

    // The same device's other session keeps being returned and lent (1 s timeouts fail fast).
    for (int i = 0; i < 20; i++) {
      other.close();
      other = pool.acquire(r1, SSH, SHORT);
      assertThat(other.driver()).isSameAs(otherDriver);
    }
    // Another device is served; snapshot and evict do not block either.
    try (Lease<FakeDriver> l = pool.acquire(r2, SSH, SHORT)) {
      assertThat(l.driver().device.id()).isEqualTo("r2");
    }
    pool.evict(r2);
    PoolSnapshot.Counts c = counts(r1);
    assertThat(c.inUse()).isEqualTo(1);
    assertThat(c.total()).isEqualTo(2); // the broken one is still closing
    assertThat(listener.count("rebuildDone")).isZero();

    // A borrower beyond the cap waits; the successor comes once the close completes.
    CompletableFuture<Lease<FakeDriver>> waiting =
        pool.acquireAsync(r1, SSH, Duration.ofSeconds(5));
    within(Duration.ofSeconds(2)).until(() -> counts(r1).pending() == 1);
    closeGate.countDown();
    Lease<FakeDriver> successor = waiting.get(5, SECONDS);
    assertThat(successor.driver()).isNotSameAs(brokenDriver).isNotSameAs(otherDriver);
    within(Duration.ofSeconds(2)).until(() -> listener.count("rebuildDone", "r1") == 1);
    assertThat(brokenDriver.closeCalls).hasValue(1);
    successor.close();
    other.close();
  }

  /**
   * A device whose disconnect hangs must not stop the rebuilds of other devices: the broken session
   * holds its device permit until it is closed, so a stalled rebuild queue starves every device
   * that invalidates a session.
   */
  @Test
  void problem1_hungCloseOfOneDeviceDoesNotStallRebuildsOfAnotherDevice() throws Exception {
    pool(base().maxSessionsPerDevice(2).rebuildWorkers(2));
    CountDownLatch closeGate = gate();
    Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
    a.driver().blockCloseUntil(closeGate);
    b.driver().blockCloseUntil(closeGate);
    FakeDriver da = a.driver();
    FakeDriver db = b.driver();
    a.invalidate(new IOException("dead"));
    b.invalidate(new IOException("dead"));
    assertThat(da.closeEntered.await(5, SECONDS)).isTrue();
    assertThat(db.closeEntered.await(5, SECONDS)).isTrue();

    // r2 (cap 1) invalidates its only session: its successor must not depend on r1's hung I/O.
    Device r2cap1 = r2.withMaxSessions(1);
    Lease<FakeDriver> r2Lease = pool.acquire(r2cap1, SSH, SHORT);
    FakeDriver r2Driver = r2Lease.driver();
    r2Lease.invalidate(new IOException("stale"));
    try (Lease<FakeDriver> again = pool.acquire(r2cap1, SSH, SHORT)) {
      assertThat(again.driver()).isNotSameAs(r2Driver);
    }
    assertThat(r2Driver.closeCalls).hasValue(1);
  }

  // ---------------------------------------------------------------- 2: rebuild vs Get/Release

  @Test
  void problem2_manyConcurrentInvalidationsNeverStallOtherAcquires() throws Exception {
    // The r2 loop below publishes two listener events per cycle as fast as the pool lends: with the
    // default queue (8,192) a fast pool overflows it and rebuildQueued events are dropped (by
    // design:
    // publishing never blocks), which is not what this test is about. A queue that holds them all.
    pool(base().maxSessionsPerDevice(4).rebuildWorkers(2).eventQueueCapacity(1 << 20));
    int threads = 4;
    int rounds = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> storm = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      storm.add(
          executor.submit(
              () -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                  Lease<FakeDriver> l = pool.acquire(r1, SSH, Duration.ofSeconds(5));
                  l.invalidate(new IOException("command timed out"));
                }
                return null;
              }));
    }
    Future<Integer> served =
        executor.submit(
            () -> {
              start.await();
              int n = 0;
              while (n < 200 || storm.stream().anyMatch(f -> !f.isDone())) {
                try (Lease<FakeDriver> l = pool.acquire(r2, SSH, SHORT)) {
                  l.driver().enter();
                  l.driver().exit();
                }
                n++;
              }
              return n;
            });
    start.countDown();
    for (Future<?> f : storm) {
      f.get(20, SECONDS);
    }
    assertThat(served.get(20, SECONDS)).isGreaterThanOrEqualTo(200);
    int invalidated = threads * rounds;
    within(Duration.ofSeconds(5))
        .until(
            () ->
                factory.driversOf("r1").stream().filter(d -> d.closeCalls.get() == 1).count()
                    >= invalidated);
    assertThat(factory.closedMoreThanOnce()).isEmpty();
    assertThat(factory.driversOf("r2")).hasSize(1);
    assertThat(counts(r1).total()).isLessThanOrEqualTo(4);
    // listener events are delivered asynchronously (the pool's event bus): wait for the last ones
    assertThat(pool.snapshot().droppedEvents()).as("listener events dropped").isZero();
    within(Duration.ofSeconds(5)).until(() -> listener.count("rebuildQueued", "r1") >= invalidated);
    assertThat(listener.count("rebuildQueued", "r1")).isEqualTo(invalidated);
  }

  @Test
  void problem2_hungSuccessorCreationsDoNotBlockTheDevicesOtherSessionOrOtherDevices()
      throws Exception {
    pool(base().maxSessionsPerDevice(3));
    Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> keep = pool.acquire(r1, SSH, SHORT);
    FakeDriver keepDriver = keep.driver();
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch createGate = gate();
    factory.on("r1", FakeFactory.enterThenBlock(entered, createGate));

    // One after the other, so the two successor requests do not race (see
    // PoolCapacityTest.concurrentRebuildsEachRequestASuccessor for that race).
    a.invalidate(new IOException("broken"));
    within(Duration.ofSeconds(5)).until(() -> factory.inCreate.get() == 1);
    b.invalidate(new IOException("broken"));
    assertThat(entered.await(5, SECONDS)).as("both successors are being created").isTrue();

    for (int i = 0; i < 20; i++) {
      keep.close();
      keep = pool.acquire(r1, SSH, SHORT);
      assertThat(keep.driver()).isSameAs(keepDriver);
    }
    try (Lease<FakeDriver> l = pool.acquire(r2, SSH, SHORT)) {
      assertThat(l.driver().device.id()).isEqualTo("r2");
    }
    PoolSnapshot.Counts c = counts(r1);
    assertThat(c.creating()).isEqualTo(2);
    assertThat(c.inUse()).isEqualTo(1);

    // A borrower beyond the free sessions waits for the hung creations and times out on time.
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofMillis(100)))
        .isInstanceOf(AcquireTimeoutException.class)
        .extracting(e -> ((AcquireTimeoutException) e).reason())
        .isEqualTo(AcquireTimeoutException.Reason.CREATION_SLOW);

    createGate.countDown();
    within(Duration.ofSeconds(2)).until(() -> counts(r1).idle() == 2);
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.driver()).isNotSameAs(keepDriver);
    }
    keep.close();
  }

  // ---------------------------------------------------------------- 3: hung health check

  @Test
  void problem3_hungHealthCheckIsTimedOutByTheWatchdogAndLeavesNothingBehind() throws Exception {
    pool(
        base()
            .maxSessionsPerDevice(2)
            .healthCheckInterval(Duration.ofMillis(30))
            .healthCheckTimeout(Duration.ofMillis(600)));
    Lease<FakeDriver> la = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> lb = pool.acquire(r1, SSH, SHORT);
    FakeDriver a = la.driver();
    FakeDriver b = lb.driver();
    CountDownLatch checkEntered = new CountDownLatch(1);
    CountDownLatch checkGate = new CountDownLatch(1); // never opened: the check hangs for good
    AtomicBoolean first = new AtomicBoolean();
    AtomicReference<Thread> checkThread = new AtomicReference<>();
    AtomicInteger checkInterrupted = new AtomicInteger();
    factory.checkBehaviour =
        d -> {
          if (first.compareAndSet(false, true)) {
            checkThread.set(Thread.currentThread());
            checkEntered.countDown();
            try {
              checkGate.await();
            } catch (InterruptedException e) {
              checkInterrupted.incrementAndGet();
              throw e;
            }
          }
        };

    la.close(); // a is the only idle session: its health check is the one that hangs
    assertThat(checkEntered.await(5, SECONDS)).isTrue();

    // While a's check hangs, b is lent and returned; each acquire's timeout is below the check's.
    lb.close();
    for (int i = 0; i < 5; i++) {
      try (Lease<FakeDriver> l = pool.acquire(r1, SSH, Duration.ofMillis(300))) {
        assertThat(l.driver()).isSameAs(b);
      }
    }
    try (Lease<FakeDriver> l = pool.acquire(r2, SSH, Duration.ofMillis(300))) {
      assertThat(l.driver().device.id()).isEqualTo("r2");
    }

    // The watchdog gives up on the check: a is discarded and replaced.
    within(Duration.ofSeconds(5)).until(() -> listener.count("healthCheckFailed", "r1") == 1);
    assertThat(listener.of("healthCheckFailed", "r1").get(0).detail())
        .isInstanceOf(TimeoutException.class);
    within(Duration.ofSeconds(2)).until(() -> a.closeCalls.get() == 1);
    within(Duration.ofSeconds(2))
        .until(() -> factory.driversOf("r1").size() == 3 && counts(r1).total() == 2);
    assertThat(evictions(r1, 1)).contains(EvictionReason.HEALTH);
    assertThat(checkThread.get().isAlive()).as("the check itself is still hung").isTrue();

    // Closing the pool ends the hung check; nothing is left running or open.
    pool.close();
    checkThread.get().join(Duration.ofSeconds(2));
    assertThat(checkThread.get().isAlive()).as("hung check thread after close").isFalse();
    assertThat(checkInterrupted).hasValue(1);
    assertThat(factory.unclosedDrivers()).isEmpty();
    assertThat(a.closeCalls).hasValue(1);
  }

  // ---------------------------------------------------------------- 4: hung create

  @Test
  void problem4_hungCreateForOneDeviceDelaysNobodyAndIsAbandonedAtCreateTimeout() throws Exception {
    Duration createTimeout = Duration.ofMillis(500);
    pool(base().createTimeout(createTimeout));
    Device devA = Device.of("A", "10.0.1.1", "cisco_iosxe");
    Device devB = Device.of("B", "10.0.1.2", "cisco_iosxe");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch createGate = gate();
    AtomicInteger interrupts = new AtomicInteger();
    factory.on("A", FakeFactory.enterThenBlockIgnoringInterrupts(entered, createGate, interrupts));

    CompletableFuture<Throwable> aResult =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                pool.acquire(devA, SSH, Duration.ofMillis(100)).close();
                return null;
              } catch (Throwable t) {
                return t;
              }
            },
            executor);
    assertThat(entered.await(5, SECONDS)).isTrue();

    // B is served while A's creation hangs.
    try (Lease<FakeDriver> lb = pool.acquire(devB, SSH, Duration.ofMillis(300))) {
      assertThat(lb.driver().device.id()).isEqualTo("B");
    }
    assertThat(factory.inCreate).hasValue(1);

    // A's borrower gives up at its own deadline and is told why.
    Throwable t = aResult.get(5, SECONDS);
    assertThat(t).isInstanceOf(AcquireTimeoutException.class);
    AcquireTimeoutException timeout = (AcquireTimeoutException) t;
    assertThat(timeout.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_SLOW);
    assertThat(timeout.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(100));

    // The pool abandons the attempt at createTimeout (and interrupts it).
    within(Duration.ofSeconds(3)).until(() -> listener.count("sessionCreateTimedOut", "A") == 1);
    assertThat(listener.of("sessionCreateTimedOut", "A").get(0).detail()).isEqualTo(createTimeout);
    assertThat(interrupts.get()).isGreaterThanOrEqualTo(1);
    // the event may be delivered before the abandoning thread has given the permit back
    within(Duration.ofSeconds(3)).until(() -> counts(devA).creating() == 0);
    assertThat(factory.inCreate).hasValue(1); // the device call itself still hangs

    // When the device finally answers, the late driver is closed, never pooled.
    createGate.countDown();
    within(Duration.ofSeconds(3))
        .until(
            () ->
                factory.driversOf("A").size() == 1
                    && factory.driversOf("A").get(0).closeCalls.get() == 1);
    PoolSnapshot.Counts a = counts(devA);
    assertThat(a.total()).isZero();
    assertThat(a.creating()).isZero();
    assertThat(pool.snapshot().sessionsCreated()).isEqualTo(1); // only B's
  }

  // ---------------------------------------------------------------- 5: lock order

  @Test
  void problem5_withCreateCheckAndCloseAllHungCallsInOppositeDeviceOrdersComplete()
      throws Exception {
    pool(
        base()
            .maxSessionsPerDevice(3)
            .rebuildWorkers(1)
            .healthCheckInterval(Duration.ofMillis(30))
            .healthCheckTimeout(Duration.ofSeconds(30)));
    CountDownLatch ioGate = gate();

    // r2: an idle session whose health check hangs; r2's other session stays usable.
    Lease<FakeDriver> r2a = pool.acquire(r2, SSH, SHORT);
    Lease<FakeDriver> r2b = pool.acquire(r2, SSH, SHORT);
    CountDownLatch checkEntered = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean();
    factory.checkBehaviour =
        d -> {
          if (d.id().equals("r2") && first.compareAndSet(false, true)) {
            checkEntered.countDown();
            ioGate.await();
          }
        };
    r2a.close();
    assertThat(checkEntered.await(5, SECONDS)).isTrue();
    r2b.close();

    // r1: a broken session whose close hangs in the (only) rebuild worker ...
    Lease<FakeDriver> r1a = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> r1b = pool.acquire(r1, SSH, SHORT);
    FakeDriver brokenDriver = r1a.driver();
    brokenDriver.blockCloseUntil(ioGate);
    r1a.invalidate(new IOException("broken"));
    assertThat(brokenDriver.closeEntered.await(5, SECONDS)).isTrue();
    r1b.close();
    // ... and a creation that hangs.
    CountDownLatch createEntered = new CountDownLatch(1);
    factory.on("r1", FakeFactory.enterThenBlock(createEntered, ioGate));
    Lease<FakeDriver> hold = pool.acquire(r1, SSH, SHORT); // r1b
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofMillis(50)))
        .isInstanceOf(AcquireTimeoutException.class);
    assertThat(createEntered.await(5, SECONDS)).isTrue();
    hold.close();

    // Two threads walk the devices in opposite orders through every non-blocking operation.
    CountDownLatch start = new CountDownLatch(1);
    Future<?> forward =
        executor.submit(
            () -> {
              start.await();
              for (int i = 0; i < 50; i++) {
                roundTrip(r1);
                roundTrip(r2);
                roundTrip(r3);
                pool.snapshot();
                pool.evict(r3);
              }
              return null;
            });
    Future<?> backward =
        executor.submit(
            () -> {
              start.await();
              for (int i = 0; i < 50; i++) {
                pool.evict(r3);
                roundTrip(r3);
                roundTrip(r2);
                roundTrip(r1);
                pool.snapshot();
              }
              return null;
            });
    start.countDown();
    forward.get(20, SECONDS);
    backward.get(20, SECONDS);
    assertThat(PoolTestSupport.deadlockedThreads()).isEmpty();
    assertThat(counts(r1).creating()).as("r1's creation still hangs").isEqualTo(1);

    ioGate.countDown();
    within(Duration.ofSeconds(3)).until(() -> counts(r1).creating() == 0);
    within(Duration.ofSeconds(3)).until(() -> listener.count("rebuildDone", "r1") == 1);
    pool.close();
    assertThat(factory.unclosedDrivers()).isEmpty();
    assertThat(factory.closedMoreThanOnce()).isEmpty();
  }

  private void roundTrip(Device d) throws InterruptedException {
    try (Lease<FakeDriver> l = pool.acquire(d, SSH, Duration.ofSeconds(2))) {
      assertThat(l.driver().device.id()).isEqualTo(d.id());
    }
  }
}
