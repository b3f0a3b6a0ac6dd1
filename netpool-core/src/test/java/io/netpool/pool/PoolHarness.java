package io.netpool.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared set-up of the behaviour tests: one fake factory, one recording listener, short timings,
 * latches ("gates") that are all opened before the pool is closed after each test.
 */
abstract class PoolHarness {
  static final Protocol SSH = Protocol.SSH;
  static final Duration SHORT = Duration.ofSeconds(1);

  final FakeFactory factory = new FakeFactory();
  final RecordingListener listener = new RecordingListener();
  final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<CountDownLatch> gates = new ArrayList<>();
  DevicePool pool;

  final Device r1 = Device.of("r1", "10.0.0.1", "cisco_iosxe");
  final Device r2 = Device.of("r2", "10.0.0.2", "cisco_iosxe");

  /** Short timings; features that would interfere are off unless a test turns them on. */
  static PoolConfig.Builder base() {
    return PoolConfig.builder()
        .housekeepingInterval(Duration.ofMillis(10))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(20))
        .closeGracePeriod(Duration.ofMillis(200))
        .validateAfterIdle(Duration.ZERO)
        .healthCheckInterval(Duration.ZERO)
        .lifetimeJitter(0);
  }

  DevicePool pool(PoolConfig.Builder config) {
    pool = DevicePool.builder().config(config.build()).factory(factory).listener(listener).build();
    return pool;
  }

  CountDownLatch gate() {
    CountDownLatch g = new CountDownLatch(1);
    gates.add(g);
    return g;
  }

  PoolSnapshot.Counts counts(Device d) {
    return pool.snapshot()
        .device(d.id(), SSH)
        .map(PoolSnapshot.DeviceSnapshot::counts)
        .orElse(PoolSnapshot.Counts.ZERO);
  }

  /** Awaitility polling every 2 ms from the start, giving up after {@code limit}. */
  static ConditionFactory within(Duration limit) {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .atMost(limit);
  }

  /** {@link #within} 5 s: for things that happen at once or after a few housekeeping ticks. */
  static ConditionFactory soon() {
    return within(Duration.ofSeconds(5));
  }

  /** Waits until {@code n} sessionEvicted events arrived for the device; returns their reasons. */
  List<Object> evictions(Device d, int n) {
    soon().until(() -> listener.count("sessionEvicted", d.id()) >= n);
    return listener.of("sessionEvicted", d.id()).stream()
        .map(RecordingListener.Event::detail)
        .toList();
  }

  /** The pool's coarse clock (advanced by housekeeping). */
  long clock() {
    return ((KeyedDevicePool) pool).clock();
  }

  @AfterEach
  void closePool() {
    gates.forEach(CountDownLatch::countDown);
    if (pool != null) {
      pool.close();
    }
    executor.shutdownNow();
  }
}
