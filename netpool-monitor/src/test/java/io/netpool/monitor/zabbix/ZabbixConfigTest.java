package io.netpool.monitor.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.pool.Protocol;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code zabbix:} section of monitor.yml, as the inventory loader reads it. */
class ZabbixConfigTest {
  static final Map<String, String> ENV = Map.of("ZBX_TOKEN", "t0ken", "ZBX_PW", "pw");
  static final InventoryLoader LOADER =
      new InventoryLoader(ENV::get).section(ZabbixSection.KEY, ZabbixSection::read);

  static InventoryLoader.MonitorFile load(String yaml) throws InventoryException {
    return LOADER.parseMonitorFile(Path.of("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8));
  }

  static List<Problem> problems(String yaml) {
    try {
      load(yaml);
    } catch (InventoryException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void aFullSectionIsRead() throws Exception {
    InventoryLoader.MonitorFile f =
        load(
            """
            zabbix:
              api:
                url: https://zabbix.example.net/api_jsonrpc.php
                token: {env: ZBX_TOKEN}
                timeout: 20s
              discovery:
                proxy: dc1-proxy
                tag: Role=Line
                sync_interval: 2m
                interval: 1m
                protocol: scrapli
                host_key: accept-new
              sender:
                server: 10.0.0.1
                proxies:
                  dc1-proxy: 10.0.0.5:10052
                  v6-proxy: "[2001:db8::5]:10051"
            """);
    ZabbixSettings z = ZabbixSection.of(f);
    assertThat(z.discovers()).isTrue();
    assertThat(z.api().url()).isEqualTo(URI.create("https://zabbix.example.net/api_jsonrpc.php"));
    assertThat(z.api().token()).isEqualTo(SecretRef.env("ZBX_TOKEN", "t0ken"));
    assertThat(z.api().username()).isNull();
    assertThat(z.api().timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(z.discovery())
        .isEqualTo(
            new ZabbixSettings.Discovery(
                "dc1-proxy",
                "Role",
                "Line",
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                Protocol.CLI,
                HostKeyPolicy.ACCEPT_NEW));
    assertThat(z.sender().server()).isEqualTo(new ZabbixEndpoint("10.0.0.1", 10051));
    assertThat(z.sender().proxies())
        .containsEntry("dc1-proxy", new ZabbixEndpoint("10.0.0.5", 10052))
        .containsEntry("v6-proxy", new ZabbixEndpoint("2001:db8::5", 10051));
    // no lines in the file is fine when they come from Zabbix
    assertThat(f.inventory().lines()).isEmpty();
    assertThat(f.inventory().warnings()).isEmpty();
    assertThat(z.toString()).doesNotContain("t0ken");
  }

  @Test
  void defaultsApplyAndUsernamePasswordWorks() throws Exception {
    ZabbixSettings z =
        ZabbixSection.of(
            load(
                """
                zabbix:
                  api: {url: "http://127.0.0.1:18080/api_jsonrpc.php", username: netpool, password: {env: ZBX_PW}}
                  discovery: {}
                """));
    assertThat(z.api().username()).isEqualTo("netpool");
    assertThat(z.api().timeout()).isEqualTo(ZabbixSettings.DEFAULT_API_TIMEOUT);
    assertThat(z.discovery().proxy()).isNull();
    assertThat(z.discovery().scope()).isEqualTo("the server");
    assertThat(z.discovery().tagName()).isEqualTo("TempType");
    assertThat(z.discovery().tagValue()).isEqualTo("LINE");
    assertThat(z.discovery().syncInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(z.discovery().defaultInterval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(z.discovery().defaultProtocol()).isSameAs(Protocol.CLI);
    assertThat(z.discovery().hostKey()).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(z.sender()).isNull();
  }

  @Test
  void aFileWithoutZabbixHasNoSettingsAndLinesMayNameTheirZabbixHost() throws Exception {
    InventoryLoader.MonitorFile f =
        load(
            """
            devices:
              - {id: r1, host: 10.0.0.1, platform: linux, username: u, password: {env: ZBX_PW}}
            lines:
              - {id: l1, router: r1, target: 192.0.2.1, zabbix_host: "Line BJ-SH 001"}
              - {id: l2, router: r1, target: 192.0.2.2}
            """);
    assertThat(ZabbixSection.of(f)).isNull();
    assertThat(f.inventory().lines().get("l1").zabbixRoute())
        .isEqualTo(new ZabbixRoute("Line BJ-SH 001", null));
    assertThat(f.inventory().lines().get("l2").zabbix()).isNull();
    assertThat(f.inventory().lines().get("l2").zabbixRoute())
        .isEqualTo(new ZabbixRoute("l2", null));
  }

  @Test
  void everyMistakeIsLocatedByLineAndField() {
    List<Problem> p =
        problems(
            """
            zabbix:
              api:
                url: ftp://zabbix
                token: {env: ZBX_TOKEN}
                username: netpool
                timout: 5s
              discovery:
                tag: TempType
                sync_interval: 5s
                protocol: telnet
              sender:
                server: "zabbix:99999"
                proxies: {dc1: "10.0.0.5:abc"}
            """);
    assertThat(p)
        .extracting(x -> x.line() + " " + x.field() + ": " + x.message())
        .containsExactly(
            "3 zabbix.api: use either 'token' or 'username' and 'password', not both",
            "3 zabbix.api.url: 'ftp://zabbix' is not an http(s) URL such as"
                + " https://zabbix.example.net/api_jsonrpc.php",
            "6 zabbix.api.timout: unknown key 'timout' in zabbix.api; did you mean 'timeout'?",
            "8 zabbix.discovery.tag: 'TempType' is not NAME=VALUE; write e.g. TempType=LINE",
            "9 zabbix.discovery.sync_interval: sync_interval must be at least 10s, was '5s'",
            "10 zabbix.discovery.protocol: unknown protocol 'telnet' (use ssh, cli or its alias"
                + " scrapli)",
            "12 zabbix.sender.server: '99999' in 'zabbix:99999' is not a port 1..65535",
            "13 zabbix.sender.proxies.dc1: 'abc' in '10.0.0.5:abc' is not a port 1..65535");
    assertThat(p).allSatisfy(x -> assertThat(x.file()).isEqualTo("monitor.yml"));
  }

  @Test
  void discoveryNeedsAnApiAndTheApiNeedsCredentials() {
    assertThat(problems("zabbix:\n  discovery: {proxy: dc1}\n"))
        .extracting(Problem::toString)
        .containsExactly(
            "monitor.yml:2:3: zabbix.api: discovery needs 'api' (url, and token or username and"
                + " password)");
    assertThat(problems("zabbix:\n  api: {url: 'http://z/api_jsonrpc.php', username: u}\n"))
        .extracting(Problem::toString)
        .containsExactly("monitor.yml:2:8: zabbix.api: missing 'password' (with 'username')");
    assertThat(problems("zabbix:\n  api: {token: {env: NOPE}}\n"))
        .extracting(Problem::message)
        .containsExactly("missing required field 'url'", "environment variable NOPE is not set");
  }

  @Test
  void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
    List<Problem> p =
        problems(
            "zabbix:\n  api: {url: 'https://admin:hunter2@z/api_jsonrpc.php', token: {env:"
                + " ZBX_TOKEN}}\n");
    assertThat(p).extracting(Problem::toString).noneMatch(s -> s.contains("hunter2"));
    assertThat(p)
        .extracting(Problem::message)
        .containsExactly(
            "the URL must not contain a user or password; use 'token' or 'username'/'password'");
  }

  @Test
  void zabbixHostIsCheckedAndCannotBeADefault() {
    assertThat(
            problems(
                """
                defaults:
                  line: {zabbix_host: all}
                devices:
                  - {id: r1, host: 10.0.0.1, platform: linux, username: u, password: {env: ZBX_PW}}
                lines:
                  - {id: l1, router: r1, target: 192.0.2.1, zabbix_host: "bad/name"}
                """))
        .extracting(x -> x.line() + " " + x.field() + ": " + x.message())
        .containsExactly(
            "2 defaults.line.zabbix_host: 'zabbix_host' cannot have a default; each line has its"
                + " own",
            "6 lines[0].zabbix_host: 'bad/name' is not a Zabbix host name (letters, digits, space,"
                + " _ . -; up to 128)");
  }

  @Test
  void aWrongTypeIsAProblemNotACrash() {
    assertThatThrownBy(() -> load("zabbix: [a, b]\n"))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("zabbix: expected a mapping with 'api', 'discovery' and/or 'sender'");
    assertThat(problems("zabbix:\n  api: yes\n  sender: {proxies: [a]}\n"))
        .extracting(Problem::message)
        .containsExactly(
            "expected a mapping with its fields, got a boolean",
            "expected a mapping with proxy name: HOST[:PORT] or {address: HOST[:PORT], tls:"
                + " {...}}, got a list");
  }
}
