package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.pool.Protocol;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryMapperTest {
  static final ZabbixVersion V = ZabbixVersion.parse("6.0.14");
  static final ZabbixSettings.Discovery SERVER =
      new ZabbixSettings.Discovery(
          null,
          "TempType",
          "LINE",
          Duration.ofMinutes(5),
          Duration.ofMinutes(3),
          Protocol.CLI,
          HostKeyPolicy.STRICT);
  static final ZabbixSettings.Discovery DC1 =
      new ZabbixSettings.Discovery(
          "dc1",
          "TempType",
          "LINE",
          Duration.ofMinutes(5),
          Duration.ofMinutes(3),
          Protocol.CLI,
          HostKeyPolicy.STRICT);

  /** A line host: id, technical name, line id, router ip, password; tag LINE inherited. */
  static ZabbixHost line(String id, String host, String lineId, String router, String password) {
    return host(id, host, null, "LINE", lineId, router, password, "cisco_iosxe");
  }

  static ZabbixHost host(
      String id,
      String host,
      String proxyId,
      String tagValue,
      String lineId,
      String router,
      String password,
      String platform) {
    List<UserMacro> macros = new ArrayList<>();
    macros.add(UserMacro.text("{$LINE_ID}", lineId));
    macros.add(UserMacro.text("{$LINE_ROUTER_IP}", router));
    macros.add(UserMacro.text("{$LINE_ROUTER_PASSWORD}", password));
    macros.add(UserMacro.text("{$LINE_ROUTER_PLATFORM}", platform));
    return new ZabbixHost(
        id,
        host,
        host,
        0,
        proxyId,
        List.of(new SimpleImmutableEntry<>("TempType", tagValue)),
        macros,
        List.of("500"));
  }

  /** The template every host links: the user name. */
  static Map<String, ZabbixTemplate> templates() {
    return Map.of(
        "500",
        new ZabbixTemplate(
            "500",
            "Line",
            List.of(UserMacro.text("{$LINE_ROUTER_USERNAME}", "netops")),
            List.of()));
  }

  static DiscoveryResult map(
      ZabbixSettings.Discovery d,
      ZabbixSettings.Sender sender,
      ZabbixProxy proxy,
      ZabbixHost... hosts) {
    return new DiscoveryMapper(d, sender, n -> null)
        .map(new ZabbixSnapshot(V, proxy, List.of(hosts), templates(), List.of()));
  }

  @Test
  void onlyEnabledHostsWithTheExactTagAreLines() {
    ZabbixHost online = host("3", "10.1.0.3", null, "ONLINE", "l3", "10.0.0.1", "pw", "ios");
    ZabbixHost disabled =
        new ZabbixHost(
            "4",
            "10.1.0.4",
            "10.1.0.4",
            1,
            null,
            line("4", "x", "l4", "10.0.0.1", "pw").tags(),
            List.of(),
            List.of());
    ZabbixHost onProxy = host("5", "10.1.0.5", "77", "LINE", "l5", "10.0.0.1", "pw", "ios");
    DiscoveryResult r =
        map(
            SERVER,
            null,
            null,
            line("1", "10.1.0.1", "l1", "10.0.0.1", "pw"),
            online,
            disabled,
            onProxy);
    assertThat(r.lines()).extracting(l -> l.line().id()).containsExactly("l1");
    assertThat(r.problems()).isEmpty();
    assertThat(r.scope()).isEqualTo("the server");
  }

  @Test
  void serverHostsGoToTheDefaultDestinationUnderTheirTechnicalName() {
    DiscoveredLine l =
        map(SERVER, null, null, line("1", "10.1.0.1", "l1", "10.0.0.1", "pw")).lines().getFirst();
    assertThat(l.line().zabbix()).isEqualTo(new ZabbixRoute("10.1.0.1", null));
    assertThat(l.host()).isEqualTo(new HostRef("1", "10.1.0.1", "10.1.0.1", "server"));
    assertThat(l.line().target()).isEqualTo("10.1.0.1");
    assertThat(l.router().username()).isEqualTo("netops"); // from the template
  }

  @Test
  void proxyHostsGoToTheConfiguredAddressElseThePassiveProxyElseAProblem() {
    ZabbixHost h = host("1", "10.1.0.1", "77", "LINE", "l1", "10.0.0.1", "pw", "ios");
    ZabbixEndpoint configured = new ZabbixEndpoint("10.9.9.9", 10051);
    ZabbixEndpoint api = new ZabbixEndpoint("10.8.8.8", 10099);
    ZabbixSettings.Sender sender = new ZabbixSettings.Sender(null, Map.of("dc1", configured));

    DiscoveryResult viaConfig = map(DC1, sender, new ZabbixProxy("77", "dc1", true, api), h);
    assertThat(viaConfig.lines().getFirst().line().zabbix())
        .isEqualTo(new ZabbixRoute("10.1.0.1", configured));
    assertThat(viaConfig.lines().getFirst().host().monitoredBy()).isEqualTo("proxy dc1");

    DiscoveryResult viaApi = map(DC1, null, new ZabbixProxy("77", "dc1", true, api), h);
    assertThat(viaApi.lines().getFirst().line().zabbix())
        .isEqualTo(new ZabbixRoute("10.1.0.1", api));

    DiscoveryResult active = map(DC1, null, new ZabbixProxy("77", "dc1", false, null), h);
    assertThat(active.lines()).isEmpty();
    assertThat(active.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.route()).isNull();
              assertThat(p.toString())
                  .isEqualTo(
                      "host '10.1.0.1' (hostid 1, proxy dc1): proxy 'dc1' is active and its"
                          + " trapper address is not known: add it under zabbix.sender.proxies");
            });
  }

  @Test
  void aHostWithBadMacrosIsAProblemWithItsNameAndEveryReason() {
    ZabbixHost bad = host("9", "10.1.0.9", null, "LINE", "", "", "pw", "nope");
    DiscoveryResult r = map(SERVER, null, null, bad, line("1", "10.1.0.1", "l1", "10.0.0.1", "pw"));
    assertThat(r.lines()).hasSize(1);
    HostProblem p = r.problems().getFirst();
    assertThat(p.host().host()).isEqualTo("10.1.0.9");
    assertThat(p.route()).isEqualTo(new ZabbixRoute("10.1.0.9", null));
    assertThat(p.messages())
        .containsExactly(
            "{$LINE_ID} is empty",
            "{$LINE_ROUTER_IP} is empty",
            "{$LINE_ROUTER_PLATFORM} 'nope' is not a known platform (known: arista_eos,"
                + " cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, h3c_comware, huawei_vrp,"
                + " juniper_junos, linux)");
    assertThat(p.errorText())
        .startsWith("invalid line macros: {$LINE_ID} is empty; {$LINE_ROUTER_IP} is empty; ");
    assertThat(p.toString()).startsWith("host '10.1.0.9' (hostid 9, server): {$LINE_ID} is empty");
  }

  @Test
  void theLowestHostidKeepsALineIdAndDefinesARouter() {
    // hostids compare as numbers: 9 < 10 < 100
    DiscoveryResult r =
        map(
            SERVER,
            null,
            null,
            line("100", "10.1.0.100", "l100", "10.0.0.1", "other-pw"),
            line("10", "10.1.0.10", "dup", "10.0.0.2", "pw"),
            line("9", "10.1.0.9", "dup", "10.0.0.1", "pw"),
            line("11", "10.1.0.11", "l11", "10.0.0.1", "pw"));
    assertThat(r.lines())
        .extracting(l -> l.line().id() + "@" + l.host().hostid())
        .containsExactly("dup@9", "l11@11");
    assertThat(r.problems()).extracting(p -> p.host().hostid()).containsExactly("10", "100");
    assertThat(r.problems().get(0).messages())
        .containsExactly(
            "{$LINE_ID} 'dup' is also the line of host '10.1.0.9' (hostid 9, server), which keeps"
                + " it");
    assertThat(r.problems().get(1).messages())
        .containsExactly(
            "router 10.0.0.1 is also defined by host '10.1.0.9' (hostid 9, server) with another"
                + " {$LINE_ROUTER_PASSWORD}; the host with the lowest id wins: make the macros"
                + " agree");
    assertThat(r.problems().toString()).doesNotContain("other-pw");
  }

  @Test
  void routerDifferencesNameEverySessionField() {
    DiscoveryResult r =
        map(
            SERVER,
            null,
            null,
            host("1", "10.1.0.1", null, "LINE", "a", "10.0.0.1", "pw", "cisco_iosxe"),
            host("2", "10.1.0.2", null, "LINE", "b", "10.0.0.1", "pw", "huawei_vrp"));
    assertThat(r.problems().getFirst().messages().getFirst())
        .contains("with another {$LINE_ROUTER_PLATFORM};");
    // same router, same settings: both lines share one device
    DiscoveryResult same =
        map(
            SERVER,
            null,
            null,
            line("1", "10.1.0.1", "a", "10.0.0.1", "pw"),
            line("2", "10.1.0.2", "b", "10.0.0.1", "pw"));
    assertThat(same.problems()).isEmpty();
    assertThat(same.lines())
        .extracting(l -> l.router().id())
        .containsExactly("10.0.0.1", "10.0.0.1");
  }

  @Test
  void routerZabbixHostMustAgreeToo() {
    io.netpool.monitor.inventory.DeviceSpec a =
        LineMacrosTest.read(LineMacrosTest.valid()).router();
    assertThat(DiscoveryMapper.routerDifferences(a, a.withZabbixHost("pe-1")))
        .containsExactly("{$LINE_ROUTER_ZABBIX_HOST}");
    assertThat(
            DiscoveryMapper.routerDifferences(a.withZabbixHost("pe-1"), a.withZabbixHost("pe-1")))
        .isEmpty();
  }

  @Test
  void anUnreadableTemplateIsAProblem() {
    ZabbixHost h =
        new ZabbixHost(
            "1",
            "10.1.0.1",
            "n",
            0,
            null,
            List.of(new SimpleImmutableEntry<>("TempType", "LINE")),
            line("1", "10.1.0.1", "l1", "10.0.0.1", "pw").macros(),
            List.of("500", "404"));
    DiscoveryResult r = map(SERVER, null, null, h);
    assertThat(r.problems().getFirst().messages())
        .containsExactly(
            "linked template id 404 cannot be read by the API user, so its macros are unknown");
  }
}
