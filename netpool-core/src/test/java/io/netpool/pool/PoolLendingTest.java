package io.netpool.pool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Who gets which session, and when: FIFO, races, strategies, validation, async, snapshots. */
class PoolLendingTest extends PoolHarness {

  @Test
  void waitersOnACappedDeviceAreServedInArrivalOrder() throws Exception {
    pool(base().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Future<?>> waiters = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int n = i;
      waiters.add(
          executor.submit(
              () -> {
                try (Lease<FakeDriver> l = pool.acquire(r1, SSH, Duration.ofSeconds(5))) {
                  order.add(n);
                }
                return null;
              }));
      soon().until(() -> counts(r1).pending() == n); // n-th waiter is queued before the next
    }
    held.close();
    for (Future<?> f : waiters) {
      f.get(5, SECONDS);
    }
    assertThat(order).containsExactly(1, 2, 3);
    assertThat(factory.createCalls).hasValue(1);
  }

  /**
   * A borrower on its own thread, parked in the device's queue once {@link #parked} is true; it
   * keeps the session it gets until {@link #done} counts down.
   */
  private final class QueuedBorrower {
    final CompletableFuture<Thread> thread = new CompletableFuture<>();
    final CompletableFuture<FakeDriver> driver = new CompletableFuture<>();
    final CountDownLatch done = new CountDownLatch(1);
    final long since = System.nanoTime();

    QueuedBorrower(Duration timeout) {
      executor.submit(
          () -> {
            thread.complete(Thread.currentThread());
            try (Lease<FakeDriver> l = pool.acquire(r1, SSH, timeout)) {
              driver.complete(l.driver());
              done.await();
            } catch (Exception e) {
              driver.completeExceptionally(e);
            }
            return null;
          });
    }

    boolean parked() {
      Thread t = thread.getNow(null);
      return t != null && counts(r1).pending() == 1 && t.getState() == Thread.State.TIMED_WAITING;
    }
  }

  @Test
  void withinTheBargingWindowAnArrivingBorrowerTakesTheReturnedSessionAndTheWaiterGetsItAfter()
      throws Exception {
    Duration window = Duration.ofSeconds(1);
    pool(base().maxSessionsPerDevice(1).bargingWindow(window));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    FakeDriver only = held.driver();
    QueuedBorrower waiter = new QueuedBorrower(Duration.ofSeconds(30));
    soon().until(waiter::parked);
    held.close();
    try (Lease<FakeDriver> barged = pool.acquire(r1, SSH, SHORT)) {
      assertThat(barged.driver()).isSameAs(only);
      assertThat(counts(r1).pending()).as("the waiter still waits").isEqualTo(1);
    }
    // Nobody barges any more: the waiter takes the idle session at its next dispatch, at the latest
    // when its window ends.
    assertThat(waiter.driver.get(10, SECONDS)).isSameAs(only);
    waiter.done.countDown();
    assertThat(factory.createCalls).hasValue(1);
  }

  @Test
  void aWaiterOlderThanTheBargingWindowIsHandedTheReturnedSession() throws Exception {
    Duration window = Duration.ofMillis(100);
    returnGoesToTheWaiter(window, 2 * window.toNanos());
  }

  @Test
  void withoutABargingWindowEveryReturnIsHandedToTheOldestWaiter() throws Exception {
    returnGoesToTheWaiter(Duration.ZERO, 0);
  }

  /**
   * With {@code window}, a borrower that waited {@code waitedNanos} gets the session returned then,
   * and a borrower arriving just after the return does not.
   */
  private void returnGoesToTheWaiter(Duration window, long waitedNanos) throws Exception {
    pool(base().maxSessionsPerDevice(1).bargingWindow(window));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    FakeDriver only = held.driver();
    QueuedBorrower waiter = new QueuedBorrower(Duration.ofSeconds(30));
    soon().until(() -> waiter.parked() && System.nanoTime() - waiter.since >= waitedNanos);
    held.close();
    assertThatThrownBy(() -> pool.acquire(r1, SSH, Duration.ofMillis(200)).close())
        .isInstanceOf(AcquireTimeoutException.class);
    assertThat(waiter.driver.get(10, SECONDS)).isSameAs(only);
    waiter.done.countDown();
  }

