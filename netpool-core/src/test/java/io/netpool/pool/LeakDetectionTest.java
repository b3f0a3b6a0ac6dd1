package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeakDetectionTest extends PoolHarness {
  private static final Duration THRESHOLD = Duration.ofMillis(50);

  private void leakPool() {
    pool(base().leakDetectionThreshold(THRESHOLD));
  }

  /** Waits for several housekeeping ticks beyond {@code span} of the pool's coarse clock. */
  private void ticksPass(Duration span) {
    long t = clock();
    soon().until(() -> clock() - t > span.toNanos());
  }

  /** An event that surely comes after everything published so far (events are in order). */
  private void drainEvents() throws Exception {
    long before = listener.count("sessionReturned", "marker");
    pool.acquire(Device.of("marker", "10.9.9.9", "x"), SSH, SHORT).close();
    soon().until(() -> listener.count("sessionReturned", "marker") == before + 1);
  }

  @Test
  void leaseHeldPastTheThresholdIsReportedOnceWithTheAcquirersStack() throws Exception {
    leakPool();
    Lease<FakeDriver> leaked = pool.acquire(r1, SSH, SHORT);
    soon().until(() -> listener.count("leakSuspected", "r1") == 1);
    ticksPass(Duration.ofMillis(150)); // many more sweeps while still held
    drainEvents();
    assertThat(listener.count("leakSuspected", "r1")).isEqualTo(1);

    RecordingListener.Leak leak =
        (RecordingListener.Leak) listener.of("leakSuspected", "r1").get(0).detail();
    assertThat(leak.held()).isGreaterThan(THRESHOLD);
    assertThat(
            Arrays.stream(leak.acquiredAt().getStackTrace()).map(StackTraceElement::getMethodName))
        .contains("leaseHeldPastTheThresholdIsReportedOnceWithTheAcquirersStack");
    leaked.close();
  }

  @Test
  void leaseReturnedInTimeIsNotReported() throws Exception {
    leakPool();
    for (int i = 0; i < 5; i++) {
      pool.acquire(r1, SSH, SHORT).close();
    }
    ticksPass(THRESHOLD.multipliedBy(3));
    drainEvents();
    assertThat(listener.count("leakSuspected")).isZero();
    assertThat(listener.count("sessionReturned", "r1")).isEqualTo(5);
  }

  @Test
  void aNewLeaseOfTheSameSessionIsJudgedOnItsOwn() throws Exception {
    leakPool();
    Lease<FakeDriver> first = pool.acquire(r1, SSH, SHORT);
    soon().until(() -> listener.count("leakSuspected", "r1") == 1);
    first.close();
    Lease<FakeDriver> second = pool.acquire(r1, SSH, SHORT); // same session, new lease
    assertThat(second.driver()).isSameAs(factory.driversOf("r1").get(0));
    soon().until(() -> listener.count("leakSuspected", "r1") == 2);
    second.close();
  }
}
