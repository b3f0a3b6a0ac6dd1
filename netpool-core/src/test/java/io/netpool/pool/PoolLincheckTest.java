package io.netpool.pool;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of try-acquire, release and invalidate on one device with cap 2, against
 * a sequential model of two interchangeable sessions: for each random scenario Lincheck's model
 * checker runs the instrumented pool code under systematically chosen thread switches (up to {@code
 * invocationsPerIteration} interleavings per scenario) and checks every result is linearizable.
 *
 * <p>Each invocation gets a fresh pool, built outside the checked part (the constructor runs on
 * Lincheck's runner thread) with both sessions created and idle, and its background work switched
 * off: housekeeping every hour, no idle timeout, lifetime, health check or validate-on-borrow. The
 * pool runs its I/O (creations, closes, rebuilds) on the calling thread ({@code ioOverride =
 * Runnable::run}), so all of it is part of the checked operations and nothing runs on threads
 * Lincheck does not control. Operations:
 *
 * <ul>
 *   <li>{@code tryAcquire}: {@code acquire} with {@link Duration#ZERO} (the idle fast path, or
 *       joining the waiter queue and timing out at once, racing with a release that hands the
 *       session over, or with a rebuild whose permit a waiter-driven creation takes);
 *   <li>{@code release}: close the thread's latest lease;
 *   <li>{@code invalidate}: invalidate the thread's latest lease. The broken session is closed and
 *       its successor created on the calling thread before it returns (or, when another thread is
 *       draining the rebuild queue, before that thread's operation returns), so the model treats it
 *       like a release: the permit is free again and a later try-acquire must succeed.
 * </ul>
 *
 * After each invocation the pool must hold exactly two sessions with open drivers, every other
 * driver created must have been closed, and none closed twice.
 *
 * <p>Under the model checker {@code System.nanoTime()} returns a constant (1337 in Lincheck 3.7),
 * which shapes two choices:
 *
 * <ul>
 *   <li>{@code createTimeout} is ten years: a creation's timeout task is scheduled on the pool's
 *       real housekeeper thread with the fake "now", so with the default 30 s it fired at once,
 *       outside Lincheck's control, and closed the successor as a late driver (seen as a failed
 *       validation: 3 drivers created, 2 closed, 1 session left);
 *   <li>acquire with a non-zero timeout is not checked: time never advances, so the waiter's timed
 *       {@code parkNanos} loop never reaches its deadline and Lincheck reports a livelock ("All
 *       unfinished threads are in livelock due to non-terminating loops", still so in 3.7 with
 *       synchronous I/O). That path is covered by {@code PoolInterleavingTest} (randomized, not
 *       exhaustive).
 * </ul>
 */
@Param(name = "t", gen = ThreadIdGen.class)
public class PoolLincheckTest {
  static final int THREADS = 8; // thread ids of Lincheck's ThreadIdGen, with room to spare

  /** The pool of the previous invocation, closed when the next test instance is built. */
  private static PoolLincheckTest previous;

  private final Device device = Device.of("r1", "10.0.0.1", "cisco_iosxe");
  private final FakeFactory factory = new FakeFactory();
  private final KeyedDevicePool pool;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private final ArrayDeque<Lease<FakeDriver>>[] held = new ArrayDeque[THREADS];

  /** Runs on Lincheck's runner thread, outside the model-checked part. */
  public PoolLincheckTest() {
    if (previous != null) {
      previous.shutdown();
    }
    for (int i = 0; i < THREADS; i++) {
      held[i] = new ArrayDeque<>();
    }
    PoolConfig config =
        PoolConfig.builder()
            .maxSessionsPerDevice(2)
            .createTimeout(Duration.ofDays(3650))
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .healthCheckInterval(Duration.ZERO)
            .validateAfterIdle(Duration.ZERO)
            .housekeepingInterval(Duration.ofHours(1))
            .closeGracePeriod(Duration.ofMillis(100))
            .build();
    pool = new KeyedDevicePool(config, List.of(factory), List.of(), Runnable::run);
    try {
      Lease<FakeDriver> a = pool.acquire(device, Protocol.SSH, Duration.ofSeconds(10));
      Lease<FakeDriver> b = pool.acquire(device, Protocol.SSH, Duration.ofSeconds(10));
      a.close();
      b.close();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    previous = this;
  }

  void shutdown() {
    for (ArrayDeque<Lease<FakeDriver>> q : held) {
      for (Lease<FakeDriver> l : q) {
        l.close();
      }
    }
    pool.close();
  }

  @Operation
  public boolean tryAcquire(@Param(name = "t") int t) throws InterruptedException {
    try {
      held[t].push(pool.acquire(device, Protocol.SSH, Duration.ZERO));
      return true;
    } catch (AcquireTimeoutException e) {
      return false;
    }
  }

  @Operation
  public boolean release(@Param(name = "t") int t) {
    Lease<FakeDriver> l = held[t].poll();
    if (l == null) {
      return false;
    }
    l.close();
    return true;
  }

  @Operation
  public boolean invalidate(@Param(name = "t") int t) {
    Lease<FakeDriver> l = held[t].poll();
    if (l == null) {
      return false;
    }
    l.invalidate(BROKEN);
    return true;
  }

  private static final IOException BROKEN = new IOException("invalidated by the test");

  @Validate
  public void noSessionCreatedOrLost() {
    int created = factory.drivers.size();
    long closed = factory.drivers.stream().filter(d -> d.closeCalls.get() > 0).count();
    long open = factory.drivers.stream().filter(FakeDriver::isOpen).count();
    List<FakeDriver> twice = factory.closedMoreThanOnce();
    int sessions = pool.snapshot().totals().total();
    if (created != closed + 2 || open != 2 || sessions != 2 || !twice.isEmpty()) {
      throw new AssertionError(
          created
              + " drivers created, "
              + closed
              + " closed, "
              + open
              + " open, "
              + sessions
              + " sessions in the pool, closed twice: "
              + twice);
    }
  }

  /** Sequential specification: two interchangeable sessions. */
  public static final class Spec {
    private final int[] held = new int[THREADS];
    private int lent;

    public boolean tryAcquire(int t) {
      if (lent == 2) {
        return false;
      }
      lent++;
      held[t]++;
      return true;
    }

    public boolean release(int t) {
      if (held[t] == 0) {
        return false;
      }
      held[t]--;
      lent--;
      return true;
    }

    /** The broken session is replaced before invalidate returns: like a release. */
    public boolean invalidate(int t) {
      return release(t);
    }
  }

  @AfterAll
  static void closeLast() {
    if (previous != null) {
      previous.shutdown();
      previous = null;
    }
  }

  /**
   * Lincheck's static-memory snapshot keys an {@code IdentityHashMap} by the objects it tracks;
   * when checked code reads {@code IdentityHashMap.NULL_KEY} (the pool's {@code slots} and {@code
   * factories} maps are IdentityHashMaps) the sentinel goes in as a key, reads back as null and
   * {@code SnapshotTracker.restoreValues} throws a NullPointerException after the first invocation
   * (Lincheck 3.7). Those two maps are filled in the constructor and only read afterwards, so their
   * methods are left out of the analysis. Logging (SLF4J and Logback: every creation logs at INFO)
   * is left out as well; it touches no pool state and only slows the search down.
   */
  private static ModelCheckingOptions options() {
    return new ModelCheckingOptions()
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .addGuarantee(forClasses("java.util.IdentityHashMap").allMethods().ignore())
        .addGuarantee(
            forClasses(c -> c.startsWith("org.slf4j.") || c.startsWith("ch.qos.logback."))
                .allMethods()
                .ignore());
  }

  @Test
  void twoThreadsThreeOperationsEach() {
    options()
        .threads(2)
        .actorsPerThread(3)
        .iterations(6)
        .invocationsPerIteration(100)
        .check(PoolLincheckTest.class);
  }

  @Test
  void threeThreadsTwoOperationsEach() {
    options()
        .threads(3)
        .actorsPerThread(2)
        .iterations(3)
        .invocationsPerIteration(100)
        .check(PoolLincheckTest.class);
  }
}
