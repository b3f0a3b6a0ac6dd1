package io.netpool.monitor.inventory;

import static io.netpool.monitor.inventory.InventoryTestSupport.parse;
import static io.netpool.monitor.inventory.InventoryTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.Device;
import io.netpool.ssh.HostKeyMode;
import io.netpool.ssh.JumpHost;
import io.netpool.ssh.JumpHosts;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.platform.AlgorithmCategory;
import io.netpool.ssh.platform.AlgorithmList;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jump_hosts:}, a device's {@code jump:} and {@code ssh_algorithms:} in monitor.yml. */
class JumpHostInventoryTest {
  private static final String JUMP_HOSTS =
      """
      jump_hosts:
        - id: b1
          host: bastion1.example.net
          username: jump
          password: {env: NETPOOL_PASSWORD}
          host_key: accept-new
        - id: b2
          host: 10.9.0.2
          port: 2222
          username: jump2
          password: {value: b2-literal-secret}
      """;

  @Test
  void devicesNameTheirChainAndDefaultsGiveOneToAll() throws Exception {
    Inventory inv =
        parse(
            JUMP_HOSTS
                + """
                defaults:
                  device: {jump: b1}
                devices:
                  - {id: r1, host: 10.0.0.1, platform: cisco_iosxe, username: u, password: {env: R1_PASS}}
                  - {id: r2, host: 10.0.0.2, platform: cisco_iosxe, username: u, password: {env: R2_PASS},
                     jump: [b1, b2]}
                  - {id: r3, host: 10.0.0.3, platform: cisco_iosxe, username: u, password: {env: R2_PASS},
                     jump: ~}
                lines: []
                """);
    Device r1 = inv.devices().get("r1").toDevice(SshOptions.defaults());
    Device r2 = inv.devices().get("r2").toDevice(SshOptions.defaults());
    Device r3 = inv.devices().get("r3").toDevice(SshOptions.defaults());
    JumpHosts one = r1.options().get(JumpHosts.class).orElseThrow();
    assertThat(one.describe()).isEqualTo("b1");
    JumpHost b1 = one.hops().get(0);
    assertThat(b1.host()).isEqualTo("bastion1.example.net");
    assertThat(b1.port()).isEqualTo(22);
    assertThat(b1.hostKeyMode()).isEqualTo(HostKeyMode.ACCEPT_NEW);
    assertThat(b1.credentials().username()).isEqualTo("jump");
    JumpHosts two = r2.options().get(JumpHosts.class).orElseThrow();
    assertThat(two.describe()).isEqualTo("b1 -> b2");
    assertThat(two.hops().get(1).port()).isEqualTo(2222);
    assertThat(two.hops().get(1).credentials().password().reveal()).isEqualTo("b2-literal-secret");
    assertThat(two.hops().get(1).hostKeyMode()).isEqualTo(HostKeyMode.STRICT);
    assertThat(r3.options().get(JumpHosts.class)).isEmpty();
    // the bastions' secrets never show
    assertThat(inv.devices().get("r2").toString())
        .contains("SessionOptions[JumpHosts]")
        .doesNotContain("b2-literal-secret")
        .doesNotContain("pw-from-env");
  }

  @Test
  void unknownAndRepeatedJumpHostsAreLocatedErrors() {
    List<Problem> p =
        problems(
            JUMP_HOSTS
                + """
                devices:
                  - {id: r1, host: 10.0.0.1, platform: cisco_iosxe, username: u, password: {env: R1_PASS},
                     jump: [b1, bb2]}
                  - {id: r2, host: 10.0.0.2, platform: cisco_iosxe, username: u, password: {env: R2_PASS},
                     jump: [b1, b1]}
                lines: []
                """);
    assertThat(p)
        .extracting(Problem::toString)
        .containsExactly(
            "monitor.yml:14:17: devices[0].jump[1]: unknown jump host 'bb2'; did you mean 'b2'?;"
                + " jump_hosts: b1, b2",
            "monitor.yml:16:17: devices[1].jump[1]: jump host 'b1' appears twice");
  }

  @Test
  void aJumpHostIsCheckedLikeADevice() {
    List<Problem> p =
        problems(
            """
            jump_hosts:
              - {id: b1, host: 10.9.0.1, username: jump}
              - {id: b2, host: 10.9.0.2, username: jump, password: {value: x}, host_key: lax}
            devices:
              - {id: r1, host: 10.0.0.1, platform: cisco_iosxe, username: u, password: {env: R1_PASS},
                 jump: [b9]}
            lines: []
            """);
    assertThat(p)
        .extracting(Problem::toString)
        .containsExactly(
            "monitor.yml:2:5: jump_hosts[0]: missing 'password' (or 'private_key')",
            "monitor.yml:3:78: jump_hosts[1].host_key: unknown host_key mode 'lax' (use strict,"
                + " accept-new or off)",
            "monitor.yml:6:13: devices[0].jump[0]: unknown jump host 'b9' (jump_hosts: has no valid"
                + " entry)");
  }

  @Test
  void algorithmListsAreReadAndUnknownNamesListTheKnownOnes() throws Exception {
    Inventory inv =
        parse(
            """
            devices:
              - id: old1
                host: 10.0.0.1
                platform: cisco_ios
                username: u
                password: {env: R1_PASS}
                ssh_algorithms:
                  kex: {add: [diffie-hellman-group14-sha1]}
                  ciphers: [aes128-ctr]
                  host_key: {replace: [ssh-rsa, rsa-sha2-256]}
            lines: []
            """);
    AlgorithmPolicy policy =
        inv.devices()
            .get("old1")
            .toDevice(SshOptions.defaults())
            .options()
            .get(AlgorithmPolicy.class)
            .orElseThrow();
    assertThat(policy.list(AlgorithmCategory.KEX).orElseThrow())
        .isEqualTo(
            new AlgorithmList(
                AlgorithmCategory.KEX,
                AlgorithmList.Mode.ADD,
                List.of("diffie-hellman-group14-sha1")));
    assertThat(policy.list(AlgorithmCategory.CIPHERS).orElseThrow().mode())
        .isEqualTo(AlgorithmList.Mode.REPLACE);
    assertThat(policy.list(AlgorithmCategory.HOST_KEY).orElseThrow().names())
        .containsExactly("ssh-rsa", "rsa-sha2-256");

    List<Problem> p =
        problems(
            """
            devices:
              - id: old1
                host: 10.0.0.1
                platform: cisco_ios
                username: u
                password: {env: R1_PASS}
                ssh_algorithms:
                  kex: {add: [diffie-hellman-group1-sha2]}
                  cipher: [aes128-ctr]
                  macs: {ad: [hmac-sha1]}
            lines: []
            """);
    assertThat(p).extracting(Problem::toString).hasSize(3);
    assertThat(p.get(0).toString())
        .startsWith(
            "monitor.yml:8:19: devices[0].ssh_algorithms.kex.add[0]: unknown kex algorithm"
                + " 'diffie-hellman-group1-sha2'; known: ")
        .contains("diffie-hellman-group1-sha1, ");
    assertThat(p.get(1).toString())
        .startsWith("monitor.yml:9:7: devices[0].ssh_algorithms.cipher: unknown key");
    assertThat(p.get(2).toString())
        .startsWith("monitor.yml:10:14: devices[0].ssh_algorithms.macs.ad: unknown key 'ad'");
  }
}
