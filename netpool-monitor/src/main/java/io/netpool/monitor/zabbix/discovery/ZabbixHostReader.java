package io.netpool.monitor.zabbix.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException.Kind;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the line hosts of one proxy (or of the server), their templates and the global macros
 * through the API, with a fixed number of calls: {@code proxy.get}, {@code host.get}, one {@code
 * template.get} per template level for all hosts together, {@code usermacro.get}. Request shapes
 * differ between Zabbix 6.x and 7.x (proxy name field, how a host names its proxy); the static
 * methods build and parse them and are tested on their own.
 */
final class ZabbixHostReader {
  private static final Logger log = LoggerFactory.getLogger(ZabbixHostReader.class);

  /** Template nesting deeper than this is not followed (Zabbix itself forbids loops). */
  static final int MAX_TEMPLATE_DEPTH = 32;

  /** Tag operator "Equals" (0 would be "Contains": the original matched ONLINE for LINE). */
  static final int TAG_EQUALS = 1;

  private static final List<String> MACRO_FIELDS = List.of("macro", "value", "type");
  private static final List<String> TAG_FIELDS = List.of("tag", "value");

  private final ZabbixApiClient client;
  private final ZabbixSettings.Discovery discovery;

  ZabbixHostReader(ZabbixApiClient client, ZabbixSettings.Discovery discovery) {
    this.client = Objects.requireNonNull(client, "client");
    this.discovery = Objects.requireNonNull(discovery, "discovery");
  }

  /** One read of everything discovery needs. */
  ZabbixSnapshot read() throws ZabbixApiException {
    ZabbixVersion v = client.version();
    ZabbixProxy proxy = discovery.proxy() == null ? null : proxy(v, discovery.proxy());
    List<ZabbixHost> hosts =
        parseHosts(
            client.call(
                "host.get",
                hostGetParams(
                    v,
                    proxy == null ? null : proxy.id(),
                    discovery.tagName(),
                    discovery.tagValue())),
            v);
    Map<String, ZabbixTemplate> templates = templates(hosts);
    List<UserMacro> globals =
        parseMacros(
            client.call("usermacro.get", Map.of("output", MACRO_FIELDS, "globalmacro", true)));
    log.debug(
        "Zabbix {}: {} hosts, {} templates, {} global macros",
        discovery.scope(),
        hosts.size(),
        templates.size(),
        globals.size());
    return new ZabbixSnapshot(v, proxy, hosts, templates, globals);
  }

