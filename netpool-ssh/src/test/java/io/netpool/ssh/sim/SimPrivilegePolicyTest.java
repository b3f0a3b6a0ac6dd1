package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.pool.SessionOptions;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.CommandFailedException;
import io.netpool.ssh.EnableFailedException;
import io.netpool.ssh.PrivilegePolicy;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Read-only users and Huawei/H3C {@code super} ({@link PrivilegePolicy}) against simulated routers
 * over real SSH whose logins land at a low level.
 */
class SimPrivilegePolicyTest {
  private static final Duration T = Duration.ofSeconds(15);

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim =
        SimSupport.simulator()
            .seed(17)
            .timeScale(0)
            .device(
                DeviceSpec.builder("ios-ro", Platform.CISCO_IOS).enableRequired(true).build(),
                DeviceSpec.builder("vrp-low", Platform.HUAWEI_VRP).enableRequired(true).build(),
                DeviceSpec.builder("cmw-low", Platform.H3C_COMWARE).enableRequired(true).build())
            .start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  private static Device device(String id, PrivilegePolicy policy) {
    Device d = SimSupport.device(sim.device(id));
    return d.withOptions(d.options().with(PrivilegePolicy.class, policy));
  }

  private static CliDriver open(Device device) throws Exception {
    return new CliFactory(transport, options).create(device, T);
  }

  private static void assertNoSecret(Throwable t) {
    assertThat(t.getMessage())
        .doesNotContain(SimSupport.PASSWORD)
        .doesNotContain(SimSupport.ENABLE_SECRET);
  }

  @Test
  void neverEscalateStaysAtTheLoginLevelWithoutAnEnableSecretAndSaysWhyACommandFails()
      throws Exception {
    Device readOnly =
        device("ios-ro", PrivilegePolicy.NEVER_ESCALATE)
            .withCredentials(Credentials.password(SimSupport.USER, Secret.of(SimSupport.PASSWORD)));
    try (CliDriver cli = open(readOnly)) {
      assertThat(cli.prompt()).isEqualTo("IOS-RO>");
      assertThat(cli.privilegeLevel().name()).isEqualTo("exec");
      assertThat(cli.send("show clock", T).output()).containsPattern("\\d\\d:\\d\\d:\\d\\d");
      Throwable t = catchThrowable(() -> cli.send("show running-config", T));
      assertThat(t)
          .isInstanceOf(CommandFailedException.class)
          .hasMessageContaining("stays at exec (privilege: never-escalate)")
          .hasMessageContaining("may need privilege_exec");
      assertThat(cli.isOpen()).as("a rejected command keeps the session").isTrue();
      assertThat(cli.prompt()).isEqualTo("IOS-RO>");
    }
  }

  @Test
  void theDefaultPolicyEscalatesTheSameLogin() throws Exception {
    try (CliDriver cli = open(device("ios-ro", PrivilegePolicy.ESCALATE))) {
      assertThat(cli.prompt()).isEqualTo("IOS-RO#");
      assertThat(cli.send("show running-config", T).output()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"vrp-low, <VRP-LOW>, [VRP-LOW]", "cmw-low, <CMW-LOW>, [CMW-LOW]"})
  void superRaisesTheLevelSoSystemViewIsAllowed(String id, String user, String system)
      throws Exception {
    try (CliDriver low = open(device(id, PrivilegePolicy.ESCALATE))) {
      assertThat(catchThrowable(() -> low.send("system-view", T)))
          .as("without super the level is too low")
          .isInstanceOf(CommandFailedException.class);
    }
    try (CliDriver raised = open(device(id, PrivilegePolicy.raise(null)))) {
      assertThat(raised.prompt()).isEqualTo(user);
      raised.send("system-view", T);
      assertThat(raised.prompt()).isEqualTo(system);
      raised.send("return", T);
      assertThat(raised.prompt()).isEqualTo(user);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"vrp-low", "cmw-low"})
  void aWrongSuperPasswordIsEnableFailedWithoutTheSecret(String id) throws Exception {
    Device wrong =
        device(id, PrivilegePolicy.raise("3"))
            .withCredentials(
                Credentials.password(SimSupport.USER, Secret.of(SimSupport.PASSWORD))
                    .withEnableSecret(Secret.of("not-" + SimSupport.ENABLE_SECRET)));
    Throwable t = catchThrowable(() -> open(wrong).close());
    assertThat(t)
        .isInstanceOf(EnableFailedException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("rejected by 'super 3'");
    assertNoSecret(t);
  }

  @Test
  void superOnAPlatformWithoutItIsEnableFailed() {
    Throwable t = catchThrowable(() -> open(device("ios-ro", PrivilegePolicy.raise(null))).close());
    assertThat(t)
        .isInstanceOf(EnableFailedException.class)
        .hasMessageContaining("level exec of this platform has no super command");
  }

  @Test
  void policiesParseFromTheirInventoryWords() {
    assertThat(PrivilegePolicy.parse("never-escalate")).isEqualTo(PrivilegePolicy.NEVER_ESCALATE);
    assertThat(PrivilegePolicy.parse(" Escalate ")).isEqualTo(PrivilegePolicy.ESCALATE);
    assertThat(PrivilegePolicy.parse("super")).isEqualTo(PrivilegePolicy.raise(null));
    assertThat(PrivilegePolicy.parse("super network-admin").toString())
        .isEqualTo("super network-admin");
    assertThat(catchThrowable(() -> PrivilegePolicy.parse("super 3; reload")))
        .hasMessageContaining("level or role name");
    assertThat(catchThrowable(() -> PrivilegePolicy.parse("enable")))
        .hasMessageContaining("use escalate, never-escalate or super [LEVEL]");
    assertThat(SessionOptions.of(PrivilegePolicy.class, PrivilegePolicy.NEVER_ESCALATE))
        .isNotEqualTo(SessionOptions.of(PrivilegePolicy.class, PrivilegePolicy.ESCALATE));
  }
}