  @Test
  void completionRacingTimeoutNeverLosesTheSession() throws Exception {
    pool(base().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    int got = 0;
    int iterations = 300;
    for (int i = 0; i < iterations; i++) {
      CountDownLatch start = new CountDownLatch(1);
      Lease<FakeDriver> toReturn = held;
      Duration tiny = Duration.ofNanos((i % 20) * 50_000L); // 0 .. 0.95 ms
      Future<Boolean> borrower =
          executor.submit(
              () -> {
                start.await();
                try (Lease<FakeDriver> l = pool.acquire(r1, SSH, tiny)) {
                  l.driver().enter();
                  l.driver().exit();
                  return true;
                } catch (AcquireTimeoutException e) {
                  return false;
                }
              });
      Future<?> returner =
          executor.submit(
              () -> {
                start.await();
                toReturn.close();
                return null;
              });
      start.countDown();
      if (borrower.get(5, SECONDS)) {
        got++;
      }
      returner.get(5, SECONDS);
      // With cap 1, a session lost by the race would make this time out.
      held = pool.acquire(r1, SSH, SHORT);
    }
    held.close();
    PoolSnapshot.Counts c = counts(r1);
    assertThat(c.total()).isEqualTo(1);
    assertThat(c.idle()).isEqualTo(1);
    assertThat(c.inUse()).isZero();
    assertThat(c.pending()).isZero();
    assertThat(c.creating()).isZero();
    assertThat(factory.createCalls).hasValue(1);
    assertThat(got).isBetween(0, iterations);
  }

  // ---------------------------------------------------------------- strategies

  private List<FakeDriver> threeIdleSessions() throws Exception {
    Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> c = pool.acquire(r1, SSH, SHORT);
    List<FakeDriver> drivers = List.of(a.driver(), b.driver(), c.driver());
    a.close();
    c.close();
    b.close(); // b is the most recently returned
    return drivers;
  }

  @Test
  void mostRecentlyUsedLendsTheLastReturnedSession() throws Exception {
    pool(base().maxSessionsPerDevice(3));
    List<FakeDriver> d = threeIdleSessions();
    for (int i = 0; i < 3; i++) {
      try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
        assertThat(l.driver()).isSameAs(d.get(1));
      }
    }
    Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> other = pool.acquire(r1, SSH, SHORT);
    FakeDriver otherDriver = other.driver();
    other.close(); // now "other" is the last returned
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.driver()).isSameAs(otherDriver).isNotSameAs(d.get(1));
    }
    b.close();
    assertThat(factory.createCalls).hasValue(3);
  }

  @Test
  void roundRobinRotatesOverTheSessions() throws Exception {
    pool(base().maxSessionsPerDevice(3).selectionStrategy(SelectionStrategy.ROUND_ROBIN));
    List<FakeDriver> d = threeIdleSessions();
    List<FakeDriver> seq = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
        seq.add(l.driver());
      }
    }
    assertThat(seq.subList(0, 3)).containsExactlyInAnyOrderElementsOf(d);
    for (int i = 3; i < seq.size(); i++) {
      assertThat(seq.get(i)).as("pick %d repeats pick %d", i, i - 3).isSameAs(seq.get(i - 3));
    }
  }

  @Test
  void leastUsedLendsTheSessionWithFewestUses() throws Exception {
    pool(base().maxSessionsPerDevice(3).selectionStrategy(SelectionStrategy.LEAST_USED));
    threeIdleSessions();
    // Skew the counts: one session gets two extra uses.
    for (int i = 0; i < 2; i++) {
      Lease<FakeDriver> x = pool.acquire(r1, SSH, SHORT);
      Lease<FakeDriver> y = pool.acquire(r1, SSH, SHORT);
      y.close();
      x.close();
    }
    for (int i = 0; i < 9; i++) {
      long min =
          pool.snapshot().device("r1", SSH).orElseThrow().sessions().stream()
              .mapToLong(PoolSnapshot.SessionSnapshot::uses)
              .min()
              .orElseThrow();
      try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
        assertThat(((PooledLease<?>) l).session.uses).as("pick %d", i).isEqualTo(min);
      }
    }
    assertThat(factory.createCalls).hasValue(3);
  }

  // ---------------------------------------------------------------- broken sessions

  @Test
  void validateOnBorrowDiscardsAFailingSessionAndLendsAHealthyOne() throws Exception {
    pool(base().maxSessionsPerDevice(2).validateAfterIdle(Duration.ofMillis(30)));
    Lease<FakeDriver> la = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> lb = pool.acquire(r1, SSH, SHORT);
    FakeDriver a = la.driver();
    FakeDriver b = lb.driver();
    lb.close();
    la.close(); // a is the most recently used: offered first
    a.healthy = false;
    long returnedBy = clock();
    soon().until(() -> clock() - returnedBy > Duration.ofMillis(40).toNanos());
    int checksBefore = factory.checkCalls.get();

    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      // b (validated), or a's fresh successor if the rebuild was quicker and it was offered first
      assertThat(l.driver()).isNotSameAs(a);
      assertThat(l.driver().healthy).isTrue();
      assertThat(l.driver().isOpen()).isTrue();
      if (l.driver() == b) {
        assertThat(factory.checkCalls.get() - checksBefore).isEqualTo(2); // a failed, b passed
      }
    }
    assertThat(factory.checkCalls.get() - checksBefore).isBetween(1, 2); // a was checked
    soon().until(() -> a.closeCalls.get() == 1);
    soon().until(() -> listener.count("healthCheckFailed", "r1") == 1);
    assertThat(evictions(r1, 1)).containsExactly(EvictionReason.HEALTH);
  }

  @Test
  void validateOnBorrowSkipsRecentlyUsedSessions() throws Exception {
    pool(base().validateAfterIdle(Duration.ofSeconds(30)));
    for (int i = 0; i < 5; i++) {
      pool.acquire(r1, SSH, SHORT).close();
    }
    assertThat(factory.checkCalls).hasValue(0);
  }

  @Test
  void aDroppedDriverIsNeverLent() throws Exception {
    pool(base().maxSessionsPerDevice(2));
    Lease<FakeDriver> la = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> lb = pool.acquire(r1, SSH, SHORT);
    FakeDriver a = la.driver();
    lb.close();
    la.close(); // a would be picked first
    a.drop(); // the device dropped it while idle
    for (int i = 0; i < 10; i++) {
      try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
        assertThat(l.driver()).isNotSameAs(a);
        assertThat(l.driver().isOpen()).isTrue();
      }
    }
    soon().until(() -> a.closeCalls.get() == 1);

    // Dropped while lent: discarded on return.
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    FakeDriver c = l.driver();
    c.drop();
    l.close();
    for (int i = 0; i < 10; i++) {
      try (Lease<FakeDriver> again = pool.acquire(r1, SSH, SHORT)) {
        assertThat(again.driver()).isNotSameAs(c).isNotSameAs(a);
      }
    }
    soon().until(() -> c.closeCalls.get() == 1);
    assertThat(evictions(r1, 2))
        .containsExactly(EvictionReason.DISCONNECTED, EvictionReason.DISCONNECTED);
  }

  // ---------------------------------------------------------------- async

  @Test
  void acquireAsyncCompletesWithALease() throws Exception {
    pool(base());
    Lease<FakeDriver> first = pool.<FakeDriver>acquireAsync(r1, SSH, SHORT).get(5, SECONDS);
    assertThat(first.isOpen()).isTrue();
    FakeDriver d = first.driver();
    first.close();
    try (Lease<FakeDriver> again = pool.<FakeDriver>acquireAsync(r1, SSH).get(5, SECONDS)) {
      assertThat(again.driver()).isSameAs(d);
    }
  }

  @Test
  void acquireAsyncTimesOutWithAcquireTimeoutException() throws Exception {
    pool(base().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    CompletableFuture<Lease<FakeDriver>> f = pool.acquireAsync(r1, SSH, Duration.ofMillis(50));
    assertThatThrownBy(() -> f.get(5, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(AcquireTimeoutException.class);
    held.close();
    assertThat(counts(r1).pending()).isZero();
  }

  @Test
  void cancellingAcquireAsyncWhileTheSessionIsHandedOverNeverLosesIt() throws Exception {
    pool(base().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    int cancelled = 0;
    for (int i = 0; i < 200; i++) {
      CompletableFuture<Lease<FakeDriver>> f = pool.acquireAsync(r1, SSH, Duration.ofSeconds(5));
      soon().until(() -> counts(r1).pending() == 1);
      CountDownLatch start = new CountDownLatch(1);
      Lease<FakeDriver> toReturn = held;
      Future<?> returner =
          executor.submit(
              () -> {
                start.await();
                toReturn.close();
                return null;
              });
      Future<Boolean> canceller =
          executor.submit(
              () -> {
                start.await();
                return f.cancel(true);
              });
      start.countDown();
      returner.get(5, SECONDS);
      boolean cancelWon = canceller.get(5, SECONDS);
      if (cancelWon) {
        cancelled++;
        // The session must come back to the pool; with cap 1 a leak makes this time out.
        held = pool.acquire(r1, SSH, SHORT);
      } else {
        held = f.get(5, SECONDS);
      }
    }
    held.close();
    soon().until(() -> counts(r1).idle() == 1 && counts(r1).pending() == 0);
    assertThat(counts(r1).total()).isEqualTo(1);
    assertThat(factory.createCalls).hasValue(1);
    assertThat(cancelled).isBetween(0, 200);
  }

  @Test
  void cancellingAWaitingAcquireAsyncLeavesNoWaiterBehind() throws Exception {
    pool(base().maxSessionsPerDevice(1));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    CompletableFuture<Lease<FakeDriver>> f = pool.acquireAsync(r1, SSH, Duration.ofSeconds(5));
    soon().until(() -> counts(r1).pending() == 1);
    assertThat(f.cancel(true)).isTrue();
    soon().until(() -> counts(r1).pending() == 0);
    held.close();
    soon().until(() -> counts(r1).idle() == 1);
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.isOpen()).isTrue();
    }
  }

  // ---------------------------------------------------------------- snapshot

  @Test
  void snapshotCountsAtKnownMoments() throws Exception {
    pool(base().maxSessionsPerDevice(2));
    assertThat(pool.snapshot().totals()).isEqualTo(PoolSnapshot.Counts.ZERO);
    Lease<FakeDriver> first = pool.acquire(r1, SSH, SHORT);
    // A creation stops counting just after its session is handed over (see DeviceSlot.created).
    soon().until(() -> counts(r1).equals(new PoolSnapshot.Counts(1, 0, 1, 0, 0)));

    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch createGate = gate();
    factory.on("r1", FakeFactory.enterThenBlock(entered, createGate));
    CompletableFuture<Lease<FakeDriver>> second = pool.acquireAsync(r1, SSH, Duration.ofSeconds(5));
    assertThat(entered.await(5, SECONDS)).isTrue();
    soon().until(() -> counts(r1).pending() == 1);
    // total, idle, inUse, creating, pending
    assertThat(counts(r1)).isEqualTo(new PoolSnapshot.Counts(1, 0, 1, 1, 1));

    createGate.countDown();
    Lease<FakeDriver> l2 = second.get(5, SECONDS);
    soon().until(() -> counts(r1).equals(new PoolSnapshot.Counts(2, 0, 2, 0, 0)));
    first.close();
    assertThat(counts(r1)).isEqualTo(new PoolSnapshot.Counts(2, 1, 1, 0, 0));

    PoolSnapshot s = pool.snapshot();
    assertThat(s.totals()).isEqualTo(counts(r1));
    assertThat(s.byProtocol()).containsEntry(SSH, s.totals());
    assertThat(s.sessionsCreated()).isEqualTo(2);
    assertThat(s.sessionsClosed()).isZero();
    assertThat(s.closed()).isFalse();
    PoolSnapshot.DeviceSnapshot d = s.device("r1", SSH).orElseThrow();
    assertThat(d.cap()).isEqualTo(2);
    assertThat(d.circuit()).isEqualTo(PoolSnapshot.Circuit.CLOSED);
    assertThat(d.sessions())
        .extracting(PoolSnapshot.SessionSnapshot::state)
        .containsExactlyInAnyOrder(ConnectionState.IDLE, ConnectionState.ACQUIRED);
    l2.close();
    assertThat(counts(r1)).isEqualTo(new PoolSnapshot.Counts(2, 2, 0, 0, 0));
  }
}
