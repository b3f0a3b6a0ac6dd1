package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.Secret;
import io.netpool.pool.SessionOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI driver over Telnet against a real Telnet server (Debian's inetutils telnetd on a PTY, see
 * {@link RealTelnetServer}): login dialog, enable, paging, commands, failures, the transcript; and
 * the SSH-then-Telnet fallback: taken when SSH is refused or silent, never after an SSH
 * authentication failure or host-key rejection (a real OpenSSH server) or without {@code fallback}.
 */
class TelnetRealServerTest {
  private static final Duration CREATE = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static RealTelnetServer telnet;
  private static SshTransport transport;

  @BeforeAll
  static void start() throws Exception {
    Path serverDir = Files.createDirectories(dir.resolve("telnetd"));
    telnet = RealTelnetServer.startOrSkip(serverDir);
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (transport != null) {
      transport.close();
    }
    if (telnet != null) {
      telnet.close();
    }
  }

  private static Credentials credentials(String password) {
    return Credentials.password(RealTelnetServer.USER, Secret.of(password))
        .withEnableSecret(Secret.of(RealTelnetServer.ENABLE));
  }

  /** A device whose SSH port is {@code sshPort} and whose Telnet options are {@code telnetOpts}. */
  private static Device device(String id, int sshPort, TelnetOptions telnetOpts, String password) {
    Device d =
        new Device(id, "127.0.0.1", sshPort, "cisco_ios", 0, Map.of(), credentials(password));
    return telnetOpts == null
        ? d
        : d.withOptions(SessionOptions.of(TelnetOptions.class, telnetOpts));
  }

  private static CliFactory factory(SshOptions options) {
    return new CliFactory(transport, options).withDefaultCommandTimeout(Duration.ofSeconds(10));
  }

  private static SshOptions options() {
    return SshOptions.defaults()
        .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
        .withKnownHostsFile(dir.resolve("known_hosts"));
  }

  @Test
  void telnetSessionLogsInEnablesTurnsPagingOffAndRunsCommands() throws Exception {
    Path transcript = dir.resolve("telnet-transcript.log");
    CliFactory f = factory(options().withTranscriptFile(transcript)).overTelnet();
    assertThat(f.protocol()).isEqualTo(Protocol.TELNET);
    Device d = device("tel-ok", 22, TelnetOptions.port(telnet.port()), RealTelnetServer.PASSWORD);

    try (CliDriver cli = f.create(d, CREATE)) {
      assertThat(cli.protocol()).isEqualTo(Protocol.TELNET);
      assertThat(cli.transport()).isEqualTo("telnet");
      assertThat(cli.fallbackReason()).isNull();
      assertThat(cli.prompt()).isEqualTo("tel-r1#");
      assertThat(cli.privilegeLevel().name()).isEqualTo("privilege_exec");
      assertThat(cli.pagingDisabled()).isTrue();

      CliResponse version = cli.send("show version");
      assertThat(version.output().lines().filter(l -> l.startsWith("version line")).count())
          .isEqualTo(60);
      assertThat(version.output()).doesNotContain("More").doesNotContain("show version");
      assertThat(version.prompt()).isEqualTo("tel-r1#");

      assertThatThrownBy(() -> cli.send("show bogus"))
          .isInstanceOf(CommandFailedException.class)
          .hasMessageContaining("% Invalid input detected");
      assertThat(cli.isOpen()).isTrue();

      f.check(cli, Duration.ofSeconds(5));
      assertThat(cli.send("show clock").output()).contains("UTC");
    }

    String log = Files.readString(transcript);
    assertThat(log).contains(">> " + RealTelnetServer.USER).contains(">> " + Transcript.MASK);
    assertThat(log)
        .doesNotContain(RealTelnetServer.PASSWORD)
        .doesNotContain(RealTelnetServer.ENABLE);
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailureThatNamesTheUserNotThePassword() throws Exception {
    CliFactory f = factory(options()).overTelnet();
    Device d = device("tel-bad", 22, TelnetOptions.port(telnet.port()), "Wrong-pa55");
    long start = System.nanoTime();
    assertThatThrownBy(() -> f.create(d, CREATE))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("Telnet login failed for user " + RealTelnetServer.USER)
        .hasMessageContaining("% Login invalid")
        .message()
        .doesNotContain("Wrong-pa55");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void refusedSshFallsBackToTelnetAndSaysWhy() throws Exception {
    int closed = RealTelnetServer.freePort();
    Device d =
        device(
            "fb-refused",
            closed,
            TelnetOptions.fallbackTo(telnet.port()),
            RealTelnetServer.PASSWORD);
    try (CliDriver cli = factory(options()).create(d, CREATE)) {
      assertThat(cli.protocol()).isEqualTo(Protocol.CLI);
      assertThat(cli.transport()).isEqualTo("telnet");
      assertThat(cli.fallbackReason()).isEqualTo("ssh: connection refused");
      assertThat(cli.send("show clock").output()).contains("UTC");
    }
  }

  @Test
  void silentSshPortFallsBackAsNoSshBanner() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Device d =
          device(
              "fb-silent",
              silent.getLocalPort(),
              TelnetOptions.fallbackTo(telnet.port()),
              RealTelnetServer.PASSWORD);
      SshOptions quick = options().withAuthTimeout(Duration.ofSeconds(2));
      try (CliDriver cli = factory(quick).create(d, CREATE)) {
        assertThat(cli.transport()).isEqualTo("telnet");
        assertThat(cli.fallbackReason()).isEqualTo("ssh: no SSH banner");
      }
    }
  }

