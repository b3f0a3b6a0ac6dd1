package io.netpool.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.run.ProbeCheck;
import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.pool.ProtocolFactory;
import io.netpool.ssh.SshOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which "no session" is a skip: only a router whose every session is in use (the pool's {@code
 * DEVICE_AT_CAP}). The pool's global cap and failing creations stay failures, as before.
 */
class PingProbeRouterBusyTest {
  private static final Duration WAIT = Duration.ofMillis(150);

  /** Opens a driver that does nothing (the probe never gets to use it in these tests). */
  static final class IdleFactory implements ProtocolFactory<ProtocolDriver> {
    volatile boolean fail;

    @Override
    public Protocol protocol() {
      return Protocol.CLI;
    }

    @Override
    public ProtocolDriver create(Device device, Duration timeout) throws IOException {
      if (fail) {
        throw new IOException("connection refused");
      }
      return new ProtocolDriver() {
        @Override
        public Protocol protocol() {
          return Protocol.CLI;
        }

        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public void close() {}
      };
    }
  }

  private final IdleFactory factory = new IdleFactory();
  private DevicePool pool;

  private ProbeCheck probe(PoolConfig config) {
    pool = DevicePool.builder().config(config).factory(factory).build();
    return new ProbeCheck(
        pool,
        ProbeConfig.defaults().withAcquireTimeout(WAIT),
        spec -> spec.toDevice(SshOptions.defaults()));
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static LineSpec line(String id, String router) {
    return TestInventory.line(id, router, "192.0.2.1", Duration.ofSeconds(10));
  }

  @Test
  void everySessionOfTheRouterInUseIsASkipNotAFailure() throws Exception {
    ProbeCheck probe = probe(PoolConfig.builder().maxSessionsPerDevice(1).build());
    DeviceSpec r1 = TestInventory.fakeDevice("r1", 0);
    try (Lease<ProtocolDriver> held =
        pool.acquire(r1.toDevice(SshOptions.defaults()), Protocol.CLI, Duration.ofSeconds(5))) {
      Instant due = Instant.now();
      CheckResult r = probe.check(line("l1", "r1"), r1, due);
      assertThat(r.status()).isEqualTo(PingStatus.SKIPPED);
      assertThat(r.skipReason()).isEqualTo(SkipReason.ROUTER_BUSY);
      assertThat(r.failure()).isNull();
      assertThat(r.due()).isEqualTo(due);
      assertThat(r.started()).isNull();
      assertThat(r.finished()).isNotNull();
      assertThat(r.gotSession()).isFalse();
      assertThat(held.isOpen()).isTrue();
    }
  }

  @Test
  void thePoolsGlobalCapStaysNoSession() throws Exception {
    ProbeCheck probe =
        probe(PoolConfig.builder().maxSessionsPerDevice(2).maxSessionsTotal(1).build());
    DeviceSpec r1 = TestInventory.fakeDevice("r1", 0);
    DeviceSpec r2 = TestInventory.fakeDevice("r2", 0);
    try (Lease<ProtocolDriver> held =
        pool.acquire(r1.toDevice(SshOptions.defaults()), Protocol.CLI, Duration.ofSeconds(5))) {
      CheckResult r = probe.check(line("l2", "r2"), r2, Instant.now());
      assertThat(r.status()).isEqualTo(PingStatus.ERROR);
      assertThat(r.failure()).isEqualTo(FailureKind.NO_SESSION);
      assertThat(r.skipReason()).isNull();
    }
  }

  @Test
  void failingCreationsStayAFailureOfTheRouter() throws Exception {
    ProbeCheck probe = probe(PoolConfig.builder().maxSessionsPerDevice(1).build());
    factory.fail = true;
    DeviceSpec r1 = TestInventory.fakeDevice("r1", 0);
    CheckResult r = probe.check(line("l1", "r1"), r1, Instant.now());
    assertThat(r.status()).isEqualTo(PingStatus.ERROR);
    assertThat(r.failure()).isEqualTo(FailureKind.ROUTER_UNREACHABLE);
  }

  @Test
  void onlyDeviceAtCapIsRouterBusy() {
    Device d = TestInventory.fakeDevice("r1", 0).toDevice(SshOptions.defaults());
    for (AcquireTimeoutException.Reason reason : AcquireTimeoutException.Reason.values()) {
      AcquireTimeoutException e = new AcquireTimeoutException(d, Protocol.CLI, WAIT, reason, null);
      assertThat(Failures.routerBusy(e))
          .as(reason.name())
          .isEqualTo(reason == AcquireTimeoutException.Reason.DEVICE_AT_CAP);
    }
    assertThat(Failures.routerBusy(new IOException("x"))).isFalse();
    assertThat(Failures.routerBusy(null)).isFalse();
  }
}
