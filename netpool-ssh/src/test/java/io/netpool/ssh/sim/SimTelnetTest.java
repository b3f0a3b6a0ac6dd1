package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.AuthenticationFailedException;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import io.netpool.ssh.SshUnreachableException;
import io.netpool.ssh.TelnetOptions;
import io.netpool.ssh.platform.Platforms;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI driver over Telnet against the simulator's own Telnet listener (an independent server
 * side: option negotiation, Username/login and Password dialog, the same CLI as its SSH shell): a
 * full session on every simulated platform, a refused login, and the SSH-then-Telnet fallback of a
 * router whose SSH port is closed (and no Telnet connection at all without the fallback).
 */
class SimTelnetTest {
  private static final Duration CREATE = Duration.ofSeconds(20);

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    Simulator.Builder b = SimSupport.simulator().seed(7).timeScale(0).telnet(true);
    for (Platform p : Platform.values()) {
      b.device(DeviceSpec.builder("tel-" + p.id(), p).enableRequired(true).build());
    }
    b.device(
        DeviceSpec.builder("tel-authfail", Platform.CISCO_IOS)
            .fault(new Fault.AuthFailure())
            .build());
    b.device(DeviceSpec.of("no-ssh-fallback", Platform.CISCO_IOSXE));
    b.device(DeviceSpec.of("no-ssh-plain", Platform.CISCO_IOSXE));
    sim = b.start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  @AfterAll
  static void stop() {
    if (transport != null) {
      transport.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static Device overTelnet(SimulatedDevice d, TelnetOptions telnet) {
    return SimSupport.device(d).withOptions(SessionOptions.of(TelnetOptions.class, telnet));
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void everyPlatformOpensEnablesAndAnswersOverTelnet(Platform p) throws Exception {
    SimulatedDevice d = sim.device("tel-" + p.id());
    CliFactory f = new CliFactory(transport, options).withHealthCommand(true).overTelnet();
    try (CliDriver cli = f.create(overTelnet(d, TelnetOptions.port(d.telnetPort())), CREATE)) {
      assertThat(cli.protocol()).isEqualTo(Protocol.TELNET);
      assertThat(cli.transport()).isEqualTo("telnet");
      assertThat(cli.privilegeLevel().name())
          .isEqualTo(Platforms.get(p.id()).defaultPrivilegeLevel().name());
      assertThat(cli.pagingDisabled()).isTrue();
      f.check(cli, Duration.ofSeconds(10));
      assertThat(cli.isOpen()).isTrue();
    }
    assertThat(d.telnetConnections()).isEqualTo(1);
  }

  @Test
  void refusedLoginIsAnAuthenticationFailure() {
    SimulatedDevice d = sim.device("tel-authfail");
    CliFactory f = new CliFactory(transport, options).overTelnet();
    assertThatThrownBy(() -> f.create(overTelnet(d, TelnetOptions.port(d.telnetPort())), CREATE))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("% Authentication failed")
        .message()
        .doesNotContain(SimSupport.PASSWORD);
  }

  @Test
  void closedSshPortFallsBackOnlyWhenTheDeviceAsks() throws Exception {
    SimulatedDevice withFallback = sim.device("no-ssh-fallback");
    SimulatedDevice plain = sim.device("no-ssh-plain");
    withFallback.closeSshPort();
    plain.closeSshPort();
    CliFactory f = new CliFactory(transport, options);

    try (CliDriver cli =
        f.create(
            overTelnet(withFallback, TelnetOptions.fallbackTo(withFallback.telnetPort())),
            CREATE)) {
      assertThat(cli.protocol()).isEqualTo(Protocol.CLI);
      assertThat(cli.transport()).isEqualTo("telnet");
      assertThat(cli.fallbackReason()).isEqualTo("ssh: connection refused");
      assertThat(cli.send("show clock").output()).isNotBlank();
    }
    assertThatThrownBy(() -> f.create(SimSupport.device(plain), CREATE))
        .isInstanceOf(SshUnreachableException.class);
    assertThat(plain.telnetConnections()).isZero();
  }
}
