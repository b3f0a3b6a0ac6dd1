package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The login gate with real time: its invariants, not its timing. */
class LoginGateTest {
  private static final long LONG = TimeUnit.SECONDS.toNanos(30);

  private static long in(long nanos) {
    return System.nanoTime() + nanos;
  }

  @Test
  void neverMoreThanTheCapInProgressAndTheCapIsReached() throws Exception {
    LoginGate gate = new LoginGate(new LoginLimits(4, 1_000_000));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    CountDownLatch fourInside = new CountDownLatch(4);
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        fs.add(
            ex.submit(
                () -> {
                  try (LoginGate.Permit p = gate.enter("r", in(LONG))) {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    fourInside.countDown();
                    // the first four stay until all four are in: the cap must be reachable
                    fourInside.await(30, TimeUnit.SECONDS);
                    inside.decrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(maxInside.get()).isEqualTo(4);
    assertThat(gate.peakInFlight()).isEqualTo(4);
    assertThat(gate.started()).isEqualTo(64);
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.waiting()).isZero();
    assertThat(gate.throttled()).isZero();
  }

  @Test
  void loginsStartNoFasterThanTheRate() throws Exception {
    double perSecond = 50; // 20 ms apart
    LoginGate gate = new LoginGate(new LoginLimits(8, perSecond));
    int n = 30;
    long t0 = System.nanoTime();
    List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fs.add(
            ex.submit(
                () -> {
                  try (LoginGate.Permit p = gate.enter("r", in(LONG))) {
                    starts.add(System.nanoTime());
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    long last = starts.stream().mapToLong(Long::longValue).max().orElseThrow();
    // slot k starts at >= t0 + k/rate, and a login starts no earlier than its slot
    assertThat(last - t0).isGreaterThanOrEqualTo((long) ((n - 1) * 1e9 / perSecond));
    assertThat(gate.started()).isEqualTo(n);
  }

  @Test
  void noPermitByTheDeadlineFailsWithoutTakingOne() throws Exception {
    LoginGate gate = new LoginGate(new LoginLimits(1, 1_000_000));
    LoginGate.Permit held = gate.enter("a", in(LONG));
    assertThatThrownBy(() -> gate.enter("b", in(TimeUnit.MILLISECONDS.toNanos(50))))
        .isInstanceOf(LoginThrottledException.class)
        .hasMessageContaining("device b")
        .hasMessageContaining("1 logins in progress");
    assertThat(gate.throttled()).isEqualTo(1);
    assertThat(gate.waiting()).isZero();
    held.close();
    held.close(); // a second close gives nothing back
    try (LoginGate.Permit p = gate.enter("c", in(LONG))) {
      assertThat(gate.inFlight()).isEqualTo(1);
      assertThatThrownBy(() -> gate.enter("d", System.nanoTime()))
          .isInstanceOf(LoginThrottledException.class);
    }
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void noRateSlotByTheDeadlineFailsAndLeavesTheSlotToTheNext() throws Exception {
    LoginGate gate = new LoginGate(new LoginLimits(4, 5)); // 200 ms apart
    long t0 = System.nanoTime();
    gate.enter("a", in(LONG)).close();
    assertThatThrownBy(() -> gate.enter("b", in(TimeUnit.MILLISECONDS.toNanos(20))))
        .isInstanceOf(LoginThrottledException.class)
        .hasMessageContaining("logins/s");
    try (LoginGate.Permit p = gate.enter("c", in(LONG))) {
      long took = System.nanoTime() - t0;
      // c got the second slot (200 ms after a), not a third one: b reserved nothing
      assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
      assertThat(took).isLessThan(TimeUnit.MILLISECONDS.toNanos(400) + slack());
    }
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void anInterruptWhileWaitingForTheSlotGivesThePermitBack() throws Exception {
    LoginGate gate = new LoginGate(new LoginLimits(1, 0.1)); // 10 s apart
    gate.enter("a", in(LONG)).close();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    gate.enter("b", in(LONG)).close();
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);
    t.interrupt();
    t.join(Duration.ofSeconds(10));
    assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(gate.waiting()).isZero();
    assertThat(gate.inFlight()).isZero();
    // the permit is back: a login whose slot fits its deadline would get it
    assertThatThrownBy(() -> gate.enter("c", in(TimeUnit.MILLISECONDS.toNanos(10))))
        .isInstanceOf(LoginThrottledException.class)
        .hasMessageContaining("logins/s"); // refused by the rate, not by the permit
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new LoginLimits(0, 1)).hasMessageContaining("maxConcurrentLogins");
    assertThatThrownBy(() -> new LoginLimits(1, 0)).hasMessageContaining("loginsPerSecond");
    assertThatThrownBy(() -> new LoginLimits(1, Double.NaN))
        .hasMessageContaining("loginsPerSecond");
    assertThat(LoginLimits.defaults()).isEqualTo(new LoginLimits(16, 10));
  }

  /** Scheduling delay tolerated on a loaded machine. */
  private static long slack() {
    return TimeUnit.SECONDS.toNanos(2);
  }
}
