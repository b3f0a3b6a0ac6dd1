package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both protocols and the host-key modes against a real OpenSSH server, as a linux device. */
class OpenSshServerTest {
  private static final Duration T = OpenSshServer.timeout();
  private static SshTransport transport;
  private static OpenSshServer sshd;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    sshd = OpenSshServer.startOrSkip(dir);
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (transport != null) {
      transport.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  private static Device device(String id) {
    return new Device(
        id,
        "127.0.0.1",
        sshd.port(),
        "linux",
        0,
        Map.of(),
        new Credentials(sshd.user(), null, null, sshd.clientKey()));
  }

  /** A device with its own SSH options (a typed session option). */
  private static Device device(String id, SshOptions own) {
    return device(id).withOptions(SessionOptions.of(SshOptions.class, own));
  }

  private static SshOptions acceptNew(Path kh) {
    return SshOptions.defaults().withHostKeyMode(HostKeyMode.ACCEPT_NEW).withKnownHostsFile(kh);
  }

  @Test
  void execRunsManyCommandsOnOneSession() throws Exception {
    try (ExecDriver ssh =
        new ExecFactory(transport, acceptNew(dir.resolve("kh_exec")))
            .create(device("openssh-exec"), T)) {
      for (int i = 0; i < 5; i++) {
        ExecResult r = ssh.exec("echo run-" + i + "; echo err-" + i + " >&2; exit " + i, T);
        assertThat(r.stdout()).isEqualTo("run-" + i + "\n");
        assertThat(r.stderr()).isEqualTo("err-" + i + "\n");
        assertThat(r.exitStatus()).isEqualTo(i);
      }
      assertThatThrownBy(() -> ssh.exec("sleep 30", Duration.ofMillis(500)))
          .isInstanceOf(CommandTimeoutException.class);
      assertThat(ssh.exec("echo after-timeout", T).stdout()).isEqualTo("after-timeout\n");
      new ExecFactory(transport, acceptNew(dir.resolve("kh_exec"))).check(ssh, T);
    }
  }

  @Test
  void shellWithTheLinuxProfile() throws Exception {
    CliFactory f = new CliFactory(transport, acceptNew(dir.resolve("kh_cli")));
    try (CliDriver cli = f.create(device("openssh-cli"), T)) {
      assertThat(cli.privilegeLevel().name()).isEqualTo("shell");
      CliResponse r = cli.send("echo netpool-$((6*7))", T);
      assertThat(r.output()).isEqualTo("netpool-42");
      CliResponse seq = cli.send("seq 1 500", T);
      assertThat(seq.output().lines().toList()).hasSize(500).startsWith("1", "2").endsWith("500");
      assertThatThrownBy(() -> cli.send("frobnicate-xyz", T))
          .isInstanceOf(CommandFailedException.class);
      CliResponse dialog =
          cli.sendInteractive(
              List.of(
                  Exchange.of("read -p 'Continue? [y/N] ' answer", "Continue\\? \\[y/N\\] $"),
                  Exchange.toPrompt("y")),
              T);
      assertThat(dialog.output()).contains("Continue? [y/N]");
      assertThat(cli.send("echo got-$answer", T).output()).isEqualTo("got-y");
      f.check(cli, T);
      assertThatThrownBy(() -> cli.send("sleep 30", Duration.ofMillis(500)))
          .isInstanceOf(CommandTimeoutException.class);
      assertThat(cli.isOpen()).isFalse();
    }
  }

  @Test
  void hostKeyModes() throws Exception {
    Path kh = dir.resolve("kh_modes");
    Device strict =
        device(
            "openssh-hk",
            SshOptions.defaults().withHostKeyMode(HostKeyMode.STRICT).withKnownHostsFile(kh));
    ExecFactory f = new ExecFactory(transport, SshOptions.defaults());

    // strict: unknown key rejected, nothing written
    assertThatThrownBy(() -> f.create(strict, T)).isInstanceOf(HostKeyRejectedException.class);
    assertThat(kh).doesNotExist();

    // accept-new: recorded on first use
    Device tofu = device("openssh-hk", acceptNew(kh));
    try (ExecDriver ssh = f.create(tofu, T)) {
      assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }
    String recorded = Files.readString(kh);
    assertThat(recorded).contains("[127.0.0.1]:" + sshd.port()).contains("ssh-ed25519");
    String pub = Files.readString(dir.resolve("host_ed25519.pub")).split(" ")[1];
    assertThat(recorded).contains(pub);

    // strict now accepts the recorded key
    try (ExecDriver ssh = f.create(strict, T)) {
      assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }

    // the device's key changes: strict and accept-new both reject it
    sshd.restartWithNewHostKey();
    for (Device d : List.of(strict, tofu)) {
      assertThatThrownBy(() -> f.create(d, T))
          .isInstanceOf(HostKeyRejectedException.class)
          .hasMessageContaining("CHANGED");
    }
    assertThat(Files.readString(kh)).isEqualTo(recorded);

    // off: explicit opt-in connects anyway
    try (ExecDriver ssh =
        f.create(device("openssh-hk", SshOptions.defaults().withHostKeyMode(HostKeyMode.OFF)), T)) {
      assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }
  }
}
