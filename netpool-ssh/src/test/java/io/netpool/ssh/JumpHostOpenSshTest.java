package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jump hosts against real OpenSSH servers on loopback: bastion b1 -> bastion b2 -> device, each its
 * own sshd with its own host key and client key. The bastions log at DEBUG1, so their logs show
 * every {@code direct-tcpip} channel they open and every login they accept.
 */
class JumpHostOpenSshTest {
  private static final Duration T = OpenSshServer.timeout();
  private static final List<String> DEBUG = List.of("LogLevel DEBUG1");

  @TempDir static Path dir;
  private static OpenSshServer b1;
  private static OpenSshServer b2;
  private static OpenSshServer target;
  private SshTransport transport;

  @BeforeAll
  static void start() throws Exception {
    b1 = OpenSshServer.startOrSkip(dir.resolve("b1"), "ed25519", DEBUG);
    b2 = OpenSshServer.startOrSkip(dir.resolve("b2"), "ed25519", DEBUG);
    target = OpenSshServer.startOrSkip(dir.resolve("device"), "ed25519", List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    for (OpenSshServer s : new OpenSshServer[] {b1, b2, target}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  private static JumpHost bastion(String id, OpenSshServer s, HostKeyMode mode) {
    return new JumpHost(
        id, "127.0.0.1", s.port(), new Credentials(s.user(), null, null, s.clientKey()), mode);
  }

  private static Device device(String id, JumpHost... chain) {
    return new Device(
        id,
        "127.0.0.1",
        target.port(),
        "linux",
        0,
        Map.of(),
        SessionOptions.of(JumpHosts.class, JumpHosts.of(chain)),
        new Credentials(target.user(), null, null, target.clientKey()));
  }

  private static SshOptions acceptNew(Path knownHosts) {
    return SshOptions.defaults()
        .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
        .withKnownHostsFile(knownHosts);
  }

  private static long count(OpenSshServer s, String text) {
    return s.log().stream().filter(l -> l.contains(text)).count();
  }

  @Test
  void twoHopChainCarriesManySessionsOverOneConnectionPerBastion() throws Exception {
    transport = SshTransport.start();
    Path kh = dir.resolve("kh_chain");
    long b1Logins = count(b1, "Accepted publickey");
    long b2Logins = count(b2, "Accepted publickey");
    ExecFactory factory = new ExecFactory(transport, acceptNew(kh));
    JumpHost j1 = bastion("b1", b1, HostKeyMode.ACCEPT_NEW);
    JumpHost j2 = bastion("b2", b2, HostKeyMode.ACCEPT_NEW);
    List<ExecDriver> drivers = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        ExecDriver d = factory.create(device("r" + i, j1, j2), T);
        drivers.add(d);
        assertThat(d.exec("echo through-" + i, T).stdout()).isEqualTo("through-" + i + "\n");
      }
      // one login per bastion for all four device sessions; the two hop connections are open
      assertThat(count(b1, "Accepted publickey") - b1Logins).isEqualTo(1);
      assertThat(count(b2, "Accepted publickey") - b2Logins).isEqualTo(1);
      assertThat(transport.jumpHostConnections()).isEqualTo(2);
      // the traffic went through them: b1 opened one channel to b2 (the b2 connection), b2 one
      // channel to the device per device session
      assertThat(count(b1, "server_request_direct_tcpip")).isEqualTo(1);
      assertThat(count(b1, "target 127.0.0.1 port " + b2.port())).isEqualTo(1);
      assertThat(count(b2, "server_request_direct_tcpip")).isEqualTo(4);
      assertThat(count(b2, "target 127.0.0.1 port " + target.port())).isEqualTo(4);
      // every key is recorded under the host's own address, none under a loopback forward
      String known = Files.readString(kh);
      assertThat(known)
          .contains("[127.0.0.1]:" + b1.port())
          .contains("[127.0.0.1]:" + b2.port())
          .contains("[127.0.0.1]:" + target.port());
      assertThat(known.lines().filter(l -> !l.isBlank()))
          .extracting(l -> l.split(" ")[0])
          .containsExactlyInAnyOrder(
              "[127.0.0.1]:" + b1.port(),
              "[127.0.0.1]:" + b2.port(),
              "[127.0.0.1]:" + target.port());
    } finally {
      drivers.forEach(ExecDriver::close);
    }
    // the last device session gone, the bastion connections close
    await().atMost(T).until(() -> transport.jumpHostConnections() == 0);
  }

  @Test
  void sessionsBehindADeadBastionFailAndRecoverWhenItIsBack() throws Exception {
    transport = SshTransport.start();
    Path kh = dir.resolve("kh_dies");
    ExecFactory factory = new ExecFactory(transport, acceptNew(kh));
    JumpHost j1 = bastion("b1", b1, HostKeyMode.ACCEPT_NEW);
    ExecDriver before = factory.create(device("r-dies", j1), T);
    try {
      assertThat(before.exec("echo up", T).stdout()).isEqualTo("up\n");
      b1.kill();
      await().atMost(T).until(() -> !before.isOpen());
      assertThatThrownBy(() -> factory.create(device("r-dies", j1), T))
          .isInstanceOf(JumpHostException.class)
          .hasMessageContaining("device r-dies via b1")
          .hasMessageContaining("jump host b1 (hop 1)")
          .hasMessageContaining("cannot connect to 127.0.0.1:" + b1.port());
    } finally {
      before.close();
      b1.restart();
    }
    try (ExecDriver after = factory.create(device("r-dies", j1), T)) {
      assertThat(after.exec("echo again", T).stdout()).isEqualTo("again\n");
    }
  }

  @Test
  void aBastionWithAnotherHostKeyIsRejectedByName() throws Exception {
    transport = SshTransport.start();
    Path kh = dir.resolve("kh_wrong");
    // known_hosts says b2's address has the device's key: b2's real key is "changed"
    Files.writeString(kh, "[127.0.0.1]:" + b2.port() + " " + target.hostKeyLine() + "\n");
    ExecFactory factory = new ExecFactory(transport, acceptNew(kh));
    JumpHost j1 = bastion("b1", b1, HostKeyMode.ACCEPT_NEW);
    JumpHost j2 = bastion("b2", b2, HostKeyMode.STRICT);
    long b2Logins = count(b2, "Accepted publickey");
    assertThatThrownBy(() -> factory.create(device("r-wrong", j1, j2), T))
        .isInstanceOf(JumpHostException.class)
        .hasMessageContaining("device r-wrong via b1 -> b2")
        .hasMessageContaining("jump host b2 (hop 2, via b1)")
        .hasMessageContaining("has CHANGED")
        .hasMessageContaining(b2.hostKeyFingerprint())
        .satisfies(
            e -> {
              assertThat(((JumpHostException) e).jumpHost()).isEqualTo("b2");
              assertThat(((JumpHostException) e).hop()).isEqualTo(2);
              assertThat(e.getCause()).isInstanceOf(HostKeyRejectedException.class);
            });
    assertThat(count(b2, "Accepted publickey")).isEqualTo(b2Logins);
    // hop 1 is given back when hop 2 fails: nothing stays open
    await().atMost(T).until(() -> transport.jumpHostConnections() == 0);
  }
}
