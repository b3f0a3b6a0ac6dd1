package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factories through the core DevicePool against the in-test device. */
class PoolIntegrationTest {
  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private DevicePool pool(SshTransport transport) {
    SshOptions options = TestDevices.options(tmp.resolve("known_hosts"));
    return DevicePool.builder()
        .config(
            PoolConfig.builder()
                .maxSessionsPerDevice(2)
                .acquireTimeout(T)
                .createTimeout(T)
                .healthCheckInterval(Duration.ZERO)
                .build())
        .factory(new CliFactory(transport, options))
        .factory(new ExecFactory(transport, options))
        .build();
  }

  @Test
  void timedOutCommandInvalidatesTheLeaseAndThePoolRebuilds() throws Exception {
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("huawei_vrp");
        DevicePool pool = pool(transport)) {
      Device device = TestDevices.device("vrp-1", server, "huawei_vrp");
      CliDriver first;
      try (Lease<CliDriver> lease = pool.acquire(device, Protocol.of("scrapli"))) {
        first = lease.driver();
        try {
          lease.driver().send("hang", Duration.ofMillis(300));
        } catch (CommandTimeoutException e) {
          lease.invalidate(e);
        }
        assertThat(lease.isOpen()).isFalse();
      }
      assertThat(first.isOpen()).isFalse();
      try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
        assertThat(lease.driver()).isNotSameAs(first);
        assertThat(lease.driver().send("display clock", T).output()).contains("10:15:42");
      }
      await().atMost(T).until(() -> server.activeSessions() == 1);
      assertThat(server.sessionsOpened.get()).isEqualTo(2);
    }
  }

  @Test
  void hundredCommandsOverTwoPooledSessionsReuseThem() throws Exception {
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxr");
        DevicePool pool = pool(transport);
        var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Device device = TestDevices.device("xr-1", server, "cisco_iosxr");
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        boolean cli = i % 2 == 0;
        results.add(
            executor.submit(
                () -> {
                  if (cli) {
                    try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
                      return lease.driver().send("show clock", T).output();
                    }
                  }
                  try (Lease<ExecDriver> lease = pool.acquire(device, Protocol.SSH)) {
                    return lease.driver().exec("show clock", T).stdout();
                  }
                }));
      }
      for (Future<String> f : results) {
        assertThat(f.get()).contains("10:15:42");
      }
      // at most 2 sessions per protocol: 4 SSH sessions for 100 commands
      assertThat(server.sessionsOpened.get()).isLessThanOrEqualTo(4);
      assertThat(server.shellsOpened.get()).isLessThanOrEqualTo(2);
      assertThat(server.execsRun.get()).isEqualTo(50);
      var snap = pool.snapshot();
      assertThat(snap.sessionsCreated()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void unknownHostKeyInStrictModeFailsCreationWithTheReason() throws Exception {
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("linux");
        DevicePool pool =
            DevicePool.builder()
                .config(
                    PoolConfig.builder()
                        .acquireTimeout(Duration.ofSeconds(2))
                        .healthCheckInterval(Duration.ZERO)
                        .build())
                .factory(
                    new ExecFactory(
                        transport,
                        SshOptions.defaults().withKnownHostsFile(tmp.resolve("empty_known_hosts"))))
                .build()) {
      Device device = TestDevices.device("strict-1", server, "linux");
      assertThatThrownBy(() -> pool.acquire(device, Protocol.SSH)).hasMessageContaining("strict-1");
      await()
          .atMost(T)
          .untilAsserted(
              () ->
                  assertThat(pool.snapshot().device("strict-1", Protocol.SSH))
                      .hasValueSatisfying(d -> assertThat(d.lastFailure()).contains("is not in")));
    }
  }
}