  @Test
  void withoutFallbackARefusedSshNeverTriesTelnet() throws Exception {
    int before = telnet.connections();
    int closed = RealTelnetServer.freePort();
    // Telnet options with the port but no fallback: the device did not ask for Telnet
    Device d =
        device("no-fb", closed, TelnetOptions.port(telnet.port()), RealTelnetServer.PASSWORD);
    assertThatThrownBy(() -> factory(options()).create(d, CREATE))
        .isInstanceOf(SshUnreachableException.class)
        .hasMessageContaining("cannot connect");
    Device plain = device("no-telnet", closed, null, RealTelnetServer.PASSWORD);
    assertThatThrownBy(() -> factory(options()).create(plain, CREATE))
        .isInstanceOf(SshUnreachableException.class);
    assertThat(telnet.connections()).isEqualTo(before);
  }

  @Test
  void sshAuthenticationFailureAndHostKeyRejectionNeverFallBack() throws Exception {
    Path sshDir = Files.createDirectories(dir.resolve("sshd"));
    try (OpenSshServer sshd = OpenSshServer.startOrSkip(sshDir)) {
      int before = telnet.connections();
      // sshd takes public keys only: the password is refused
      Device d =
          device(
              "fb-auth",
              sshd.port(),
              TelnetOptions.fallbackTo(telnet.port()),
              RealTelnetServer.PASSWORD);
      assertThatThrownBy(() -> factory(options()).create(d, CREATE))
          .isInstanceOf(AuthenticationFailedException.class)
          .message()
          .doesNotContain("telnet");
      // strict mode with an empty known_hosts: the host key is rejected
      SshOptions strict =
          SshOptions.defaults()
              .withKnownHostsFile(Files.createFile(sshDir.resolve("empty_known_hosts")));
      Device k =
          device(
              "fb-hostkey",
              sshd.port(),
              TelnetOptions.fallbackTo(telnet.port()),
              RealTelnetServer.PASSWORD);
      assertThatThrownBy(() -> factory(strict).create(k, CREATE))
          .isInstanceOf(HostKeyRejectedException.class);
      assertThat(telnet.connections()).isEqualTo(before);
    }
  }

  @Test
  void fallbackThatAlsoFailsNamesBothReasons() throws Exception {
    int closed = RealTelnetServer.freePort();
    Device d = device("fb-both", closed, TelnetOptions.fallbackTo(telnet.port()), "Wrong-pa55");
    assertThatThrownBy(() -> factory(options()).create(d, CREATE))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("ssh: connection refused, fallback over Telnet failed")
        .hasMessageContaining("Telnet login failed");
  }
}
