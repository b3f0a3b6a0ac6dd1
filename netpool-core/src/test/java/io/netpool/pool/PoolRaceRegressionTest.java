package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deterministic reproductions of pool bugs found while writing the stress tests. Each test forces
 * one interleaving (with a hook in the fake driver, not with sleeps) and asserts the documented
 * behaviour.
 */
class PoolRaceRegressionTest {
  private final FakeFactory factory = new FakeFactory();
  private final Device r1 = Device.of("r1", "10.0.0.1", "cisco_iosxe");
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private DevicePool pool;

  private KeyedDevicePool pool(PoolConfig.Builder config) {
    pool = DevicePool.builder().config(config.build()).factory(factory).build();
    return (KeyedDevicePool) pool;
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Validate-on-borrow ({@code PoolConfig.validateAfterIdle}, on by default with 30 s): a session
   * that sat idle longer than that must be checked and then lent.
   *
   * <p>Bug: {@code KeyedDevicePool.validate} moves the claimed session ACQUIRED -> CHECKING, which
   * {@code ConnectionState} does not allow (ACQUIRED may only go to IDLE, REBUILDING, CLOSING), so
   * {@code PooledSession.moveTo} throws IllegalStateException out of {@code acquire}. The session
   * stays ACQUIRED with no lease: its device and global permits are lost until {@code close()}
   * force-closes it after the grace period.
   */
  @Test
  void sessionIdleLongerThanValidateAfterIdleIsValidatedThenLent() throws Exception {
    KeyedDevicePool impl =
        pool(
            PoolConfig.builder()
                .maxSessionsPerDevice(1)
                .validateAfterIdle(Duration.ofMillis(20))
                .healthCheckInterval(Duration.ZERO)
                .idleTimeout(Duration.ZERO)
                .maxLifetime(Duration.ZERO)
                .closeGracePeriod(Duration.ofMillis(200)) // the leaked lease is never returned
                .housekeepingInterval(Duration.ofMillis(10)));
    FakeDriver first;
    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5))) {
      first = lease.driver();
    }
    long returnedAt = impl.clock(); // the coarse clock the return was stamped with, or later
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> impl.clock() - returnedAt > TimeUnit.MILLISECONDS.toNanos(40));
    int checksBefore = factory.checkCalls.get();

    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5))) {
      assertThat(lease.driver()).as("the validated idle session").isSameAs(first);
    }

    assertThat(factory.checkCalls.get()).as("validation checks").isGreaterThan(checksBefore);
    PoolSnapshot.Counts counts = pool.snapshot().totals();
    assertThat(counts.inUse()).as("in use after the lease was closed").isZero();
    assertThat(counts.total()).isEqualTo(1);
  }

  /**
   * {@link DevicePool#evict} and a device redefinition promise: "lent ones close when returned;
   * later acquires get new sessions".
   *
   * <p>Bug: {@code KeyedDevicePool.giveBack} decides whether to retire the returned session ({@code
   * retirementOnReturn}: generation, lifetime, uses, {@code driver.isOpen()}) and only then calls
   * {@code DeviceSlot.offer}, whose {@code handOff} grants the session to the oldest waiter without
   * looking at the generation again. An eviction (or redefinition) that lands between the two steps
   * is missed: the old session is handed to a borrower that started waiting after {@code evict()}
   * returned (or that asked for the new definition), instead of being closed. The test parks the
   * returning thread inside {@code driver.isOpen()}, the last step of retirementOnReturn, to force
   * that interleaving. ({@code DeviceSlot.created} has the same gap between its generation check
   * and {@code offer}.)
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"evict", "redefine"})
  void sessionLentDuringEvictionIsNotLentAgain(String how) throws Exception {
    pool(PoolConfig.builder().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5));
    FakeDriver old = held.driver();

    CountDownLatch inReturn = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    old.onNextIsOpen.set(
        () -> {
          inReturn.countDown();
          try {
            proceed.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CompletableFuture<Void> returning = CompletableFuture.runAsync(held::close, executor);
    assertThat(inReturn.await(5, TimeUnit.SECONDS)).as("return reached isOpen()").isTrue();

    Device wanted = r1;
    if (how.equals("evict")) {
      pool.evict(r1);
    } else {
      wanted = r1.withPort(2222); // same id, other port: the old sessions must be replaced
    }
    CompletableFuture<Lease<FakeDriver>> later =
        pool.acquireAsync(wanted, Protocol.SSH, Duration.ofSeconds(5));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> pool.snapshot().totals().pending() == 1); // parked: device at its cap

    proceed.countDown();
    returning.get(5, TimeUnit.SECONDS);
    try (Lease<FakeDriver> lease = later.get(5, TimeUnit.SECONDS)) {
      assertThat(lease.driver())
          .as("session lent after %s: must be a new one, not the evicted one", how)
          .isNotSameAs(old);
      assertThat(lease.driver().device.port()).isEqualTo(wanted.port());
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> old.closeCalls.get() == 1);
  }
}
