package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * Records {@code jdk.VirtualThreadPinned} while virtual threads contend for sessions (borrowers
 * parked in the pool's FIFO, slow creations parked on the pool's worker virtual threads) and
 * asserts that no pinned park has pool code on its stack.
 *
 * <p>Note: since JDK 24 (JEP 491) a virtual thread that blocks inside {@code synchronized} no
 * longer pins its carrier, so on the build JDK (25) this test only catches the remaining causes
 * (native frames, class initializers); on JDK 21 it also catches monitors held across a park. The
 * positive control (a park inside a class initializer, which pins on every JDK) shows that the
 * recording does see pinning.
 */
class VirtualThreadPinningTest {

  /** Parks while being initialized: a virtual thread doing this pins its carrier on any JDK. */
  static final class PinsInClassInit {
    static final boolean READY;

    static {
      try {
        new CountDownLatch(1).await(30, TimeUnit.MILLISECONDS); // blocked class init = pinned
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      READY = true;
    }

    private PinsInClassInit() {}
  }

  @Test
  void contendedAcquireReleaseOnVirtualThreadsNeverPinsInPoolCode() throws Exception {
    List<RecordedEvent> pinned = new CopyOnWriteArrayList<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger leases = new AtomicInteger();
    FakeFactory factory = new FakeFactory();
    factory.on(
        "slow",
        d ->
            new CountDownLatch(1)
                .await(ThreadLocalRandom.current().nextInt(1, 5), TimeUnit.MILLISECONDS));
    Device fast = Device.of("fast", "10.0.0.1", "cisco_iosxe");
    Device slow = new Device("slow", "10.0.0.2", 22, "cisco_iosxe", 1, null, null);

    try (RecordingStream rs = new RecordingStream()) {
      rs.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      rs.onEvent("jdk.VirtualThreadPinned", pinned::add);
      rs.startAsync();

      // Positive control: the recording must see this one.
      Thread.ofVirtual().start(() -> assertThat(PinsInClassInit.READY).isTrue()).join();

      PoolConfig config =
          PoolConfig.builder()
              .maxSessionsPerDevice(2)
              .acquireTimeout(Duration.ofSeconds(20))
              .maxUses(5) // sessions get rebuilt on return: closes and creations on workers
              .housekeepingInterval(Duration.ofMillis(10))
              .build();
      try (DevicePool pool = DevicePool.builder().config(config).factory(factory).build()) {
        int threads = 50;
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
          Device d = i % 2 == 0 ? fast : slow;
          Thread.ofVirtual()
              .name("pin-borrower-" + i)
              .start(
                  () -> {
                    try {
                      for (int round = 0; round < 40; round++) {
                        try (Lease<FakeDriver> lease = pool.acquire(d, Protocol.SSH)) {
                          lease.driver().enter();
                          leases.incrementAndGet();
                          lease.driver().exit();
                        }
                      }
                    } catch (Throwable t) {
                      errors.add(t);
                    } finally {
                      done.countDown();
                    }
                  });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("borrowers finished").isTrue();
      }
      rs.stop(); // waits until every recorded event was consumed
    }

    assertThat(errors).isEmpty();
    assertThat(leases).hasValue(50 * 40);
    assertThat(pinned.stream().filter(e -> stackMentions(e, "PinsInClassInit")))
        .as("positive control: a park inside a class initializer is recorded as pinned")
        .isNotEmpty();
    List<String> inPool =
        pinned.stream()
            .filter(e -> !stackMentions(e, "PinsInClassInit"))
            .filter(e -> stackMentions(e, "io.netpool.pool."))
            .map(RecordedEvent::toString)
            .toList();
    assertThat(inPool).as("pinned parks with pool code on the stack").isEmpty();
  }

  private static boolean stackMentions(RecordedEvent e, String part) {
    if (e.getStackTrace() == null) {
      return false;
    }
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      if (f.getMethod() != null && f.getMethod().getType().getName().contains(part)) {
        return true;
      }
    }
    return false;
  }
}
