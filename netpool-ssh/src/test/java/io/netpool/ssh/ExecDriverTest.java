package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecDriverTest {
  private static final Duration T = Duration.ofSeconds(10);
  private static SshTransport transport;
  private static FakeDeviceServer server;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    transport = SshTransport.start();
    server = FakeDeviceServer.start("cisco_iosxe");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    transport.close();
  }

  private ExecFactory factory() {
    return new ExecFactory(transport, TestDevices.options(tmp.resolve("known_hosts")));
  }

  @Test
  void manyCommandsOnOneSessionEachInItsOwnChannel() throws Exception {
    int sessionsBefore = server.sessionsOpened.get();
    int execsBefore = server.execsRun.get();
    try (ExecDriver ssh = factory().create(TestDevices.device("exec-1", server, "linux"), T)) {
      for (int i = 0; i < 20; i++) {
        ExecResult r = ssh.exec("echo hello " + i, T);
        assertThat(r.stdout()).isEqualTo("hello " + i + "\n");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.duration()).isPositive();
      }
      assertThat(ssh.commandCount()).isEqualTo(20);
    }
    assertThat(server.sessionsOpened.get() - sessionsBefore).isEqualTo(1);
    assertThat(server.execsRun.get() - execsBefore).isEqualTo(20);
  }

  @Test
  void stderrAndExitStatus() throws Exception {
    try (ExecDriver ssh = factory().create(TestDevices.device("exec-2", server, "linux"), T)) {
      ExecResult r = ssh.exec("fail", T);
      assertThat(r.stderr()).isEqualTo("boom\n");
      assertThat(r.stdout()).isEmpty();
      assertThat(r.exitStatus()).isEqualTo(3);
      assertThat(r.succeeded()).isFalse();
    }
  }

  @Test
  void timeoutClosesTheChannelAndThrowsTyped() throws Exception {
    try (ExecDriver ssh = factory().create(TestDevices.device("exec-3", server, "linux"), T)) {
      assertThatThrownBy(() -> ssh.exec("hang", Duration.ofMillis(300)))
          .isInstanceOf(CommandTimeoutException.class)
          .hasMessageContaining("exec-3")
          .hasMessageContaining("'hang'");
      // the session itself survives; a new channel works
      assertThat(ssh.exec("echo still here", T).stdout()).isEqualTo("still here\n");
    }
  }

  @Test
  void healthCheckIsAnsweredKeepAlive() throws Exception {
    ExecFactory f = factory();
    try (ExecDriver ssh = f.create(TestDevices.device("exec-4", server, "linux"), T)) {
      f.check(ssh, Duration.ofSeconds(2));
      ssh.close();
      assertThatThrownBy(() -> f.check(ssh, Duration.ofSeconds(2))).hasMessageContaining("closed");
    }
  }

  @Test
  void transportIsConfiguredForPooling() {
    var client = transport.client();
    assertThat(CoreModuleProperties.IDLE_TIMEOUT.getRequired(client)).isZero();
    assertThat(CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(client))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.getRequired(client)).isEqualTo(4);
    assertThat(CoreModuleProperties.HEARTBEAT_REQUEST.getRequired(client))
        .isEqualTo("keepalive@openssh.com");
  }

  @Test
  void heartbeatKeepsAnIdleSessionAliveAndRepliesAreCounted() throws Exception {
    try (SshTransport fast =
            SshTransport.builder()
                .heartbeatInterval(Duration.ofMillis(100))
                .heartbeatMaxMissed(2)
                .build();
        ExecDriver ssh =
            new ExecFactory(fast, TestDevices.options(tmp.resolve("known_hosts")))
                .create(TestDevices.device("exec-hb", server, "linux"), T)) {
      // MINA answers keepalive@ requests (with failure) so the session stays open well past
      // HEARTBEAT_NO_REPLY_MAX * interval.
      org.awaitility.Awaitility.await()
          .pollDelay(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(3))
          .until(ssh::isOpen);
      assertThat(ssh.exec("echo alive", T).stdout()).isEqualTo("alive\n");
    }
  }
}
