package io.netpool.bench;

import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.pool.ProtocolFactory;
import java.time.Duration;

/**
 * netpool's {@link DevicePool}: per-device cap {@code perKey}, global cap {@code total}, no
 * validation, no health checks, no idle timeout or lifetime, no listeners. Creation and close run
 * on the pool's own worker threads.
 */
final class NetpoolAdapter implements PoolAdapter {
  static final Protocol NOOP = Protocol.define("bench-noop");

  /**
   * The pool's barging window ({@code -Dbench.netpool.bargingWindowUs}, default the pool's own
   * default), to measure what the window buys in (b); see docs/benchmarks.md, "Barging window".
   */
  static final Duration BARGING_WINDOW =
      Duration.ofNanos(
          1_000
              * Long.getLong(
                  "bench.netpool.bargingWindowUs",
                  PoolConfig.defaults().bargingWindow().toNanos() / 1_000));

  private final DevicePool pool;
  private final Device[] devices;
  private final Duration timeout = Duration.ofMillis(TIMEOUT_MS);

  NetpoolAdapter(PoolSpec spec) {
    PoolConfig config =
        PoolConfig.builder()
            .maxSessionsPerDevice(spec.perKey())
            .maxSessionsTotal(spec.total())
            .minIdlePerDevice(0)
            .acquireTimeout(timeout)
            .createTimeout(spec.createDelay().multipliedBy(4).plusSeconds(5))
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .lifetimeJitter(0)
            .healthCheckInterval(Duration.ZERO)
            .validateAfterIdle(Duration.ZERO)
            .circuitBreaker(0, Duration.ofSeconds(1))
            .closeGracePeriod(Duration.ofSeconds(1))
            .bargingWindow(BARGING_WINDOW)
            .build();
    pool =
        DevicePool.builder()
            .config(config)
            .factory(new NoopFactory(spec.createDelay(), spec.closeDelay()))
            .build();
    devices = new Device[spec.keys()];
    for (int k = 0; k < spec.keys(); k++) {
      devices[k] = Device.of("dev-" + k, "127.0.0.1", "bench");
    }
  }

  @Override
  public Object acquire(int key) throws InterruptedException {
    return pool.acquire(devices[key], NOOP, timeout);
  }

  @Override
  public void release(Object handle) {
    ((Lease<?>) handle).close();
  }

  @Override
  public void invalidate(Object handle) {
    ((Lease<?>) handle).invalidate(BROKEN);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** One shared cause: invalidating must not allocate or fill in a stack trace per call. */
  private static final Exception BROKEN =
      new Exception("bench: invalidated", null, false, false) {};

  static final class NoopDriver implements ProtocolDriver {
    private final Duration closeDelay;

    NoopDriver(Duration closeDelay) {
      this.closeDelay = closeDelay;
    }

    @Override
    public Protocol protocol() {
      return NOOP;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      SimulatedCost.pause(closeDelay);
    }
  }

  static final class NoopFactory implements ProtocolFactory<NoopDriver> {
    private final Duration createDelay;
    private final Duration closeDelay;

    NoopFactory(Duration createDelay, Duration closeDelay) {
      this.createDelay = createDelay;
      this.closeDelay = closeDelay;
    }

    @Override
    public Protocol protocol() {
      return NOOP;
    }

    @Override
    public NoopDriver create(Device device, Duration timeout) {
      SimulatedCost.pause(createDelay);
      return new NoopDriver(closeDelay);
    }
  }
}
