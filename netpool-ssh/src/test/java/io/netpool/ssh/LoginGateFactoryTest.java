package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Device;
import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both factories pass one shared gate: a login that cannot pass it never reaches the device. */
class LoginGateFactoryTest {
  @TempDir Path tmp;

  @Test
  void bothFactoriesTakeTheSharedGatesPermitForTheLoginOnly() throws Exception {
    LoginGate gate = new LoginGate(new LoginLimits(1, 1_000_000));
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxe")) {
      SshOptions options = TestDevices.options(tmp.resolve("known_hosts"));
      CliFactory cli = new CliFactory(transport, options).withLoginGate(gate);
      ExecFactory exec = new ExecFactory(transport, options).withLoginGate(gate);
      Device device = TestDevices.device("xe-1", server, "cisco_iosxe");

      try (LoginGate.Permit busy = gate.enter("other", System.nanoTime() + 1_000_000_000L)) {
        assertThatThrownBy(() -> cli.create(device, Duration.ofMillis(100)))
            .isInstanceOf(LoginThrottledException.class)
            .hasMessageContaining("xe-1")
            .hasMessageNotContaining(FakeDeviceServer.PASSWORD);
        assertThatThrownBy(() -> exec.create(device, Duration.ofMillis(100)))
            .isInstanceOf(LoginThrottledException.class);
      }
      assertThat(server.sessionsOpened.get()).isZero();

      CliDriver c = cli.create(device, Duration.ofSeconds(10));
      ExecDriver e = exec.create(device, Duration.ofSeconds(10));
      try {
        assertThat(gate.inFlight()).isZero(); // held for the login, not for the session's life
        assertThat(gate.started()).isEqualTo(3);
        assertThat(gate.throttled()).isEqualTo(2);
        assertThat(server.sessionsOpened.get()).isEqualTo(2);
      } finally {
        c.close();
        e.close();
      }
    }
  }

  @Test
  void aFactoryWithoutAGateLogsInAsBefore() throws Exception {
    try (SshTransport transport = SshTransport.start();
        FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxe")) {
      SshOptions options = TestDevices.options(tmp.resolve("known_hosts"));
      CliFactory cli = new CliFactory(transport, options).withLoginGate(null);
      try (CliDriver c = cli.create(TestDevices.device("xe-2", server, "cisco_iosxe"), T)) {
        assertThat(c.isOpen()).isTrue();
      }
    }
  }

  private static final Duration T = Duration.ofSeconds(10);
}
