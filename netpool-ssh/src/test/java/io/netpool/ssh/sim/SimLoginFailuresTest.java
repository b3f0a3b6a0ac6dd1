package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.EnableFailedException;
import io.netpool.ssh.PromptUnrecognisedException;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logins that get in but cannot be used, against simulated routers over real SSH: a rejected or
 * missing enable secret fails the open with {@link EnableFailedException}, and a prompt that
 * matches no privilege level with {@link PromptUnrecognisedException}, both long before the
 * creation timeout (60 s here; each open must fail within 20 s) and without a secret in the
 * message.
 */
class SimLoginFailuresTest {
  /** The creation timeout: far beyond the bound the failures must come within. */
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

  private static final long BOUND_SECONDS = 20;

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim =
        SimSupport.simulator()
            .seed(13)
            .timeScale(0)
            .device(
                enableRejected("ios-enable", Platform.CISCO_IOS),
                enableRejected("iosxe-enable", Platform.CISCO_IOSXE),
                enableRejected("eos-enable", Platform.ARISTA_EOS),
                DeviceSpec.builder("ios-user", Platform.CISCO_IOS).enableRequired(true).build(),
                customPrompt("ios-odd", Platform.CISCO_IOS, "edge-7 (lab)# "),
                customPrompt("vrp-odd", Platform.HUAWEI_VRP, "<edge 7 lab>"),
                customPrompt("junos-odd", Platform.JUNIPER_JUNOS, "netops@edge-7 [lab] % "),
                customPrompt("ios-leaky", Platform.CISCO_IOS, SimSupport.PASSWORD + "# "),
                customPrompt("ios-own-pattern", Platform.CISCO_IOS, "edge-7 (lab)# "))
            .start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  private static DeviceSpec enableRejected(String id, Platform platform) {
    return DeviceSpec.builder(id, platform)
        .enableRequired(true)
        .fault(Fault.enableRejected())
        .build();
  }

  private static DeviceSpec customPrompt(String id, Platform platform, String prompt) {
    return DeviceSpec.builder(id, platform).fault(Fault.customPrompt(prompt)).build();
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  /** A failed open leaves no session behind on the device. */
  @AfterEach
  void noSessionLeft() {
    SimSupport.assertNoSessions(sim);
  }

  /**
   * What opening {@code device} threw, within the bound (a returned driver is closed and fails).
   */
  private static Throwable openFailure(Device device) throws Exception {
    CompletableFuture<CliDriver> open =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new CliFactory(transport, options).create(device, CREATE_TIMEOUT);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      CliDriver unexpected = open.get(BOUND_SECONDS, TimeUnit.SECONDS);
      unexpected.close();
      throw new AssertionError("opened at prompt " + unexpected.prompt());
    } catch (ExecutionException e) {
      return e.getCause().getCause();
    }
  }

  private static void assertNoSecret(Throwable t) {
    assertThat(t.getMessage())
        .doesNotContain(SimSupport.PASSWORD)
        .doesNotContain(SimSupport.ENABLE_SECRET);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ios-enable, asked again",
    "iosxe-enable, asked again",
    "eos-enable, '% Access denied'"
  })
  void rejectedEnableSecretIsEnableFailed(String id, String said) throws Exception {
    Throwable t = openFailure(SimSupport.device(sim.device(id)));
    assertThat(t).isInstanceOf(EnableFailedException.class).hasMessageContaining(id);
    assertThat(t.getMessage()).contains(said);
    assertNoSecret(t);
  }

  @Test
  void enableSecretMissingFromTheCredentialsIsEnableFailed() throws Exception {
    Device noSecret =
        SimSupport.device(sim.device("ios-user"))
            .withCredentials(Credentials.password(SimSupport.USER, Secret.of(SimSupport.PASSWORD)));
    Throwable t = openFailure(noSecret);
    assertThat(t)
        .isInstanceOf(EnableFailedException.class)
        .hasMessageContaining("no enable secret");
    assertNoSecret(t);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ios-odd, edge-7 (lab)#, cisco_ios",
    "vrp-odd, <edge 7 lab>, huawei_vrp",
    "junos-odd, netops@edge-7 [lab] %, juniper_junos"
  })
  void promptMatchingNoLevelIsUnrecognisedWithItsText(String id, String prompt, String platform)
      throws Exception {
    Throwable t = openFailure(SimSupport.device(sim.device(id)));
    assertThat(t)
        .isInstanceOf(PromptUnrecognisedException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("'" + prompt + "'")
        .hasMessageContaining(platform);
    assertThat(((PromptUnrecognisedException) t).prompt()).isEqualTo(prompt);
  }

  @Test
  void anUnrecognisedPromptIsShownWithSecretsMasked() throws Exception {
    Throwable t = openFailure(SimSupport.device(sim.device("ios-leaky")));
    assertThat(t).isInstanceOf(PromptUnrecognisedException.class);
    assertThat(((PromptUnrecognisedException) t).prompt()).isEqualTo("******#");
    assertNoSecret(t);
  }

  @Test
  void theDevicesOwnPromptPatternStillOpensACustomisedPrompt() throws Exception {
    Device own =
        SimSupport.device(
            sim.device("ios-own-pattern"),
            options.withExtraPromptPattern(Pattern.quote("edge-7 (lab)#") + "\\s?$"));
    try (CliDriver cli = new CliFactory(transport, options).create(own, CREATE_TIMEOUT)) {
      assertThat(cli.prompt()).isEqualTo("edge-7 (lab)#");
      assertThat(cli.send("show clock").output()).containsPattern("\\d\\d:\\d\\d:\\d\\d");
    }
  }
}
