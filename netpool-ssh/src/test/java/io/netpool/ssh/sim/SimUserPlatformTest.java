package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Device;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform that exists only in a user's profile directory drives a real session: {@code
 * corp_ios.yaml} is the shipped {@code cisco_ios} profile under another name, and the device is a
 * simulated IOS router whose inventory platform is {@code corp_ios} (or its alias).
 */
class SimUserPlatformTest {
  private static final Duration T = Duration.ofSeconds(10);

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;
  static PlatformRegistry platforms;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim =
        SimSupport.simulator()
            .device(
                DeviceSpec.builder("r1", Platform.CISCO_IOS)
                    .hostname("R1")
                    .enableRequired(true)
                    .build())
            .start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);

    Path dir = Files.createDirectory(tmp.resolve("platforms"));
    String ios;
    try (var in =
        SimUserPlatformTest.class.getResourceAsStream("/io/netpool/ssh/platforms/cisco_ios.yaml")) {
      ios = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(
        dir.resolve("corp_ios.yaml"),
        ios.replace("name: cisco_ios", "name: corp_ios")
            .replace("aliases: [ios]", "aliases: [corp]")
            .replace("description: Cisco IOS", "description: our IOS build"));
    platforms = PlatformRegistry.withDirectory(dir);
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  private static Device device(String platform) {
    Device d = SimSupport.device(sim.device("r1"));
    return new Device(d.id(), d.host(), d.port(), platform, 0, Map.of(), d.credentials());
  }

  @Test
  void aFactoryWithTheUserRegistryOpensASessionOnTheUserPlatform() throws Exception {
    CliFactory factory = new CliFactory(transport, options).withPlatforms(platforms);
    assertThat(factory.platforms()).isSameAs(platforms);
    try (CliDriver cli = factory.create(device("corp_ios"), T)) {
      assertThat(cli.profile().name()).isEqualTo("corp_ios");
      assertThat(cli.profile().description()).isEqualTo("our IOS build");
      assertThat(cli.privilegeLevel().name()).isEqualTo("privilege_exec"); // enable walked
      assertThat(cli.pagingDisabled()).isTrue();
      assertThat(cli.send("show clock", T).output()).containsPattern("\\d\\d:\\d\\d");
    }
  }

  @Test
  void theConstructorTakesARegistryAndAliasesWork() throws Exception {
    CliFactory factory = new CliFactory(transport, options, platforms).withHealthCommand(true);
    try (CliDriver cli = factory.create(device("CORP"), T)) {
      assertThat(cli.profile().name()).isEqualTo("corp_ios");
      factory.check(cli, T);
      assertThat(cli.isOpen()).isTrue();
    }
  }

  @Test
  void theDefaultFactoryDoesNotKnowTheUserPlatform() {
    CliFactory factory = new CliFactory(transport, options);
    assertThat(factory.platforms()).isSameAs(Platforms.registry());
    assertThatThrownBy(() -> factory.create(device("corp_ios"), T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown platform 'corp_ios'; known platforms: arista_eos,");
  }
}
