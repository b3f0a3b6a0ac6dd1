package io.netpool.bench.e2e;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.probe.Failures;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.PoolException;
import io.netpool.pool.Protocol;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.SshTransport;
import java.io.IOException;
import java.time.Duration;

/**
 * Diagnostic variant "netpool-pool": netpool's {@link DevicePool} alone behind the baselines'
 * fixed-rate thread pool, without the monitor's scheduler and probe. Comparing it with "netpool"
 * and "cp2" tells whether a difference comes from the pool or from the monitor around it.
 */
final class NetpoolPoolRunner implements ProbeRunner {
  private final ClientFleet fleet;
  private final DevicePool pool;
  private final Duration sessionWait;

  NetpoolPoolRunner(
      ClientFleet fleet, SshTransport transport, PoolConfig config, Duration sessionWait) {
    this.fleet = fleet;
    this.sessionWait = sessionWait;
    this.pool =
        DevicePool.builder().config(config).factory(new CliFactory(transport, fleet.ssh())).build();
  }

  @Override
  public ProbeOutcome probe(LineSpec line, DeviceSpec router) throws InterruptedException {
    Lease<CliDriver> lease;
    try {
      lease = pool.acquire(fleet.device(router.id()), Protocol.CLI, sessionWait);
    } catch (PoolException e) {
      return ProbeOutcome.failed(Failures.kindOf(e), "no session: " + e.getMessage());
    }
    try {
      return CliPing.ping(lease.driver(), line, router.platform());
    } catch (IOException | RuntimeException e) {
      lease.invalidate(e); // the session may hold stale output: never lent again
      return ProbeOutcome.failed(Failures.kindOf(e), e.getMessage());
    } finally {
      if (lease.isOpen()) {
        lease.close();
      }
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
