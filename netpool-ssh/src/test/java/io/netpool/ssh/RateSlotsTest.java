package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate slots on a fake clock: spacing, no burst after idle time, deadlines. */
class RateSlotsTest {
  private static final long I = 100; // interval, fake nanoseconds

  @Test
  void slotsAreSpacedByTheIntervalAndNeverStartBeforeNow() {
    RateSlots slots = new RateSlots(I, 0);
    assertThat(slots.reserve(0, 1_000)).isEqualTo(0);
    assertThat(slots.reserve(10, 1_000)).isEqualTo(100);
    assertThat(slots.reserve(10, 1_000)).isEqualTo(200);
    // idle for a long time: the next slot starts now, and no slots were banked meanwhile
    assertThat(slots.reserve(5_000, 10_000)).isEqualTo(5_000);
    assertThat(slots.reserve(5_000, 10_000)).isEqualTo(5_100);
  }

  @Test
  void aSlotAfterTheDeadlineIsRefusedAndReservesNothing() {
    RateSlots slots = new RateSlots(I, 0);
    assertThat(slots.reserve(0, 0)).isEqualTo(0);
    assertThat(slots.reserve(0, 99)).isEqualTo(Long.MIN_VALUE);
    assertThat(slots.reserve(0, 99)).isEqualTo(Long.MIN_VALUE);
    assertThat(slots.reserve(0, 100)).isEqualTo(100);
  }

  @Test
  void concurrentReservationsNeverExceedTheRateInAnyWindow() throws Exception {
    RateSlots slots = new RateSlots(I, 0);
    AtomicLong clock = new AtomicLong();
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      ts.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Random r = new Random(seed);
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < 5_000; i++) {
                      long now = clock.addAndGet(r.nextInt(40)); // time moves on, unevenly
                      long deadline = now + r.nextInt(3_000);
                      long s = slots.reserve(now, deadline);
                      if (s != Long.MIN_VALUE) {
                        assertThat(s).isBetween(now, deadline);
                        starts.add(s);
                      }
                    }
                  }));
    }
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    List<Long> sorted = new ArrayList<>(starts);
    Collections.sort(sorted);
    assertThat(sorted).hasSizeGreaterThan(100);
    // any window of k intervals holds at most k + 1 starts <=> consecutive starts >= I apart
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - 1)).isGreaterThanOrEqualTo(I);
    }
  }
}
