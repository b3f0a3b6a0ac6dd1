package io.netpool.pool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Closing the pool, invalidation, eviction, definition changes and session retirement. */
class PoolLifecycleTest extends PoolHarness {

  // ---------------------------------------------------------------- close

  @Test
  void acquiresAfterCloseFailWithPoolClosed() throws Exception {
    pool(base());
    pool.acquire(r1, SSH, SHORT).close();
    pool.close();
    assertThatThrownBy(() -> pool.acquire(r1, SSH, SHORT)).isInstanceOf(PoolClosedException.class);
    assertThatThrownBy(() -> pool.acquire(r2, SSH, SHORT)).isInstanceOf(PoolClosedException.class);
    CompletableFuture<Lease<FakeDriver>> f = pool.acquireAsync(r1, SSH, SHORT);
    assertThatThrownBy(() -> f.get(5, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PoolClosedException.class);
    pool.close(); // again: no-op
    assertThat(pool.snapshot().closed()).isTrue();
    assertThat(factory.unclosedDrivers()).isEmpty();
  }

  @Test
  void closeFailsWaitersAtOnceAndWaitsForTheLeaseWithinTheGracePeriod() throws Exception {
    pool(base().maxSessionsPerDevice(1).closeGracePeriod(Duration.ofSeconds(10)));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    FakeDriver d = held.driver();
    Future<Throwable> waiter =
        executor.submit(
            () -> {
              try {
                pool.acquire(r1, SSH, Duration.ofSeconds(30)).close();
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    soon().until(() -> counts(r1).pending() == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close, executor);
    assertThat(waiter.get(5, SECONDS)).isInstanceOf(PoolClosedException.class);
    assertThat(closing).as("close waits for the lease").isNotDone();
    assertThat(d.closeCalls).hasValue(0);
    d.enter(); // still usable by its borrower during the grace period
    d.exit();

    held.close();
    closing.get(5, SECONDS);
    assertThat(d.closeCalls).hasValue(1);
    assertThat(pool.snapshot().totals().total()).isZero();
    assertThat(listener.of("acquireFailed", "r1"))
        .extracting(RecordingListener.Event::detail)
        .hasAtLeastOneElementOfType(PoolClosedException.class);
  }

  @Test
  void closeForceClosesLeasesAfterTheGracePeriodAndLateReturnIsHarmless() throws Exception {
    pool(base().closeGracePeriod(Duration.ofMillis(100)));
    Lease<FakeDriver> held = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> other = pool.acquire(r1, SSH, SHORT);
    FakeDriver d = held.driver();
    FakeDriver o = other.driver();
    long t0 = System.nanoTime();
    pool.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(d.closeCalls).hasValue(1);
    assertThat(o.closeCalls).hasValue(1);
    assertThat(listener.of("sessionEvicted", "r1"))
        .extracting(RecordingListener.Event::detail)
        .containsOnly(EvictionReason.POOL_CLOSED);

    held.close(); // late return
    other.invalidate(new IOException("late"));
    assertThat(held.isOpen()).isFalse();
    assertThatThrownBy(held::driver).isInstanceOf(IllegalStateException.class);
    assertThat(d.closeCalls).hasValue(1);
    assertThat(o.closeCalls).hasValue(1);
    assertThat(pool.snapshot().totals().total()).isZero();
    assertThat(factory.createCalls).hasValue(2);
  }

  // ---------------------------------------------------------------- invalidate, evict

  @Test
  void invalidateClosesTheDriverAndRebuildsInTheBackground() throws Exception {
    pool(base());
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    FakeDriver d = l.driver();
    l.invalidate(new IOException("garbled prompt"));
    assertThat(l.isOpen()).isFalse();
    assertThatThrownBy(l::driver).isInstanceOf(IllegalStateException.class);
    l.invalidate(new IOException("again")); // no-op
    l.close(); // no-op

    soon()
        .until(
            () ->
                d.closeCalls.get() == 1
                    && factory.driversOf("r1").size() == 2
                    && counts(r1).idle() == 1);
    soon().until(() -> listener.count("rebuildDone", "r1") == 1);
    assertThat(listener.of("rebuildDone", "r1").get(0).detail()).isEqualTo(true);
    assertThat(listener.count("rebuildQueued", "r1")).isEqualTo(1);
    assertThat(listener.of("sessionInvalidated", "r1").get(0).detail())
        .isInstanceOf(IOException.class)
        .extracting(t -> ((Throwable) t).getMessage())
        .isEqualTo("garbled prompt");
    try (Lease<FakeDriver> again = pool.acquire(r1, SSH, SHORT)) {
      assertThat(again.driver()).isNotSameAs(d).isSameAs(factory.driversOf("r1").get(1));
    }
    assertThat(factory.createCalls).hasValue(2);
    assertThat(d.closeCalls).hasValue(1);
  }

  @Test
  void evictClosesIdleSessionsNowAndLentOnesOnReturn() throws Exception {
    pool(base().maxSessionsPerDevice(2));
    Lease<FakeDriver> l1 = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> l2 = pool.acquire(r1, SSH, SHORT);
    FakeDriver idle = l1.driver();
    FakeDriver lent = l2.driver();
    l1.close();
    pool.acquire(r2, SSH, SHORT).close();

    pool.evict(r1);
    soon().until(() -> idle.closeCalls.get() == 1);
    assertThat(lent.closeCalls).hasValue(0);
    lent.enter(); // the borrower keeps working
    lent.exit();
    l2.close();
    soon().until(() -> lent.closeCalls.get() == 1);
    try (Lease<FakeDriver> fresh = pool.acquire(r1, SSH, SHORT)) {
      assertThat(fresh.driver()).isNotSameAs(idle).isNotSameAs(lent);
    }
    assertThat(evictions(r1, 2)).containsExactly(EvictionReason.MANUAL, EvictionReason.MANUAL);
    assertThat(factory.driversOf("r2").get(0).closeCalls).hasValue(0); // other device untouched
  }

  @Test
  void changedDeviceDefinitionReplacesSessions() throws Exception {
    pool(base().maxSessionsPerDevice(2));
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    FakeDriver old = l.driver();
    l.close();

    // Other port: new session, the old idle one is closed.
    Device moved = r1.withPort(2222);
    try (Lease<FakeDriver> l2 = pool.acquire(moved, SSH, SHORT)) {
      assertThat(l2.driver()).isNotSameAs(old);
      assertThat(l2.driver().device.port()).isEqualTo(2222);
      assertThat(l2.device().port()).isEqualTo(2222);
    }
    soon().until(() -> old.closeCalls.get() == 1);

    // Other credentials: replaced too; equal credentials (other instances) are not a change.
    Device one = moved.withCredentials(Credentials.password("admin", Secret.of("one")));
    FakeDriver withOne;
    try (Lease<FakeDriver> l3 = pool.acquire(one, SSH, SHORT)) {
      withOne = l3.driver();
      assertThat(withOne.device.credentials()).isEqualTo(one.credentials());
    }
    int creates = factory.createCalls.get();
    Device oneAgain = moved.withCredentials(Credentials.password("admin", Secret.of("one")));
    try (Lease<FakeDriver> l4 = pool.acquire(oneAgain, SSH, SHORT)) {
      assertThat(l4.driver()).isSameAs(withOne);
    }
    assertThat(factory.createCalls).hasValue(creates);

    // A session lent under the old definition is closed when it comes back.
    Lease<FakeDriver> lentOld = pool.acquire(oneAgain, SSH, SHORT);
    Device two = moved.withCredentials(Credentials.password("admin", Secret.of("two")));
    try (Lease<FakeDriver> l5 = pool.acquire(two, SSH, SHORT)) {
      assertThat(l5.driver()).isNotSameAs(withOne);
      assertThat(l5.driver().device.credentials().password().reveal()).isEqualTo("two");
    }
    assertThat(withOne.closeCalls).hasValue(0);
    lentOld.close();
    soon().until(() -> withOne.closeCalls.get() == 1);
    try (Lease<FakeDriver> l6 = pool.acquire(two, SSH, SHORT)) {
      assertThat(l6.driver().device.credentials().password().reveal()).isEqualTo("two");
    }
  }

  // ---------------------------------------------------------------- retirement

  @Test
  void idleTimeoutEvictsDownToMinIdle() throws Exception {
    pool(base().maxSessionsPerDevice(3).minIdlePerDevice(1).idleTimeout(Duration.ofMillis(50)));
    Lease<FakeDriver> a = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> b = pool.acquire(r1, SSH, SHORT);
    Lease<FakeDriver> c = pool.acquire(r1, SSH, SHORT);
    a.close();
    b.close();
    c.close();
    soon().until(() -> counts(r1).total() == 1 && listener.count("sessionEvicted", "r1") == 2);
    assertThat(listener.of("sessionEvicted", "r1"))
        .extracting(RecordingListener.Event::detail)
        .containsOnly(EvictionReason.IDLE);
    // Many more ticks, well past the idle timeout: min-idle keeps the last one, nothing churns.
    long t = clock();
    soon().until(() -> clock() - t > Duration.ofMillis(200).toNanos());
    assertThat(counts(r1).total()).isEqualTo(1);
    assertThat(counts(r1).idle()).isEqualTo(1);
    assertThat(factory.createCalls).hasValue(3);
  }

  @Test
  void minIdleIsToppedUpInTheBackgroundOnceTheDeviceWasUsed() throws Exception {
    pool(base().maxSessionsPerDevice(3).minIdlePerDevice(2));
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    assertThat(factory.createCalls).hasValue(1);
    soon().until(() -> counts(r1).equals(new PoolSnapshot.Counts(3, 2, 1, 0, 0)));
    long t = clock();
    soon().until(() -> clock() - t > Duration.ofMillis(50).toNanos());
    assertThat(factory.createCalls).hasValue(3); // never beyond the cap
    l.close();
    assertThat(counts(r1).idle()).isEqualTo(3);
    assertThat(pool.snapshot().device("r2", SSH)).isEmpty(); // unused devices get nothing
  }

  @Test
  void maxLifetimeReplacesAnIdleSession() throws Exception {
    pool(base().maxLifetime(Duration.ofMillis(100)));
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    FakeDriver d = l.driver();
    l.close();
    soon().until(() -> d.closeCalls.get() == 1);
    soon().until(() -> factory.driversOf("r1").size() >= 2);
    assertThat(evictions(r1, 1)).contains(EvictionReason.LIFETIME);
    try (Lease<FakeDriver> again = pool.acquire(r1, SSH, SHORT)) {
      assertThat(again.driver()).isNotSameAs(d);
    }
  }

  @Test
  void maxLifetimeNeverClosesALentSessionButReplacesItOnReturn() throws Exception {
    pool(base().maxLifetime(Duration.ofMillis(100)));
    Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT);
    FakeDriver d = l.driver();
    PooledSession s = ((PooledLease<?>) l).session;
    soon().until(() -> s.retireOnReturn == EvictionReason.LIFETIME);
    assertThat(d.closeCalls).hasValue(0);
    d.enter();
    d.exit();
    l.close();
    soon().until(() -> d.closeCalls.get() == 1);
    soon().until(() -> factory.driversOf("r1").size() >= 2);
    try (Lease<FakeDriver> again = pool.acquire(r1, SSH, SHORT)) {
      assertThat(again.driver()).isNotSameAs(d);
    }
  }

  @Test
  void maxUsesReplacesTheSessionAfterItsLastUse() throws Exception {
    pool(base().maxUses(2));
    FakeDriver first;
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      first = l.driver();
    }
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.driver()).isSameAs(first);
    }
    soon().until(() -> first.closeCalls.get() == 1);
    try (Lease<FakeDriver> l = pool.acquire(r1, SSH, SHORT)) {
      assertThat(l.driver()).isNotSameAs(first);
    }
    assertThat(evictions(r1, 1)).containsExactly(EvictionReason.MAX_USES);
  }
}
