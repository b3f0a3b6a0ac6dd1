package io.netpool.monitor.it.zabbix;

import com.fasterxml.jackson.databind.JsonNode;
import io.netpool.monitor.it.zabbix.CreatedObjects.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small Zabbix 6.0 API client for test setup and read-back: host groups, hosts (tags, macros,
 * templates, proxy), templates linked to templates, trapper items, global macros, proxies, {@code
 * item.get} and {@code history.get}.
 *
 * <p>It is the independent peer the production discovery code is tested against, so it uses no
 * class of {@code io.netpool.monitor.inventory.zabbix}. Every object it creates is remembered and
 * removed by {@link #cleanup()} (also by {@link #close()}); names made with {@link #name} carry a
 * prefix unique to this client, and cleanup also removes hosts, templates, proxies and groups with
 * that prefix that a lost reply left behind.
 */
public final class ZabbixAdmin implements AutoCloseable {

  private static final String NOT_FOUND = "does not exist";

  private final ZabbixJsonRpc rpc;
  private final Runnable configCacheReload;
  private final String runId;
  private final String runPrefix;
  private final CreatedObjects created = new CreatedObjects();
  private volatile String token;

  private ZabbixAdmin(ZabbixJsonRpc rpc, Runnable configCacheReload, String runId) {
    this.rpc = rpc;
    this.configCacheReload = configCacheReload;
    this.runId = runId;
    this.runPrefix = "netpool-it-" + runId + "-";
  }

  /**
   * Logs in with {@code user.login} (Zabbix 6.0 takes {@code username}).
   *
   * @param configCacheReload makes the server load new configuration now (see {@link
   *     RealZabbix#reloadConfigCache()})
   */
  public static ZabbixAdmin login(
      URI apiUrl, String user, String password, Runnable configCacheReload) {
    String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    ZabbixAdmin admin = new ZabbixAdmin(new ZabbixJsonRpc(apiUrl), configCacheReload, runId);
    admin.token =
        admin.rpc.call("user.login", Map.of("username", user, "password", password), null).asText();
    return admin;
  }

  /** 8 hex digits unique to this client, e.g. {@code 1a2b3c4d}; part of {@link #runPrefix()}. */
  public String runId() {
    return runId;
  }

  /** This client's name prefix, e.g. {@code netpool-it-1a2b3c4d-}. */
  public String runPrefix() {
    return runPrefix;
  }

  /** {@code suffix} with this client's prefix: names that cannot collide with other runs. */
  public String name(String suffix) {
    return runPrefix + suffix;
  }

  /** {@code apiinfo.version}, e.g. {@code 6.0.14}. */
  public String apiVersion() {
    return rpc.call("apiinfo.version", Map.of(), null).asText();
  }

  // --- create -----------------------------------------------------------------------------

  public String createHostGroup(String name) {
    return create(Kind.HOST_GROUP, "hostgroup.create", Map.of("name", name), "groupids");
  }

  public String createHost(HostSpec spec) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("host", spec.host());
    if (spec.visibleName() != null) {
      params.put("name", spec.visibleName());
    }
    params.put("groups", idObjects("groupid", spec.groupIds()));
    params.put("tags", tags(spec.tags()));
    params.put("macros", macros(spec.macros()));
    params.put("templates", idObjects("templateid", spec.templateIds()));
    if (spec.proxyId() != null) {
      params.put("proxy_hostid", spec.proxyId()); // Zabbix 6.0 name; 7.0 calls it proxyid
    }
    return create(Kind.HOST, "host.create", params, "hostids");
  }

  public String createTemplate(TemplateSpec spec) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("host", spec.host());
    params.put("groups", idObjects("groupid", spec.groupIds()));
    params.put("tags", tags(spec.tags()));
    params.put("macros", macros(spec.macros()));
    params.put("templates", idObjects("templateid", spec.templateIds()));
    return create(Kind.TEMPLATE, "template.create", params, "templateids");
  }

  /** A Zabbix trapper item (type 2) named like its key, on a host or a template. */
  public String createTrapperItem(String hostOrTemplateId, String key, ValueType valueType) {
    return createTrapperItem(hostOrTemplateId, key, key, valueType);
  }

  public String createTrapperItem(
      String hostOrTemplateId, String key, String name, ValueType valueType) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("hostid", hostOrTemplateId);
    params.put("name", name);
    params.put("key_", key);
    params.put("type", ItemInfo.TYPE_TRAPPER);
    params.put("value_type", valueType.code());
    // Items go with their host or template: not tracked on their own.
    return rpc.call("item.create", params, token).path("itemids").path(0).asText();
  }

  /** A global macro such as {@code {$NETPOOL.LINE.TAG}}; global, so pick a name per run. */
  public String createGlobalMacro(String macro, String value) {
    return create(
        Kind.GLOBAL_MACRO,
        "usermacro.createglobal",
        Map.of("macro", macro, "value", value),
        "globalmacroids");
  }

  /** An active proxy (status 5): hosts can name it; nothing connects to it. */
  public String createProxy(String name) {
    return create(Kind.PROXY, "proxy.create", Map.of("host", name, "status", 5), "proxyids");
  }

  // --- change -----------------------------------------------------------------------------

  public void linkTemplateToHost(String hostId, String templateId) {
    rpc.call(
        "host.massadd",
        Map.of(
            "hosts", idObjects("hostid", List.of(hostId)),
            "templates", idObjects("templateid", List.of(templateId))),
        token);
  }

  /** Makes {@code templateId} include {@code linkedTemplateId} (nested templates). */
  public void linkTemplateToTemplate(String templateId, String linkedTemplateId) {
    rpc.call(
        "template.massadd",
        Map.of(
            "templates", idObjects("templateid", List.of(templateId)),
            "templates_link", idObjects("templateid", List.of(linkedTemplateId))),
        token);
  }

  /** Monitored (status 0) or not (status 1). */
  public void setHostEnabled(String hostId, boolean enabled) {
    rpc.call("host.update", Map.of("hostid", hostId, "status", enabled ? 0 : 1), token);
  }

  /** Makes the server see new hosts and items now, not at its next configuration sync. */
  /**
   * Makes the host accept only PSK-encrypted connections ({@code tls_accept: 2}) with this identity
   * and hex key; the server then refuses its values sent unencrypted or with another key.
   */
  public void requirePsk(String hostId, String identity, String hexKey) {
    call(
        "host.update",
        Map.of("hostid", hostId, "tls_accept", 2, "tls_psk_identity", identity, "tls_psk", hexKey));
  }

  /**
   * Makes the host accept only certificate connections ({@code tls_accept: 4}) whose certificate
   * has this issuer and subject (RFC 4514 strings, as Zabbix compares them).
   */
  public void requireCertificate(String hostId, String issuer, String subject) {
    call(
        "host.update",
        Map.of("hostid", hostId, "tls_accept", 4, "tls_issuer", issuer, "tls_subject", subject));
  }

  public void reloadConfigCache() {
    configCacheReload.run();
  }

  /**
   * {@code configuration.import} of a YAML export: creates what is missing and updates what exists
   * (a shipped template imported again is the same template). Not cleaned up: a template is shared
   * by every run and its import is idempotent.
   */
  public void importConfiguration(String yaml) {
    Map<String, Object> createUpdate = Map.of("createMissing", true, "updateExisting", true);
    Map<String, Object> sync =
        Map.of("createMissing", true, "updateExisting", true, "deleteMissing", true);
    Map<String, Object> rules = new LinkedHashMap<>();
    rules.put("groups", Map.of("createMissing", true));
    rules.put("templates", createUpdate);
    rules.put("items", sync);
    rules.put("triggers", sync);
    rules.put("graphs", sync);
    rules.put("valueMaps", sync);
    rules.put("templateLinkage", Map.of("createMissing", true));
    rpc.call(
        "configuration.import", Map.of("format", "yaml", "source", yaml, "rules", rules), token);
  }

  /** The id of the template with this technical name. */
  public Optional<String> templateId(String template) {
    JsonNode found =
        rpc.call(
            "template.get",
            Map.of("output", List.of("templateid"), "filter", Map.of("host", List.of(template))),
            token);
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(found.get(0).path("templateid").asText());
  }

  /**
   * The names of the problems of a host: open ones and recently resolved ones ({@code recent}), so
   * that a problem that came and went is seen too.
   */
  public List<String> problems(String hostId) {
    JsonNode rows =
        rpc.call(
            "problem.get",
            Map.of(
                "output",
                List.of("eventid", "name"),
                "hostids",
                List.of(hostId),
                "recent",
                true,
                "source",
                0,
                "object",
                0),
            token);
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.path("name").asText()));
    return out;
  }

  // --- read -------------------------------------------------------------------------------

  /** The id of the host with this technical name. */
  public Optional<String> hostId(String host) {
    JsonNode hosts =
        rpc.call(
            "host.get",
            Map.of("output", List.of("hostid"), "filter", Map.of("host", List.of(host))),
            token);
    return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0).path("hostid").asText());
  }

  /** The id of the host group with this name. */
  public Optional<String> hostGroupId(String name) {
    JsonNode groups =
        rpc.call(
            "hostgroup.get",
            Map.of("output", List.of("groupid"), "filter", Map.of("name", List.of(name))),
            token);
    return groups.isEmpty()
        ? Optional.empty()
        : Optional.of(groups.get(0).path("groupid").asText());
  }

  /** The items of a host or template, by key. */
  public List<ItemInfo> items(String hostOrTemplateId) {
    JsonNode items =
        rpc.call(
            "item.get",
            Map.of(
                "output",
                List.of("itemid", "hostid", "key_", "name", "type", "value_type", "templateid"),
                "hostids",
                List.of(hostOrTemplateId),
                "sortfield",
                "key_"),
            token);
    List<ItemInfo> out = new ArrayList<>();
    for (JsonNode item : items) {
      out.add(
          new ItemInfo(
              item.path("itemid").asText(),
              item.path("hostid").asText(),
              item.path("key_").asText(),
              item.path("name").asText(),
              item.path("type").asInt(),
              ValueType.ofCode(item.path("value_type").asInt()),
              item.path("templateid").asText()));
    }
    return out;
  }

  public String itemId(String hostOrTemplateId, String key) {
    return items(hostOrTemplateId).stream()
        .filter(item -> item.key().equals(key))
        .map(ItemInfo::itemId)
        .findFirst()
        .orElseThrow(() -> new ZabbixApiException("no item " + key + " on " + hostOrTemplateId));
  }

  /** All stored values of one item, oldest first. */
  public List<HistoryValue> history(String itemId, ValueType valueType) {
    JsonNode rows =
        rpc.call(
            "history.get",
            Map.of(
                "output", "extend",
                "history", valueType.code(),
                "itemids", List.of(itemId),
                "sortfield", "clock",
                "sortorder", "ASC"),
            token);
    List<HistoryValue> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(
          new HistoryValue(
              row.path("clock").asLong(), row.path("ns").asInt(), row.path("value").asText()));
    }
    out.sort(Comparator.comparingLong(HistoryValue::clock).thenComparingInt(HistoryValue::ns));
    return out;
  }

  /**
   * Any other API method, logged in, for reads this class has no method for. Objects created this
   * way are not cleaned up unless their names carry {@link #runPrefix()}.
   */
  public JsonNode call(String method, Object params) {
    return rpc.call(method, params, token);
  }

  // --- delete -----------------------------------------------------------------------------

  public void deleteHost(String id) {
    delete(Kind.HOST, id);
  }

  public void deleteTemplate(String id) {
    delete(Kind.TEMPLATE, id);
  }

  public void deleteHostGroup(String id) {
    delete(Kind.HOST_GROUP, id);
  }

  public void deleteProxy(String id) {
    delete(Kind.PROXY, id);
  }

  public void deleteGlobalMacro(String id) {
    delete(Kind.GLOBAL_MACRO, id);
  }

  /**
   * Deletes everything this client created, and leftovers named with its prefix. Tries all of it,
   * then throws one exception listing what could not be deleted.
   */
  public void cleanup() {
    List<String> problems = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      Set<String> ids = new LinkedHashSet<>(created.take(kind));
      ids.addAll(leftovers(kind));
      for (String id : ids) {
        try {
          rpc.call(kind.deleteMethod, List.of(id), token);
        } catch (ZabbixApiException e) {
          if (!e.getMessage().contains(NOT_FOUND)) {
            problems.add(kind + " " + id + ": " + e.getMessage());
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ZabbixApiException("cleanup of " + runPrefix + "* incomplete: " + problems);
    }
  }

  /** Cleans up and logs out. */
  @Override
  public void close() {
    try {
      cleanup();
    } finally {
      logout();
    }
  }

  private void logout() {
    String t = token;
    token = null;
    if (t == null) {
      return;
    }
    try {
      rpc.call("user.logout", List.of(), t);
    } catch (ZabbixApiException e) {
      // A session that was not logged out expires by itself; the cleanup's outcome matters more.
    }
  }

  @Override
  public String toString() {
    return "ZabbixAdmin[" + rpc.url() + ", prefix=" + runPrefix + "]"; // never the token
  }

  private String create(Kind kind, String method, Object params, String idsField) {
    String id = rpc.call(method, params, token).path(idsField).path(0).asText();
    created.add(kind, id);
    return id;
  }

  private void delete(Kind kind, String id) {
    rpc.call(kind.deleteMethod, List.of(id), token);
    created.remove(kind, id);
  }

  private List<String> leftovers(Kind kind) {
    if (kind.getMethod == null) {
      return List.of();
    }
    JsonNode found =
        rpc.call(
            kind.getMethod,
            Map.of(
                "output",
                List.of(kind.idField),
                "search",
                Map.of(kind.nameField, runPrefix),
                "startSearch",
                true),
            token);
    List<String> ids = new ArrayList<>();
    found.forEach(node -> ids.add(node.path(kind.idField).asText()));
    return ids;
  }

  private static List<Map<String, String>> idObjects(String field, List<String> ids) {
    return ids.stream().map(id -> Map.of(field, id)).toList();
  }

  private static List<Map<String, String>> tags(List<Tag> tags) {
    return tags.stream().map(t -> Map.of("tag", t.tag(), "value", t.value())).toList();
  }

  private static List<Map<String, String>> macros(Map<String, String> macros) {
    return macros.entrySet().stream()
        .map(e -> Map.of("macro", e.getKey(), "value", e.getValue()))
        .toList();
  }
}
