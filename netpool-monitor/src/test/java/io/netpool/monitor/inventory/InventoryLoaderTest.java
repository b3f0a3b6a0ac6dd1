package io.netpool.monitor.inventory;

import static io.netpool.monitor.inventory.InventoryTestSupport.ENV;
import static io.netpool.monitor.inventory.InventoryTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.ssh.HostKeyMode;
import io.netpool.ssh.SshOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
  private static final SshOptions SSH = SshOptions.defaults();

  static Path example() throws URISyntaxException {
    return Path.of(InventoryLoaderTest.class.getResource("/inventory/example.yml").toURI());
  }

  @Test
  void loadsTheDocumentedExampleWithDefaultsApplied() throws Exception {
    Inventory inv = InventoryTestSupport.LOADER.read(example());

    assertThat(inv.devices()).containsOnlyKeys("edge1", "edge2", "edge3");
    assertThat(inv.lines().keySet())
        .containsExactly("bj-sh-001", "bj-sh-002", "bj-gz-010", "lab-v6-1");
    assertThat(inv.warnings()).isEmpty();

    DeviceSpec edge1 = inv.device("edge1").orElseThrow();
    assertThat(edge1.host()).isEqualTo("10.0.0.1");
    assertThat(edge1.port()).isEqualTo(22);
    assertThat(edge1.platform()).isEqualTo(PingPlatform.of("cisco_iosxe"));
    assertThat(edge1.protocol()).isSameAs(Protocol.CLI);
    assertThat(edge1.username()).isEqualTo("netops");
    assertThat(edge1.password().describe()).isEqualTo("env:NETPOOL_PASSWORD");
    assertThat(edge1.enableSecret().describe()).isEqualTo("env:EDGE1_ENABLE");
    assertThat(edge1.maxSessions()).isEqualTo(2);
    assertThat(edge1.hostKey()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    // default tags merged with the device's own
    assertThat(edge1.tags()).containsExactly(entry("site", "bj"), entry("role", "pe"));

    DeviceSpec edge2 = inv.device("edge2").orElseThrow();
    assertThat(edge2.port()).isEqualTo(2222);
    assertThat(edge2.protocol()).isSameAs(Protocol.CLI); // scrapli is an alias of cli
    assertThat(edge2.hostKey()).isEqualTo(HostKeyPolicy.STRICT);
    Path secretFile = example().getParent().resolve("secrets/edge2.pass").normalize();
    assertThat(edge2.password().describe()).isEqualTo("file:" + secretFile.toAbsolutePath());

    DeviceSpec edge3 = inv.device("edge3").orElseThrow();
    assertThat(edge3.host()).isEqualTo("2001:db8::3");
    assertThat(edge3.protocol()).isSameAs(Protocol.SSH);
    assertThat(edge3.maxSessions()).isEqualTo(4);
    assertThat(edge3.tags()).containsOnlyKeys("site", "lab", "v6");

    LineSpec l1 = inv.line("bj-sh-001").orElseThrow();
    assertThat(inv.router(l1)).isSameAs(edge1);
    assertThat(l1.source()).isEqualTo("Loopback0");
    assertThat(l1.vrf()).isEqualTo("CUST-A");
    assertThat(l1.repeat()).isEqualTo(5);
    assertThat(l1.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(l1.interval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(l1.size()).isNull();
    assertThat(l1.tags())
        .containsExactly(
            entry("dedicated", ""), entry("customer", "acme"), entry("circuit", "CT-10G-001"));

    LineSpec l2 = inv.line("bj-sh-002").orElseThrow();
    assertThat(l2.interval()).isEqualTo(Duration.ofSeconds(180));
    assertThat(l2.size()).isEqualTo(1400);
    assertThat(l2.source()).isNull();

    LineSpec gz = inv.line("bj-gz-010").orElseThrow();
    assertThat(gz.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(inv.router(gz).platform().command(gz.pingRequest()))
        .isEqualTo("ping -v -a 198.51.100.6 -c 10 -t 500 -vpn-instance VPN-B 198.51.100.7");

    LineSpec v6 = inv.line("lab-v6-1").orElseThrow();
    assertThat(v6.tags()).isEmpty(); // tags: null drops the defaults
    assertThat(v6.pingRequest().ipv6()).isTrue();

    assertThat(inv.linesOf("edge1"))
        .extracting(LineSpec::id)
        .containsExactly("bj-sh-001", "bj-sh-002");
    assertThat(inv.linesOf("nobody")).isEmpty();
  }

  @Test
  void buildsTheCoreDeviceWithCredentialsTagsAndTypedSshOptions() throws Exception {
    Inventory inv = InventoryTestSupport.LOADER.read(example());

    Device edge2 = inv.toDevice("edge2", SSH);
    assertThat(edge2.id()).isEqualTo("edge2");
    assertThat(edge2.host()).isEqualTo("edge2.example.net");
    assertThat(edge2.port()).isEqualTo(2222);
    assertThat(edge2.platform()).isEqualTo("huawei_vrp");
    assertThat(edge2.maxSessions()).isEqualTo(2);
    assertThat(edge2.tags()).containsEntry("site", "bj").doesNotContainKey("ssh.hostKeys");
    assertThat(edge2.options().get(SshOptions.class).orElseThrow().hostKeyMode())
        .isEqualTo(HostKeyMode.STRICT);
    assertThat(edge2.credentials().username()).isEqualTo("netops");
    assertThat(edge2.credentials().password().reveal()).isEqualTo("edge2-secret");
    assertThat(edge2.credentials().enableSecret()).isNull();

    Device edge1 = inv.toDevice("edge1", SSH);
    assertThat(edge1.credentials().password().source()).isEqualTo("env:NETPOOL_PASSWORD");
    assertThat(edge1.credentials().enableSecret().source()).isEqualTo("env:EDGE1_ENABLE");
    assertThat(edge1.options().get(SshOptions.class).orElseThrow().hostKeyMode())
        .isEqualTo(HostKeyMode.ACCEPT_NEW);
  }

  @Test
  void literalSecretsWorkAndNeverPrint() throws Exception {
    Inventory inv =
        parse(
            """
            devices:
              - id: r1
                host: 10.0.0.1
                platform: linux
                username: root
                password: {value: hunter2-literal}
                enable_secret: {value: en-literal}
            lines: []
            """);
    DeviceSpec r1 = inv.device("r1").orElseThrow();
    assertThat(r1.toDevice(SSH).credentials().password().reveal()).isEqualTo("hunter2-literal");
    assertThat(r1.toDevice(SSH).credentials().enableSecret().reveal()).isEqualTo("en-literal");
    assertThat(r1.toString() + r1.password() + r1.toDevice(SSH) + inv)
        .doesNotContain("hunter2")
        .doesNotContain("en-literal");
    assertThat(r1.password().describe()).isEqualTo("literal");
    assertThat(inv.warnings())
        .extracting(Problem::message)
        .contains("no lines: nothing will be monitored");
  }

  @Test
  void privateKeyLoginNeedsNoPassword(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("id_ed25519"), "KEY");
    Inventory inv =
        parse(
            dir.resolve("monitor.yml"),
            """
            devices:
              - {id: r1, host: 10.0.0.1, platform: linux, username: root, private_key: id_ed25519}
            lines:
              - {id: l1, router: r1, target: 192.0.2.1}
            """);
    Device d = inv.toDevice("r1", SSH);
    assertThat(d.credentials().password()).isNull();
    assertThat(d.credentials().privateKey()).isEqualTo(dir.resolve("id_ed25519").toAbsolutePath());
  }

  @Test
  void yamlTypedScalarsAreReadAsWrittenInTextFields() throws Exception {
    // plain 1001 is a YAML integer, plain off a YAML boolean: both are fine as text
    Inventory inv =
        parse(
            """
            devices:
              - id: 1001
                host: 10.0.0.1
                platform: cisco_nxos
                username: netops
                password: {env: R1_PASS}
                host_key: off
                tags: {rack: 12, active: yes}
            lines:
              - id: 7
                router: 1001
                target: 192.0.2.1
                vrf: 100
            """);
    DeviceSpec d = inv.device("1001").orElseThrow();
    assertThat(d.hostKey()).isEqualTo(HostKeyPolicy.OFF);
    assertThat(d.tags()).containsEntry("rack", "12").containsEntry("active", "yes");
    assertThat(inv.line("7").orElseThrow().vrf()).isEqualTo("100");
  }

  @Test
  void explicitNullUnsetsADefault() throws Exception {
    Inventory inv =
        parse(
            """
            defaults:
              line: {vrf: CUST, source: Loopback0}
            devices:
              - {id: r1, host: 10.0.0.1, platform: arista_eos, username: u, password: {env: R1_PASS}}
            lines:
              - {id: l1, router: r1, target: 192.0.2.1}
              - {id: l2, router: r1, target: 192.0.2.2, vrf: ~, source: }
            """);
    assertThat(inv.line("l1").orElseThrow().vrf()).isEqualTo("CUST");
    assertThat(inv.line("l1").orElseThrow().source()).isEqualTo("Loopback0");
    assertThat(inv.line("l2").orElseThrow().vrf()).isNull();
    assertThat(inv.line("l2").orElseThrow().source()).isNull();
  }

  @Test
  void anchorsAliasesAndMergeKeysAreResolved() throws Exception {
    Inventory inv =
        parse(
            """
            devices:
              - &huawei
                id: r1
                host: 10.0.0.1
                platform: huawei_vrp
                username: netops
                password: &pw {env: R1_PASS}
              - <<: *huawei
                id: r2
                host: 10.0.0.2
                password: *pw
            lines:
              - {id: l1, router: r2, target: 192.0.2.1}
            """);
    DeviceSpec r2 = inv.device("r2").orElseThrow();
    assertThat(r2.host()).isEqualTo("10.0.0.2");
    assertThat(r2.platform()).isEqualTo(PingPlatform.of("huawei_vrp"));
    assertThat(r2.password().describe()).isEqualTo("env:R1_PASS");
  }

  @Test
  void warnsAboutChecksThatCannotFinishWithinTheirIntervalAndDuplicateTargets() throws Exception {
    Inventory inv =
        parse(
            """
            devices:
              - {id: r1, host: 10.0.0.1, platform: cisco_ios, username: u, password: {env: R1_PASS}}
            lines:
              - {id: l1, router: r1, target: 192.0.2.1, repeat: 5, timeout: 2s, interval: 10s}
              - {id: l2, router: r1, target: 192.0.2.1, interval: 1m}
            """);
    assertThat(inv.warnings()).hasSize(2);
    assertThat(inv.warnings().get(0).toString())
        .isEqualTo(
            "monitor.yml:4:5: lines[0]: repeat × timeout = 10s is not below interval 10s: a check"
                + " toward a dead peer overruns its interval and the next run is skipped");
    assertThat(inv.warnings().get(1).toString())
        .isEqualTo(
            "monitor.yml:5:5: lines[1]: pings the same target 192.0.2.1 from the same router and"
                + " VRF as line 'l1'");
  }

  @Test
  void inventoryIsImmutable() throws Exception {
    Inventory inv = parse(InventoryTestSupport.BASE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> inv.devices().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> inv.lines().remove("l1"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> inv.device("r1").orElseThrow().tags().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(inv.digest()).hasSize(64);
    assertThat(ENV).isNotEmpty();
    assertThat(inv.toDevice("r1", SSH).credentials().password().source()).isEqualTo("env:R1_PASS");
    assertThat(Map.copyOf(inv.devices())).hasSize(2);
  }

  @Test
  void aBracketedIpv6HostAndATagNamedLikeAnSshOptionAreAccepted() throws Exception {
    Inventory inv =
        InventoryTestSupport.parse(
            """
            devices:
              - id: r1
                host: "[2001:db8::1]"
                platform: linux
                username: root
                password: {env: R1_PASS}
                tags: {ssh.hostKeys: "off", site: bj}
            lines:
              - {id: l1, router: r1, target: 192.0.2.1}
            """);
    DeviceSpec r1 = inv.devices().get("r1");
    assertThat(r1.host()).isEqualTo("[2001:db8::1]");
    // tags are free labels: netpool reads none of them
    assertThat(r1.tags()).containsEntry("ssh.hostKeys", "off").containsEntry("site", "bj");
  }
}
