package io.netpool.bench;

import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.pool.ProtocolFactory;
import java.time.Duration;

/** netpool's {@link DevicePool}: no validation, no health checks, no expiry, no listeners. */
final class NetpoolAdapter implements PoolAdapter {
  static final Protocol NOOP = Protocol.define("bench-noop");

  private final DevicePool pool;
  private final Device[] devices;
  private final Duration timeout = Duration.ofMillis(TIMEOUT_MS);

  NetpoolAdapter(int keys, int objects) {
    PoolConfig config =
        PoolConfig.builder()
            .maxSessionsPerDevice(objects)
            .maxSessionsTotal(keys * objects)
            .minIdlePerDevice(0)
            .acquireTimeout(timeout)
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .lifetimeJitter(0)
            .healthCheckInterval(Duration.ZERO)
            .validateAfterIdle(Duration.ZERO)
            .closeGracePeriod(Duration.ofSeconds(1))
            .build();
    pool = DevicePool.builder().config(config).factory(new NoopFactory()).build();
    devices = new Device[keys];
    for (int k = 0; k < keys; k++) {
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
  public void close() {
    pool.close();
  }

  static final class NoopDriver implements ProtocolDriver {
    @Override
    public Protocol protocol() {
      return NOOP;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  static final class NoopFactory implements ProtocolFactory<NoopDriver> {
    @Override
    public Protocol protocol() {
      return NOOP;
    }

    @Override
    public NoopDriver create(Device device, Duration timeout) {
      return new NoopDriver();
    }
  }
}
