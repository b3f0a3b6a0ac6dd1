package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Device;
import io.netpool.ssh.fake.FakeDeviceServer;
import io.netpool.ssh.fake.FakePlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every platform profile against its scripted device (an in-test MINA server). */
class CliDriverPlatformTest {
  private static final Duration T = Duration.ofSeconds(10);
  private static SshTransport transport;

  @TempDir static Path tmp;

  @BeforeAll
  static void startTransport() {
    transport = SshTransport.start();
  }

  @AfterAll
  static void stopTransport() {
    transport.close();
  }

  private static final java.util.concurrent.atomic.AtomicInteger FACTORIES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A factory with its own known_hosts: each fake server has a new host key, and a port the OS
   * hands out again after an earlier server closed would otherwise look like a changed key.
   */
  private static CliFactory factory() {
    return new CliFactory(
        transport, TestDevices.options(tmp.resolve("known_hosts-" + FACTORIES.incrementAndGet())));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cisco_ios",
        "cisco_iosxe",
        "cisco_nxos",
        "cisco_iosxr",
        "huawei_vrp",
        "h3c_comware",
        "juniper_junos",
        "arista_eos",
        "linux"
      })
  void fullSessionOnEveryPlatform(String platform) throws Exception {
    FakePlatform p = FakePlatform.ALL.get(platform);
    try (FakeDeviceServer server = FakeDeviceServer.start(platform)) {
      Device device = TestDevices.device("dev-" + platform, server, platform);
      CliDriver cli = factory().create(device, T);
      try {
        // open: prompt found, default privilege reached (enable + secret where needed), paging off
        String expectedPrompt = p.privPrompt() != null ? p.privPrompt() : p.execPrompt();
        assertThat(cli.prompt()).isEqualTo(expectedPrompt.strip());
        assertThat(cli.privilegeLevel().name()).isEqualTo(cli.profile().defaultLevel());
        assertThat(cli.pagingDisabled()).isTrue();
        assertThat(server.commands).containsAll(p.pagingOff());
        if (p.enableNeedsSecret()) {
          assertThat(server.commands).contains("enable");
        }

        // long output read whole
        CliResponse longOut = cli.send(p.longCommand(), T);
        assertThat(longOut.output().lines().toList()).isEqualTo(FakePlatform.longOutput());
        assertThat(longOut.prompt()).isEqualTo(expectedPrompt.strip());

        // ping output intact, without echo and prompt
        CliResponse ping = cli.send(p.pingCommand(), T);
        assertThat(ping.output()).isEqualTo(p.pingOutput());

        // platform error string -> CommandFailedException, session still usable
        assertThatThrownBy(() -> cli.send("frobnicate", T))
            .isInstanceOf(CommandFailedException.class)
            .satisfies(
                e -> {
                  CommandFailedException f = (CommandFailedException) e;
                  assertThat(f.indicator()).isEqualToIgnoringCase(p.errorIndicator());
                  assertThat(f.command()).isEqualTo("frobnicate");
                });
        assertThat(cli.isOpen()).isTrue();
        assertThat(cli.send(p.clockCommand(), T).output()).contains("10:15:42");

        // interactive confirmation
        CliResponse confirm =
            cli.sendInteractive(
                List.of(
                    Exchange.literal(p.confirmCommand(), p.confirmQuestion().strip()),
                    Exchange.toPrompt(p.confirmAnswer())),
                T);
        assertThat(server.confirmAnswers).containsExactly(p.confirmAnswer());
        assertThat(confirm.output()).contains(p.confirmQuestion().strip());
        assertThat(confirm.prompt()).isEqualTo(expectedPrompt.strip());

        // health check: keep-alive + empty line
        factory().check(cli, T);

        // timeout -> typed exception, driver broken, never lent again
        assertThatThrownBy(() -> cli.send("hang", Duration.ofMillis(300)))
            .isInstanceOf(CommandTimeoutException.class)
            .hasMessageContaining("timed out waiting for the prompt");
        assertThat(cli.isOpen()).isFalse();
        assertThat(cli.brokenReason()).contains("CommandTimeoutException");
        assertThatThrownBy(() -> cli.send(p.clockCommand(), T)).hasMessageContaining("broken");
      } finally {
        cli.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cisco_iosxe", "huawei_vrp", "h3c_comware", "juniper_junos"})
  void pagingMarkersAreAnsweredWhenPagingCannotBeDisabled(String platform) throws Exception {
    FakePlatform p = FakePlatform.ALL.get(platform);
    try (FakeDeviceServer server = FakeDeviceServer.builder(platform).rejectPagingOff().start()) {
      try (CliDriver cli = factory().create(TestDevices.device("paged", server, platform), T)) {
        assertThat(cli.pagingDisabled()).isFalse();
        CliResponse longOut = cli.send(p.longCommand(), T);
        assertThat(longOut.output().lines().toList()).isEqualTo(FakePlatform.longOutput());
        assertThat(cli.isOpen()).isTrue();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void wrongEnableSecretFailsTheOpenWithoutLeakingIt() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxe")) {
      Device device =
          TestDevices.device("wrong-enable", server, "cisco_iosxe")
              .withCredentials(
                  TestDevices.credentials()
                      .withEnableSecret(io.netpool.pool.Secret.of("not-the-secret")));
      assertThatThrownBy(() -> factory().create(device, T))
          .isInstanceOf(EnableFailedException.class)
          .hasMessageContaining("wrong-enable")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret"));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.activeSessions() == 0);
    }
  }

  @org.junit.jupiter.api.Test
  void garbageWithoutPromptOverflowsTheBufferAndBreaksTheDriver() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.start("cisco_iosxr")) {
      CliFactory f =
          new CliFactory(
              transport,
              TestDevices.options(tmp.resolve("known_hosts")).withMaxBufferChars(64 * 1024));
      try (CliDriver cli = f.create(TestDevices.device("garbage", server, "cisco_iosxr"), T)) {
        assertThatThrownBy(() -> cli.send("garbage", T))
            .isInstanceOf(OutputOverflowException.class);
        assertThat(cli.isOpen()).isFalse();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void perDeviceExtraPromptPattern() throws Exception {
    // A device whose prompt the profile does not know: cli.prompt makes it usable.
    try (FakeDeviceServer server = FakeDeviceServer.start("linux")) {
      Device device =
          TestDevices.device(
              "custom",
              server,
              "cisco_iosxr",
              TestDevices.options(tmp.resolve("known_hosts"))
                  .withExtraPromptPattern(Pattern.quote("netops@srv-1:~$") + "\\s?$"));
      try (CliDriver cli = factory().create(device, T)) {
        assertThat(cli.prompt()).isEqualTo("netops@srv-1:~$");
      }
    }
  }
}
