package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.zabbix.discovery.MacroResolver.Resolved;
import io.netpool.pool.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineMacrosTest {
  static final String PASSWORD = "Rtr-Pa55-w0rd";
  static final LineMacros.Defaults DEFAULTS =
      new LineMacros.Defaults(Duration.ofMinutes(3), Protocol.SSH, HostKeyPolicy.ACCEPT_NEW);
  static final Map<String, String> ENV = Map.of("RTR_PW", "from-env");

  static Map<String, Resolved> macros(String... pairs) {
    Map<String, Resolved> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], new Resolved(pairs[i + 1], UserMacro.TEXT, "host"));
    }
    return m;
  }

  /** A complete, valid set; tests change one thing. */
  static Map<String, Resolved> valid() {
    return macros(
        "{$LINE_ID}", "bj-sh-001",
        "{$LINE_ROUTER_IP}", "10.0.0.1",
        "{$LINE_ROUTER_USERNAME}", "netops",
        "{$LINE_ROUTER_PASSWORD}", PASSWORD,
        "{$LINE_ROUTER_PLATFORM}", "huawei_vrp");
  }

  static LineMacros.Result read(Map<String, Resolved> m) {
    return LineMacros.read("192.0.2.10", m, DEFAULTS, ENV::get);
  }

  @Test
  void aCompleteHostBecomesALineAndItsRouter() {
    Map<String, Resolved> m = valid();
    m.putAll(
        macros(
            "{$LINE_CHECK_INTERVAL}", "1m",
            "{$LINE_SOURCE}", "LoopBack0",
            "{$LINE_VRF}", "CUST-A",
            "{$LINE_REPEAT}", "10",
            "{$LINE_TIMEOUT}", "500ms",
            "{$LINE_ROUTER_PORT}", "2222"));
    LineMacros.Result r = read(m);
    assertThat(r.problems()).isEmpty();
    assertThat(r.line().id()).isEqualTo("bj-sh-001");
    assertThat(r.line().target()).isEqualTo("192.0.2.10"); // the host name is the peer
    assertThat(r.line().router()).isEqualTo("10.0.0.1:2222");
    assertThat(r.line().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.line().source()).isEqualTo("LoopBack0");
    assertThat(r.line().vrf()).isEqualTo("CUST-A");
    assertThat(r.line().repeat()).isEqualTo(10);
    assertThat(r.line().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.router().id()).isEqualTo("10.0.0.1:2222");
    assertThat(r.router().host()).isEqualTo("10.0.0.1");
    assertThat(r.router().port()).isEqualTo(2222);
    assertThat(r.router().platform()).isEqualTo(PingPlatform.of("huawei_vrp"));
    assertThat(r.router().protocol()).isEqualTo(Protocol.SSH); // the configured default
    assertThat(r.router().username()).isEqualTo("netops");
    assertThat(r.router().password()).isEqualTo(SecretRef.literal(PASSWORD));
    assertThat(r.router().hostKey()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(r.router().toString()).doesNotContain(PASSWORD);
  }

  @Test
  void optionalMacrosLeftEmptyTakeTheDefaults() {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_CHECK_INTERVAL}", "", "{$LINE_ROUTER_PROTOCOL}", " "));
    LineMacros.Result r = read(m);
    assertThat(r.problems()).isEmpty();
    assertThat(r.line().interval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(r.line().repeat()).isEqualTo(5);
    assertThat(r.line().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.router().protocol()).isEqualTo(Protocol.SSH);
    assertThat(r.router().id()).isEqualTo("10.0.0.1");
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsMacro() {
    LineMacros.Result r =
        read(
            macros(
                "{$LINE_ROUTER_USERNAME}", "",
                "{$LINE_CHECK_INTERVAL}", "0",
                "{$LINE_ROUTER_PLATFORM}", "ciscoo",
                "{$LINE_ROUTER_PROTOCOL}", "telnet",
                "{$LINE_REPEAT}", "many"));
    assertThat(r.ok()).isFalse();
    assertThat(r.line()).isNull();
    assertThat(r.problems())
        .containsExactly(
            "{$LINE_ID} is missing",
            "{$LINE_CHECK_INTERVAL} '0' is too short: at least 1s",
            "{$LINE_ROUTER_IP} is missing",
            "{$LINE_ROUTER_USERNAME} is empty",
            "{$LINE_ROUTER_PASSWORD} is missing",
            "{$LINE_ROUTER_PLATFORM} 'ciscoo' is not a known platform (known: arista_eos,"
                + " cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, h3c_comware, huawei_vrp,"
                + " juniper_junos, linux)",
            "{$LINE_ROUTER_PROTOCOL} 'telnet' is not a protocol (ssh, cli, or scrapli = cli)",
            "{$LINE_REPEAT} 'many' is not a whole number 1..10000");
  }

  @ParameterizedTest
  @CsvSource({"180, 180", "180s, 180", "3m, 180", "1h30m, 5400", "1d, 86400", "' 90 ', 90"})
  void intervalsAcceptSecondsAndUnits(String text, long seconds) {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_CHECK_INTERVAL}", text));
    assertThat(read(m).line().interval()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s", "500ms", "-5", "3 m", "1.5m", "2w", "soon"})
  void badIntervalsAreProblemsNotDefaults(String text) {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_CHECK_INTERVAL}", text));
    LineMacros.Result r = read(m);
    assertThat(r.line()).isNull();
    assertThat(r.problems()).singleElement().asString().startsWith("{$LINE_CHECK_INTERVAL} '");
  }

  @Test
  void theRouterMayNameAZabbixHostOfItsOwn() {
    assertThat(read(valid()).router().zabbixHost()).isNull();
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_ROUTER_ZABBIX_HOST}", " PE-1 router "));
    assertThat(read(m).router().zabbixHost()).isEqualTo("PE-1 router");
    m.putAll(macros("{$LINE_ROUTER_ZABBIX_HOST}", "pe/1"));
    assertThat(read(m).problems())
        .containsExactly("{$LINE_ROUTER_ZABBIX_HOST} 'pe/1' is not a Zabbix host name");
  }

  @Test
  void scrapliIsTheCliProtocol() {
    for (String name : new String[] {"scrapli", "SCRAPLI", "cli"}) {
      Map<String, Resolved> m = valid();
      m.putAll(macros("{$LINE_ROUTER_PROTOCOL}", name));
      assertThat(read(m).router().protocol()).as(name).isSameAs(Protocol.CLI);
    }
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_ROUTER_PROTOCOL}", "ssh"));
    assertThat(read(m).router().protocol()).isSameAs(Protocol.SSH);
  }

  @Test
  void theTargetIsLineTargetOrAnAddressHostName() {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_TARGET}", "2001:db8::7"));
    assertThat(LineMacros.read("line-bj-sh", m, DEFAULTS, ENV::get).line().target())
        .isEqualTo("2001:db8::7");
    assertThat(LineMacros.read("line-bj-sh", valid(), DEFAULTS, ENV::get).problems())
        .containsExactly(
            "{$LINE_TARGET} is missing and the host name 'line-bj-sh' is not an IP address: set"
                + " {$LINE_TARGET} to the line peer's address");
    m.putAll(macros("{$LINE_TARGET}", "10.0.0.300"));
    assertThat(read(m).problems())
        .containsExactly("{$LINE_TARGET} '10.0.0.300' is not an IPv4 or IPv6 address");
  }

  @Test
  void secretAndVaultMacrosAreProblemsThatSayWhy() {
    Map<String, Resolved> m = valid();
    m.put("{$LINE_ROUTER_PASSWORD}", new Resolved(null, UserMacro.SECRET, "template 'Routers'"));
    m.put("{$LINE_ROUTER_USERNAME}", new Resolved("secret/router:user", UserMacro.VAULT, "host"));
    assertThat(read(m).problems())
        .containsExactly(
            "{$LINE_ROUTER_USERNAME} is a vault macro (host); netpool cannot read vault secrets:"
                + " make it a text macro, for a password with env:NAME or file:/path",
            "{$LINE_ROUTER_PASSWORD} is a secret macro (template 'Routers'); the API never returns"
                + " secret values: make it a text macro, for a password with env:NAME or"
                + " file:/path");
  }

  @Test
  void passwordsMayReferToTheEnvironmentOrAFileAndNeverShowInProblems(@TempDir Path dir)
      throws Exception {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", "env:RTR_PW"));
    assertThat(read(m).router().password()).isEqualTo(SecretRef.env("RTR_PW", "from-env"));

    Path file = dir.resolve("rtr.pass");
    Files.writeString(file, "from-file\nsecond line\n");
    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", "file:" + file));
    assertThat(read(m).router().password()).isEqualTo(SecretRef.file(file, "from-file"));

    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", "value:env:literal"));
    assertThat(read(m).router().password()).isEqualTo(SecretRef.literal("env:literal"));

    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", "env:NOT_SET"));
    assertThat(read(m).problems())
        .containsExactly(
            "{$LINE_ROUTER_PASSWORD} refers to environment variable NOT_SET, which is not set");
    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", "file:relative.pass"));
    assertThat(read(m).problems())
        .containsExactly("{$LINE_ROUTER_PASSWORD} file:relative.pass must be an absolute path");

    // a bad literal password never shows: other problems are reported without it
    m.putAll(macros("{$LINE_ROUTER_PASSWORD}", PASSWORD, "{$LINE_ID}", "bad id!"));
    assertThat(String.join("\n", read(m).problems())).doesNotContain(PASSWORD);
  }

  @Test
  void routerIdsAddThePortOnlyWhenItIsNot22() {
    assertThat(LineMacros.routerId("10.0.0.1", 22)).isEqualTo("10.0.0.1");
    assertThat(LineMacros.routerId("10.0.0.1", 2222)).isEqualTo("10.0.0.1:2222");
    assertThat(LineMacros.routerId("2001:db8::1", 2222)).isEqualTo("[2001:db8::1]:2222");
  }

  @Test
  void aBracketedIpv6RouterAddressIsAcceptedAsInMonitorYml() {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_ROUTER_IP}", "[2001:db8::1]", "{$LINE_ROUTER_PORT}", "2222"));
    LineMacros.Result r = read(m);
    assertThat(r.problems()).isEmpty();
    assertThat(r.router().host()).isEqualTo("[2001:db8::1]");
    assertThat(r.router().id()).isEqualTo("[2001:db8::1]:2222");
    assertThat(r.line().router()).isEqualTo("[2001:db8::1]:2222");
  }

  @Test
  void aDiscoveredLineReadsItsRoutersSlaOperation() {
    assertThat(read(valid()).line().probes())
        .isEqualTo(io.netpool.monitor.inventory.ProbeSelection.PING_ONLY);
    Map<String, Resolved> m = valid(); // huawei_vrp: admin and test
    m.putAll(
        macros(
            "{$LINE_PROBE}", "ping, sla",
            "{$LINE_SLA_ADMIN}", "noc",
            "{$LINE_SLA_TEST}", "bj-sh-001",
            "{$LINE_SLA_FREQUENCY}", "30"));
    LineMacros.Result r = read(m);
    assertThat(r.problems()).isEmpty();
    assertThat(r.line().probes().types()).containsExactly("ping", "sla");
    assertThat(r.line().probes().keys())
        .containsExactly(Map.entry("admin", "noc"), Map.entry("test", "bj-sh-001"));
    assertThat(r.line().probes().frequency()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void slaMacrosFollowTheRulesOfTheRoutersPlatform() {
    Map<String, Resolved> m = valid();
    m.putAll(macros("{$LINE_PROBE}", "sla", "{$LINE_SLA_OPERATION}", "10"));
    assertThat(read(m).problems())
        .containsExactly(
            "{$LINE_PROBE} probe sla on huawei_vrp needs admin and test (its command: display nqa"
                + " results test-instance {admin} {test}); admin and test are missing",
            "{$LINE_SLA_OPERATION} operation is not used on huawei_vrp, whose sla command needs"
                + " admin and test");
    Map<String, Resolved> bad = valid();
    bad.putAll(macros("{$LINE_PROBE}", "smokeping"));
    assertThat(read(bad).problems())
        .containsExactly("{$LINE_PROBE} 'smokeping' is not a probe type (known: ping, sla)");
    Map<String, Resolved> unsafe = valid();
    unsafe.putAll(
        macros(
            "{$LINE_PROBE}", "sla", "{$LINE_SLA_ADMIN}", "noc; reboot", "{$LINE_SLA_TEST}", "t"));
    assertThat(read(unsafe).problems())
        .containsExactly(
            "{$LINE_SLA_ADMIN} 'noc; reboot' is not a name (1..64 letters, digits and _ . : -, no"
                + " space)");
  }
}