  private ZabbixProxy proxy(ZabbixVersion v, String name) throws ZabbixApiException {
    JsonNode result = client.call("proxy.get", proxyGetParams(v, name));
    List<ZabbixProxy> found = parseProxies(result, v);
    return found.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ZabbixApiException(
                    Kind.API,
                    "proxy.get",
                    0,
                    "no proxy named '" + name + "'",
                    "check zabbix.discovery.proxy and the API user's permissions"));
  }

  /** Templates level by level: one {@code template.get} per level for every host at once. */
  private Map<String, ZabbixTemplate> templates(List<ZabbixHost> hosts) throws ZabbixApiException {
    Map<String, ZabbixTemplate> templates = new HashMap<>();
    Set<String> asked = new LinkedHashSet<>();
    Set<String> pending = new LinkedHashSet<>();
    hosts.forEach(h -> pending.addAll(h.templateIds()));
    for (int depth = 1; !pending.isEmpty(); depth++) {
      if (depth > MAX_TEMPLATE_DEPTH) {
        log.warn(
            "templates nested deeper than {} levels; not following {}",
            MAX_TEMPLATE_DEPTH,
            pending);
        break;
      }
      asked.addAll(pending);
      Set<String> next = new LinkedHashSet<>();
      for (ZabbixTemplate t :
          parseTemplates(client.call("template.get", templateGetParams(pending)))) {
        templates.put(t.id(), t);
        next.addAll(t.parentIds());
      }
      next.removeAll(asked); // cycle guard, and each template once
      pending.clear();
      pending.addAll(next);
    }
    return templates;
  }

  // ------------------------------------------------------------------ request shapes

  static Map<String, Object> proxyGetParams(ZabbixVersion v, String name) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (v.proxyObjects()) {
      p.put("output", List.of("proxyid", "name", "operating_mode", "address", "port"));
      p.put("filter", Map.of("name", List.of(name)));
    } else {
      p.put("output", List.of("proxyid", "host", "status"));
      p.put("selectInterface", List.of("ip", "dns", "useip", "port"));
      p.put("filter", Map.of("host", List.of(name)));
    }
    return p;
  }

  /**
   * @param proxyId the proxy whose hosts to read, or null for hosts monitored by the server
   */
  static Map<String, Object> hostGetParams(
      ZabbixVersion v, String proxyId, String tagName, String tagValue) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<String> output = new ArrayList<>(List.of("hostid", "host", "name", "status"));
    output.addAll(v.proxyObjects() ? List.of("monitored_by", "proxyid") : List.of("proxy_hostid"));
    p.put("output", output);
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("status", 0);
    if (proxyId != null) {
      p.put("proxyids", List.of(proxyId));
    } else {
      filter.put(v.proxyObjects() ? "monitored_by" : "proxy_hostid", 0);
    }
    p.put("filter", filter);
    p.put("tags", List.of(Map.of("tag", tagName, "value", tagValue, "operator", TAG_EQUALS)));
    p.put("inheritedTags", true);
    p.put("selectTags", TAG_FIELDS);
    p.put("selectInheritedTags", TAG_FIELDS);
    p.put("selectMacros", MACRO_FIELDS);
    p.put("selectParentTemplates", List.of("templateid", "name"));
    return p;
  }

  static Map<String, Object> templateGetParams(Collection<String> ids) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("output", List.of("templateid", "host", "name"));
    p.put("templateids", List.copyOf(ids));
    p.put("selectMacros", MACRO_FIELDS);
    p.put("selectParentTemplates", List.of("templateid", "name"));
    return p;
  }

  // ------------------------------------------------------------------ answers

  static List<ZabbixProxy> parseProxies(JsonNode result, ZabbixVersion v)
      throws ZabbixApiException {
    List<ZabbixProxy> proxies = new ArrayList<>();
    for (JsonNode p : array(result, "proxy.get")) {
      String id = text(p, "proxyid");
      String name = text(p, v.proxyObjects() ? "name" : "host");
      if (id == null || name == null) {
        continue;
      }
      boolean passive;
      ZabbixEndpoint address;
      if (v.proxyObjects()) {
        passive = p.path("operating_mode").asInt(0) == 1;
        address = passive ? endpoint(text(p, "address"), text(p, "port")) : null;
      } else {
        passive = p.path("status").asInt(5) == 6;
        JsonNode i = p.path("interface");
        String host = i.path("useip").asInt(1) == 1 ? text(i, "ip") : text(i, "dns");
        address = passive ? endpoint(host, text(i, "port")) : null;
      }
      proxies.add(new ZabbixProxy(id, name, passive, address));
    }
    return proxies;
  }

  static List<ZabbixHost> parseHosts(JsonNode result, ZabbixVersion v) throws ZabbixApiException {
    List<ZabbixHost> hosts = new ArrayList<>();
    for (JsonNode h : array(result, "host.get")) {
      String id = text(h, "hostid");
      String host = text(h, "host");
      if (id == null || host == null) {
        continue;
      }
      String proxyId = text(h, v.proxyObjects() ? "proxyid" : "proxy_hostid");
      if (v.proxyObjects() && h.path("monitored_by").asInt(0) == 0) {
        proxyId = null;
      }
      List<Map.Entry<String, String>> tags = new ArrayList<>();
      tags(h.path("tags"), tags);
      tags(h.path("inheritedTags"), tags);
      List<String> templateIds = new ArrayList<>();
      for (JsonNode t : h.path("parentTemplates")) {
        String tid = text(t, "templateid");
        if (tid != null) {
          templateIds.add(tid);
        }
      }
      hosts.add(
          new ZabbixHost(
              id,
              host,
              text(h, "name"),
              h.path("status").asInt(0),
              proxyId == null || proxyId.equals("0") ? null : proxyId,
              tags,
              parseMacros(h.path("macros")),
              templateIds));
    }
    return hosts;
  }

  static List<ZabbixTemplate> parseTemplates(JsonNode result) throws ZabbixApiException {
    List<ZabbixTemplate> templates = new ArrayList<>();
    for (JsonNode t : array(result, "template.get")) {
      String id = text(t, "templateid");
      if (id == null) {
        continue;
      }
      List<String> parents = new ArrayList<>();
      for (JsonNode p : t.path("parentTemplates")) {
        String pid = text(p, "templateid");
        if (pid != null) {
          parents.add(pid);
        }
      }
      String name = text(t, "host");
      templates.add(
          new ZabbixTemplate(
              id, name == null ? "id " + id : name, parseMacros(t.path("macros")), parents));
    }
    return templates;
  }

  /** Macros of a host, template or {@code usermacro.get}; tolerant of missing fields. */
  static List<UserMacro> parseMacros(JsonNode macros) {
    List<UserMacro> list = new ArrayList<>();
    for (JsonNode m : macros) {
      String name = text(m, "macro");
      if (name == null) {
        continue;
      }
      JsonNode value = m.get("value");
      list.add(
          new UserMacro(
              name,
              value == null || value.isNull() ? null : value.asText(),
              m.path("type").asInt(0)));
    }
    return list;
  }

  private static void tags(JsonNode node, List<Map.Entry<String, String>> into) {
    for (JsonNode t : node) {
      String tag = text(t, "tag");
      if (tag != null) {
        into.add(new AbstractMap.SimpleImmutableEntry<>(tag, t.path("value").asText("")));
      }
    }
  }

  private static JsonNode array(JsonNode result, String method) throws ZabbixApiException {
    if (result == null || !result.isArray()) {
      throw new ZabbixApiException(
          Kind.PROTOCOL,
          method,
          0,
          "expected a list, got " + (result == null ? "nothing" : result.getNodeType()),
          "");
    }
    return result;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String t = v.asText();
    return t.isEmpty() ? null : t;
  }

  private static ZabbixEndpoint endpoint(String host, String port) {
    if (host == null || host.isBlank()) {
      return null;
    }
    try {
      int p = port == null ? ZabbixEndpoint.DEFAULT_PORT : Integer.parseInt(port.strip());
      return new ZabbixEndpoint(host.strip(), p);
    } catch (IllegalArgumentException e) {
      return null; // a port like {$PROXY_PORT}: unknown, reported as "no address"
    }
  }
}
