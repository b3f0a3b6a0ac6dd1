package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Listeners can neither break nor stall the pool. */
class PoolEventsTest extends PoolHarness {

  private DevicePool poolWith(PoolConfig.Builder config, PoolListener first) {
    pool =
        DevicePool.builder()
            .config(config.build())
            .factory(factory)
            .listener(first)
            .listener(listener)
            .build();
    return pool;
  }

  @Test
  void aThrowingListenerDoesNotBreakThePoolAndLaterEventsStillArrive() throws Exception {
    AtomicInteger acquiredCalls = new AtomicInteger();
    PoolListener throwing =
        new PoolListener() {
          @Override
          public void sessionAcquired(Device device, Protocol protocol, Duration waited) {
            acquiredCalls.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void sessionCreated(Device device, Protocol protocol, Duration took) {
            throw new AssertionError("listener error");
          }
        };
    try (PoolTestSupport.LogCapture log = new PoolTestSupport.LogCapture()) {
      poolWith(base(), throwing);
      for (int i = 0; i < 5; i++) {
        try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
          l.driver().enter();
          l.driver().exit();
        }
      }
      soon().until(() -> listener.count("sessionReturned", "r1") == 5);
      assertThat(acquiredCalls).hasValue(5); // called again after each throw
      assertThat(listener.count("sessionAcquired", "r1")).isEqualTo(5);
      assertThat(listener.count("sessionCreated", "r1")).isEqualTo(1);
      assertThat(log.warningsContaining("threw")).isNotEmpty();
    }
    assertThat(factory.createCalls).hasValue(1);
  }

  @Test
  void aBlockedListenerNeverBlocksThePoolAndOverflowIsCounted() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = gate();
    PoolListener stuck =
        new PoolListener() {
          @Override
          public void sessionCreated(Device device, Protocol protocol, Duration took) {
            blocked.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    poolWith(base().eventQueueCapacity(16), stuck);
    pool.acquire(r1, SSH, SHORT).close();
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> traffic =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 200; i++) {
                try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
                  l.driver().enter();
                  l.driver().exit();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            executor);
    traffic.get(10, TimeUnit.SECONDS);
    assertThat(pool.snapshot().droppedEvents()).isGreaterThan(0);

    // Once the listener is unblocked, new events flow again (the first ones after the release
    // may still meet a full queue and be dropped, so keep producing until one arrives).
    release.countDown();
    soon()
        .until(
            () -> {
              pool.acquire(r2, SSH, SHORT).close();
              return listener.count("sessionReturned", "r2") > 0;
            });
  }
}
