package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check from the seed post-mortem (a Go pool that deadlocked between its acquire path and its
 * async rebuild): 10 borrowers x 100 acquire/release rounds on one device with a cap of 2 must all
 * finish, with no deadlocked thread, no session ever lent to two borrowers at once, and the counts
 * balanced at the end.
 */
class SeedDeadlockCheckTest {
  private static final int THREADS = 10;
  private static final int ROUNDS = 100;
  private static final int CAP = 2;

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(strings = {"platform", "virtual"})
  void tenThreadsHundredRoundsOneDeviceCapTwo(String kind) {
    FakeFactory factory = new FakeFactory();
    Device r1 = Device.of("r1", "10.0.0.1", "cisco_iosxe");
    PoolConfig config =
        PoolConfig.builder()
            .maxSessionsPerDevice(CAP)
            .acquireTimeout(Duration.ofSeconds(20))
            .build();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger leases = new AtomicInteger();
    List<Long> deadlocked = new ArrayList<>();

    try (DevicePool pool = DevicePool.builder().config(config).factory(factory).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(THREADS);
            Thread.Builder builder =
                kind.equals("virtual")
                    ? Thread.ofVirtual().name("seed-borrower-", 0)
                    : Thread.ofPlatform().daemon().name("seed-borrower-", 0);
            for (int i = 0; i < THREADS; i++) {
              builder.start(
                  () -> {
                    try {
                      start.await();
                      for (int round = 0; round < ROUNDS; round++) {
                        try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH)) {
                          FakeDriver d = lease.driver();
                          d.enter();
                          try {
                            leases.incrementAndGet();
                            Thread.yield();
                          } finally {
                            d.exit();
                          }
                        }
                      }
                    } catch (Throwable t) {
                      errors.add(t);
                    } finally {
                      done.countDown();
                    }
                  });
            }
            start.countDown();
            // Sample for deadlocks while the borrowers run.
            while (!done.await(20, TimeUnit.MILLISECONDS)) {
              List<Long> now = PoolTestSupport.deadlockedThreads();
              if (!now.isEmpty()) {
                deadlocked.addAll(now);
                break;
              }
            }
            done.await();
          },
          "10 x 100 acquire/release on one device did not finish in 30 s (deadlock or lost wakeup)");

      assertThat(deadlocked).as("deadlocked thread ids").isEmpty();
      assertThat(PoolTestSupport.deadlockedThreads()).as("deadlocked thread ids at end").isEmpty();
      assertThat(errors).as("borrower failures (two holders, timeouts, ...)").isEmpty();
      assertThat(leases).hasValue(THREADS * ROUNDS);

      PoolSnapshot snap = pool.snapshot();
      PoolSnapshot.Counts totals = snap.totals();
      assertThat(totals.inUse()).as("in use after all leases closed").isZero();
      assertThat(totals.pending()).as("waiters left").isZero();
      assertThat(totals.total()).as("live sessions").isBetween(1, CAP);
      assertThat(snap.sessionsCreated() - snap.sessionsClosed())
          .as("sessionsCreated - sessionsClosed")
          .isEqualTo(totals.total());
      assertThat(factory.openDrivers()).as("drivers open in the factory").isEqualTo(totals.total());
      long uses =
          snap.devices().stream()
              .flatMap(d -> d.sessions().stream())
              .mapToLong(PoolSnapshot.SessionSnapshot::uses)
              .sum();
      // Sessions closed on the way (none expected with the defaults) would take their uses along.
      if (snap.sessionsClosed() == 0) {
        assertThat(uses).as("uses over all sessions").isEqualTo(THREADS * ROUNDS);
      }
    }
    assertThat(factory.openDrivers()).as("drivers open after close").isZero();
    assertThat(factory.unclosedDrivers()).as("drivers never closed").isEmpty();
  }
}
