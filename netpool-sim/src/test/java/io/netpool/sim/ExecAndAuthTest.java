package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.SessionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exec channels (no PTY, no prompt, no paging, exit status) and the three auth methods. */
class ExecAndAuthTest {

  static Simulator sim;
  static SimClient client;
  static KeyPair userKey;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    userKey = g.generateKeyPair();
    sim =
        Simulator.builder()
            .seed(3)
            .timeScale(0)
            .credentials("netops", "pw")
            .authorizedKey(userKey.getPublic())
            .device(
                DeviceSpec.of("ios", Platform.CISCO_IOSXE),
                DeviceSpec.builder("lnx", Platform.LINUX)
                    .target("10.9.9.9", TargetBehaviour.totalLoss())
                    .build(),
                DeviceSpec.of("vrp", Platform.HUAWEI_VRP),
                DeviceSpec.of("junos", Platform.JUNIPER_JUNOS))
            .start();
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  @Test
  void execRunsOneCommandWithoutPromptOrPagingAndReportsExitStatus() throws Exception {
    ClientSession s = client.login(sim.device("ios"), "netops", "pw");
    SimClient.ExecResult v = client.exec(s, "show version");
    assertThat(v.exitStatus()).isZero();
    assertThat(v.output()).contains("Cisco IOS XE Software").doesNotContain("--More--");
    assertThat(v.output()).doesNotContain("R1#").doesNotContain("IOS#");
    assertThat(v.output().lines().count()).isGreaterThan(46);
    // the same session serves many exec channels
    SimClient.ExecResult bad = client.exec(s, "show bogus");
    assertThat(bad.exitStatus()).isNotZero();
    assertThat(bad.output()).contains("% Invalid input detected at '^' marker.");
    SimClient.ExecResult ping = client.exec(s, "ping 10.1.1.1 repeat 3 timeout 1");
    assertThat(ping.exitStatus()).isZero();
    assertThat(ping.output()).contains("Success rate is 100 percent (3/3)");
    assertThat(sim.device("ios").sessionsOpened()).isPositive();

    ClientSession v2 = client.login(sim.device("vrp"), "netops", "pw");
    assertThat(client.exec(v2, "display clock").exitStatus()).isZero();
    assertThat(client.exec(v2, "ping -c 2 -t 2000 10.2.2.2").output())
        .contains("0.00% packet loss");
    ClientSession j = client.login(sim.device("junos"), "netops", "pw");
    assertThat(client.exec(j, "show version").output()).contains("Junos: ");
  }

  @Test
  void linuxExecExitStatusesFollowIputils() throws Exception {
    ClientSession s = client.login(sim.device("lnx"), "netops", "pw");
    SimClient.ExecResult ok = client.exec(s, "ping -c 2 -W 1 10.1.1.1");
    assertThat(ok.exitStatus()).isZero();
    assertThat(ok.output()).contains("2 packets transmitted, 2 received, 0% packet loss");
    assertThat(ok.output()).doesNotContain("\r");
    SimClient.ExecResult lost = client.exec(s, "ping -c 2 -W 1 10.9.9.9");
    assertThat(lost.exitStatus()).isEqualTo(1);
    assertThat(lost.output()).contains("100% packet loss");
    SimClient.ExecResult bad = client.exec(s, "ping -c 2 nosuchhost");
    assertThat(bad.exitStatus()).isEqualTo(2);
    assertThat(bad.output()).contains("ping: nosuchhost: Name or service not known");
    SimClient.ExecResult unknown = client.exec(s, "frobnicate");
    assertThat(unknown.exitStatus()).isEqualTo(127);
    assertThat(unknown.output()).isEqualTo("bash: line 1: frobnicate: command not found\n");
  }

  @Test
  void passwordAuthRejectsWrongPassword() {
    assertThatThrownBy(() -> client.login(sim.device("ios"), "netops", "nope"))
        .hasMessageContaining("No more authentication methods available");
  }

  @Test
  void keyboardInteractiveAuth() throws Exception {
    ClientSession s =
        client
            .client
            .connect("netops", sim.device("ios").host(), sim.device("ios").port())
            .verify(SimClient.TIMEOUT)
            .getClientSession();
    s.setUserAuthFactories(List.of(new UserAuthKeyboardInteractiveFactory()));
    s.setUserInteraction(
        new UserInteraction() {
          @Override
          public String[] interactive(
              ClientSession session,
              String name,
              String instruction,
              String lang,
              String[] prompt,
              boolean[] echo) {
            return new String[] {"pw"};
          }

          @Override
          public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
            return null;
          }
        });
    s.auth().verify(SimClient.TIMEOUT);
    assertThat(s.isAuthenticated()).isTrue();
    s.close(false);
  }

  @Test
  void publicKeyAuth() throws Exception {
    ClientSession s =
        client
            .client
            .connect("netops", sim.device("lnx").host(), sim.device("lnx").port())
            .verify(SimClient.TIMEOUT)
            .getClientSession();
    s.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory()));
    s.addPublicKeyIdentity(userKey);
    s.auth().verify(SimClient.TIMEOUT);
    assertThat(client.exec(s, "whoami").output()).isEqualTo("netops\n");
    s.close(false);

    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair other = g.generateKeyPair();
    ClientSession s2 =
        client
            .client
            .connect("netops", sim.device("lnx").host(), sim.device("lnx").port())
            .verify(SimClient.TIMEOUT)
            .getClientSession();
    s2.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory()));
    s2.addPublicKeyIdentity(other);
    assertThatThrownBy(() -> s2.auth().verify(SimClient.TIMEOUT)).isInstanceOf(Exception.class);
    assertThat(SessionContext.class).isNotNull();
  }

  @Test
  void devicesShareOneHostKeyAndListenOnLoopback() {
    assertThat(sim.devices()).hasSize(4);
    assertThat(sim.devices()).allSatisfy(d -> assertThat(d.host()).isEqualTo("127.0.0.1"));
    assertThat(sim.devices().stream().map(SimulatedDevice::port).distinct()).hasSize(4);
    assertThat(sim.device("ios").hostKeyFingerprint()).startsWith("SHA256:");
  }
}
