package io.netpool.monitor.zabbix.discovery;

import static io.netpool.monitor.zabbix.discovery.JsonRpcServer.JSON;
import static io.netpool.monitor.zabbix.discovery.JsonRpcServer.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.JsonRpcServer.Request;
import io.netpool.pool.Protocol;
import io.netpool.pool.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZabbixHostReaderTest {
  static final ZabbixVersion V60 = ZabbixVersion.parse("6.0.14");
  static final ZabbixVersion V70 = ZabbixVersion.parse("7.0.0");

  static ZabbixSettings.Discovery discovery(String proxy) {
    return new ZabbixSettings.Discovery(
        proxy,
        "TempType",
        "LINE",
        Duration.ofMinutes(5),
        Duration.ofMinutes(3),
        Protocol.CLI,
        HostKeyPolicy.STRICT);
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void hostQueryOn6xFiltersTheServerWithProxyHostidAndTheTagWithEquals() {
    Map<String, Object> p = ZabbixHostReader.hostGetParams(V60, null, "TempType", "LINE");
    JsonNode n = JSON.valueToTree(p);
    assertThat(n.get("filter").toString()).isEqualTo("{\"status\":0,\"proxy_hostid\":0}");
    assertThat(n.has("proxyids")).isFalse();
    assertThat(n.get("output").toString()).contains("\"proxy_hostid\"").doesNotContain("proxyid\"");
    assertThat(n.get("tags").get(0).get("operator").asInt()).isEqualTo(1);
    assertThat(n.get("tags").get(0).get("tag").asText()).isEqualTo("TempType");
    assertThat(n.get("tags").get(0).get("value").asText()).isEqualTo("LINE");
    assertThat(n.get("inheritedTags").asBoolean()).isTrue();
    assertThat(n.has("selectMacros")).isTrue();
    assertThat(n.has("selectParentTemplates")).isTrue();
    assertThat(n.has("selectInheritedTags")).isTrue();
  }

  @Test
  void hostQueryOn7xUsesMonitoredByAndProxyid() {
    JsonNode server = JSON.valueToTree(ZabbixHostReader.hostGetParams(V70, null, "T", "V"));
    assertThat(server.get("filter").toString()).isEqualTo("{\"status\":0,\"monitored_by\":0}");
    assertThat(server.get("output").toString())
        .contains("\"monitored_by\"", "\"proxyid\"")
        .doesNotContain("proxy_hostid");
    JsonNode proxy = JSON.valueToTree(ZabbixHostReader.hostGetParams(V70, "42", "T", "V"));
    assertThat(proxy.get("proxyids").toString()).isEqualTo("[\"42\"]");
    assertThat(proxy.get("filter").toString()).isEqualTo("{\"status\":0}");
  }

  @Test
  void proxyQueryNamesTheProxyByHostOn6xAndByNameOn7x() {
    JsonNode v6 = JSON.valueToTree(ZabbixHostReader.proxyGetParams(V60, "dc1"));
    assertThat(v6.get("filter").toString()).isEqualTo("{\"host\":[\"dc1\"]}");
    assertThat(v6.has("selectInterface")).isTrue();
    JsonNode v7 = JSON.valueToTree(ZabbixHostReader.proxyGetParams(V70, "dc1"));
    assertThat(v7.get("filter").toString()).isEqualTo("{\"name\":[\"dc1\"]}");
    assertThat(v7.get("output").toString()).contains("operating_mode", "address", "port");
  }

  @Test
  void proxiesOf6xTakeThePassiveInterfaceAndActiveOnesHaveNoAddress() throws Exception {
    // as Zabbix 6.0.14 answers (checked against a real server)
    List<ZabbixProxy> p =
        ZabbixHostReader.parseProxies(
            json(
                "[{'host':'a','status':'5','proxyid':'1','interface':[]},"
                    + "{'host':'p','status':'6','proxyid':'2','interface':"
                    + "{'ip':'127.0.0.9','dns':'','useip':'1','port':'10099'}},"
                    + "{'host':'d','status':'6','proxyid':'3','interface':"
                    + "{'ip':'','dns':'proxy.example.net','useip':'0','port':'{$PORT}'}}]"),
            V60);
    assertThat(p)
        .containsExactly(
            new ZabbixProxy("1", "a", false, null),
            new ZabbixProxy("2", "p", true, new ZabbixEndpoint("127.0.0.9", 10099)),
            new ZabbixProxy("3", "d", true, null));
  }

  @Test
  void proxiesOf7xUseOperatingModeAndAddress() throws Exception {
    List<ZabbixProxy> p =
        ZabbixHostReader.parseProxies(
            json(
                "[{'proxyid':'1','name':'a','operating_mode':'0','address':'127.0.0.1','port':'10051'},"
                    + "{'proxyid':'2','name':'p','operating_mode':'1','address':'10.1.1.1','port':'10055'}]"),
            V70);
    assertThat(p)
        .containsExactly(
            new ZabbixProxy("1", "a", false, null),
            new ZabbixProxy("2", "p", true, new ZabbixEndpoint("10.1.1.1", 10055)));
  }

  @Test
  void hostsKeepTheirProxyTagsMacrosAndTemplates() throws Exception {
    List<ZabbixHost> v6 =
        ZabbixHostReader.parseHosts(
            json(
                "[{'hostid':'10569','host':'10.99.0.1','name':'10.99.0.1','status':'0',"
                    + "'proxy_hostid':'0','macros':[{'macro':'{$LINE_ID}','value':'l1','type':'0'},"
                    + "{'macro':'{$LINE_ROUTER_PASSWORD}','type':'1'}],"
                    + "'parentTemplates':[{'templateid':'10566','name':'t'}],'tags':[],"
                    + "'inheritedTags':[{'tag':'TempType','value':'LINE'}]},"
                    + "{'host':'no id'},"
                    + "{'hostid':'7','host':'h7','status':'0','proxy_hostid':'10567'}]"),
            V60);
    assertThat(v6).hasSize(2);
    ZabbixHost h = v6.getFirst();
    assertThat(h.proxyId()).isNull();
    assertThat(h.hasTag("TempType", "LINE")).isTrue();
    assertThat(h.macros())
        .containsExactly(
            new UserMacro("{$LINE_ID}", "l1", UserMacro.TEXT),
            new UserMacro("{$LINE_ROUTER_PASSWORD}", null, UserMacro.SECRET));
    assertThat(h.templateIds()).containsExactly("10566");
    assertThat(v6.get(1).proxyId()).isEqualTo("10567");

    List<ZabbixHost> v7 =
        ZabbixHostReader.parseHosts(
            json(
                "[{'hostid':'1','host':'a','status':'0','monitored_by':'0','proxyid':'0'},"
                    + "{'hostid':'2','host':'b','status':'0','monitored_by':'1','proxyid':'9'}]"),
            V70);
    assertThat(v7).extracting(ZabbixHost::proxyId).containsExactly(null, "9");
  }

  @Test
  void anAnswerOfTheWrongShapeIsAProtocolErrorNotACrash() throws Exception {
    assertThatThrownBy(() -> ZabbixHostReader.parseHosts(json("{'a':1}"), V60))
        .isInstanceOfSatisfying(
            ZabbixApiException.class,
            e -> assertThat(e.kind()).isEqualTo(ZabbixApiException.Kind.PROTOCOL));
    assertThat(ZabbixHostReader.parseHosts(json("[1, 'x', null, {}]"), V70)).isEmpty();
    assertThat(ZabbixHostReader.parseMacros(json("[{'value':'x'}, 3]"))).isEmpty();
  }

  @Test
  void templatesAreReadOneCallPerLevelForAllHostsWithACycleGuard() throws Exception {
    // three hosts share templates: 100 and 101 are direct; 100 -> 200 -> 300; 101 -> 200;
    // 300 -> 100 (a loop Zabbix would refuse; it must not hang us)
    Map<String, String> templates =
        Map.of(
            "100",
                "{'templateid':'100','host':'t100','macros':[],'parentTemplates':[{'templateid':'200'}]}",
            "101",
                "{'templateid':'101','host':'t101','macros':[],'parentTemplates':[{'templateid':'200'}]}",
            "200",
                "{'templateid':'200','host':'t200','macros':[],'parentTemplates':[{'templateid':'300'}]}",
            "300",
                "{'templateid':'300','host':'t300','macros':[],'parentTemplates':[{'templateid':'100'}]}");
    String hosts =
        "[{'hostid':'1','host':'h1','status':'0','proxy_hostid':'0','parentTemplates':[{'templateid':'100'}]},"
            + "{'hostid':'2','host':'h2','status':'0','proxy_hostid':'0','parentTemplates':[{'templateid':'101'}]},"
            + "{'hostid':'3','host':'h3','status':'0','proxy_hostid':'0','parentTemplates':[{'templateid':'100'},{'templateid':'101'}]}]";
    try (JsonRpcServer server =
            new JsonRpcServer(
                r ->
                    switch (r.method()) {
                      case "apiinfo.version" -> result(r, "6.0.14");
                      case "host.get" -> result(r, parse(hosts));
                      case "usermacro.get" ->
                          result(r, parse("[{'macro':'{$G}','value':'g','type':'0'}]"));
                      case "template.get" -> {
                        List<JsonNode> out = new ArrayList<>();
                        r.params()
                            .get("templateids")
                            .forEach(id -> out.add(parse(templates.get(id.asText()))));
                        yield result(r, out);
                      }
                      default -> result(r, List.of());
                    });
        ZabbixApiClient client =
            new ZabbixApiClient(
                server.url(),
                new ZabbixApiClient.Token(Secret.of("t0ken-t0ken")),
                Duration.ofSeconds(5))) {
      ZabbixSnapshot s = new ZabbixHostReader(client, discovery(null)).read();
      assertThat(s.hosts()).hasSize(3);
      assertThat(s.templates()).containsOnlyKeys("100", "101", "200", "300");
      assertThat(s.globals()).containsExactly(UserMacro.text("{$G}", "g"));
      List<Request> calls = server.requests("template.get");
      assertThat(calls).hasSize(3);
      assertThat(calls)
          .extracting(c -> c.params().get("templateids").toString())
          .containsExactly("[\"100\",\"101\"]", "[\"200\"]", "[\"300\"]");
      assertThat(server.requests("host.get")).hasSize(1);
      assertThat(server.requests("proxy.get")).isEmpty();
    }
  }

  @Test
  void aProxyThatDoesNotExistFailsTheDiscovery() throws Exception {
    try (JsonRpcServer server =
            new JsonRpcServer(
                r ->
                    r.method().equals("apiinfo.version")
                        ? result(r, "7.0.0")
                        : result(r, List.of()));
        ZabbixApiClient client =
            new ZabbixApiClient(
                server.url(),
                new ZabbixApiClient.Token(Secret.of("t0ken-t0ken")),
                Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> new ZabbixHostReader(client, discovery("dc9")).read())
          .isInstanceOf(ZabbixApiException.class)
          .hasMessageContaining("no proxy named 'dc9'");
      assertThat(server.requests("proxy.get").getFirst().params().get("filter").toString())
          .isEqualTo("{\"name\":[\"dc9\"]}");
      assertThat(server.requests("host.get")).isEmpty();
    }
  }

  private static JsonNode parse(String text) {
    try {
      return json(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
