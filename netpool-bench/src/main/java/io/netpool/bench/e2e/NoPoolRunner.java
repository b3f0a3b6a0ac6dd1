package io.netpool.bench.e2e;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.probe.Failures;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.SshTransport;
import java.io.IOException;
import java.time.Duration;

/**
 * Variant "nopool": a new SSH session per probe, the way many scripts do it: connect, log in, reach
 * the prompt and turn paging off (the CLI driver's open), ping, disconnect.
 */
final class NoPoolRunner implements ProbeRunner {
  private final ClientFleet fleet;
  private final CliFactory factory;
  private final Duration createTimeout;

  NoPoolRunner(ClientFleet fleet, SshTransport transport, Duration createTimeout) {
    this.fleet = fleet;
    this.factory = new CliFactory(transport, fleet.ssh());
    this.createTimeout = createTimeout;
  }

  @Override
  public ProbeOutcome probe(LineSpec line, DeviceSpec router) {
    CliDriver driver;
    try {
      driver = factory.create(fleet.device(router.id()), createTimeout);
    } catch (IOException | RuntimeException e) {
      return ProbeOutcome.failed(Failures.kindOf(e), "connect: " + e.getMessage());
    }
    try {
      return CliPing.ping(driver, line, router.platform());
    } catch (IOException | RuntimeException e) {
      return ProbeOutcome.failed(Failures.kindOf(e), e.getMessage());
    } finally {
      driver.close();
    }
  }

  @Override
  public void close() {
    // nothing pooled
  }
}
