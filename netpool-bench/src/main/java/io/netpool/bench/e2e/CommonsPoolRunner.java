package io.netpool.bench.e2e;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.probe.Failures;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.SshTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * Variant "cp2": netpool's CLI driver behind Apache Commons Pool 2, the usual build: a {@link
 * GenericKeyedObjectPool} keyed by router id whose factory opens and closes sessions with the same
 * {@link CliFactory} the monitor uses, the same per-router cap and session wait as the monitor's
 * pool, validation on borrow ({@code isOpen()}), a broken session invalidated.
 */
final class CommonsPoolRunner implements ProbeRunner {
  private final ClientFleet fleet;
  private final GenericKeyedObjectPool<String, CliDriver> pool;
  private final LongAdder created = new LongAdder();

  /**
   * @param maxPerRouter sessions per router (the monitor's pool: 2)
   * @param maxWait how long a probe waits for a session (the monitor's probe: 15 s)
   * @param createTimeout bound of one session creation (the monitor's pool: 30 s)
   */
  CommonsPoolRunner(
      ClientFleet fleet,
      SshTransport transport,
      int maxPerRouter,
      Duration maxWait,
      Duration createTimeout) {
    this.fleet = fleet;
    CliFactory factory = new CliFactory(transport, fleet.ssh());
    GenericKeyedObjectPoolConfig<CliDriver> config = new GenericKeyedObjectPoolConfig<>();
    config.setMaxTotalPerKey(maxPerRouter);
    config.setMaxIdlePerKey(maxPerRouter);
    config.setMaxTotal(-1);
    config.setMaxWait(maxWait);
    config.setBlockWhenExhausted(true);
    config.setTestOnBorrow(true);
    config.setJmxEnabled(false);
    this.pool =
        new GenericKeyedObjectPool<>(
            new BaseKeyedPooledObjectFactory<>() {
              @Override
              public CliDriver create(String routerId) throws IOException {
                CliDriver d = factory.create(fleet.device(routerId), createTimeout);
                created.increment();
                return d;
              }

              @Override
              public PooledObject<CliDriver> wrap(CliDriver driver) {
                return new DefaultPooledObject<>(driver);
              }

              @Override
              public boolean validateObject(String routerId, PooledObject<CliDriver> p) {
                return p.getObject().isOpen();
              }

              @Override
              public void destroyObject(String routerId, PooledObject<CliDriver> p) {
                p.getObject().close();
              }
            },
            config);
  }

  @Override
  public ProbeOutcome probe(LineSpec line, DeviceSpec router) {
    CliDriver driver;
    try {
      driver = pool.borrowObject(router.id());
    } catch (NoSuchElementException e) {
      return ProbeOutcome.failed(FailureKind.NO_SESSION, e.getMessage());
    } catch (Exception e) {
      return ProbeOutcome.failed(Failures.kindOf(e), "no session: " + e.getMessage());
    }
    try {
      ProbeOutcome o = CliPing.ping(driver, line, router.platform());
      pool.returnObject(router.id(), driver);
      return o;
    } catch (IOException | RuntimeException e) {
      invalidate(router.id(), driver);
      return ProbeOutcome.failed(Failures.kindOf(e), e.getMessage());
    }
  }

  private void invalidate(String routerId, CliDriver driver) {
    try {
      pool.invalidateObject(routerId, driver);
    } catch (Exception e) {
      driver.close();
    }
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions_created", created.sum());
    m.put("pool_destroyed", pool.getDestroyedCount());
    return m;
  }

  @Override
  public void close() {
    pool.close();
  }
}
