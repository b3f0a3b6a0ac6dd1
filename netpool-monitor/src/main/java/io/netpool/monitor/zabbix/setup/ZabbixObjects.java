package io.netpool.monitor.zabbix.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.netpool.monitor.zabbix.discovery.ZabbixApiClient;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The few API reads and writes the setup needs, with the 6.0 / 7.0 field names handled here. */
final class ZabbixObjects {

  /**
   * A host as the setup sees it.
   *
   * @param proxyId the proxy that monitors it, or null for the server
   */
  record Host(String id, String name, String proxyId) {}

  private final ZabbixApiClient api;
  private final boolean proxyObjects;

  ZabbixObjects(ZabbixApiClient api) throws ZabbixApiException {
    this.api = api;
    this.proxyObjects = api.version().proxyObjects();
  }

  /** The hosts with these technical names, by name. */
  Map<String, Host> hosts(Collection<String> names) throws ZabbixApiException {
    Map<String, Host> out = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    List<String> output =
        proxyObjects
            ? List.of("hostid", "host", "monitored_by", "proxyid")
            : List.of("hostid", "host", "proxy_hostid");
    JsonNode rows =
        api.call(
            "host.get", Map.of("output", output, "filter", Map.of("host", List.copyOf(names))));
    for (JsonNode h : rows) {
      String proxy = proxyObjects ? h.path("proxyid").asText("0") : h.path("proxy_hostid").asText();
      boolean byProxy = proxyObjects ? h.path("monitored_by").asInt(0) == 1 : !"0".equals(proxy);
      String name = h.path("host").asText();
      out.put(name, new Host(h.path("hostid").asText(), name, byProxy ? proxy : null));
    }
    return out;
  }

  Optional<String> templateId(String technicalName) throws ZabbixApiException {
    JsonNode rows =
        api.call(
            "template.get",
            Map.of("output", List.of("templateid"), "filter", Map.of("host", technicalName)));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).path("templateid").asText());
  }

  /**
   * The host group's id, creating the group when it is missing (unless {@code create} is false).
   */
  Optional<String> hostGroup(String name, boolean create) throws ZabbixApiException {
    JsonNode rows =
        api.call(
            "hostgroup.get", Map.of("output", List.of("groupid"), "filter", Map.of("name", name)));
    if (!rows.isEmpty()) {
      return Optional.of(rows.get(0).path("groupid").asText());
    }
    if (!create) {
      return Optional.empty();
    }
    JsonNode created = api.call("hostgroup.create", Map.of("name", name));
    return Optional.of(created.path("groupids").get(0).asText());
  }

  /** Creates a host without interfaces (trapper items need none), linked to the template. */
  String createHost(String name, String groupId, String templateId, String proxyId)
      throws ZabbixApiException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("host", name);
    p.put("groups", List.of(Map.of("groupid", groupId)));
    p.put("templates", List.of(Map.of("templateid", templateId)));
    if (proxyId != null) {
      if (proxyObjects) {
        p.put("monitored_by", 1);
        p.put("proxyid", proxyId);
      } else {
        p.put("proxy_hostid", proxyId);
      }
    }
    return api.call("host.create", p).path("hostids").get(0).asText();
  }

  /** The ids of the templates linked directly to the host. */
  List<String> linkedTemplates(String hostId) throws ZabbixApiException {
    JsonNode rows =
        ofHost(
            "host.get", hostId, List.of("hostid"), "selectParentTemplates", List.of("templateid"));
    return rows.isEmpty()
        ? List.of()
        : rows.get(0).path("parentTemplates").findValuesAsText("templateid");
  }

  /** Links the template to the host, keeping the host's other templates. */
  void linkTemplate(String hostId, String templateId) throws ZabbixApiException {
    api.call(
        "host.massadd",
        Map.of(
            "hosts", List.of(Map.of("hostid", hostId)),
            "templates", List.of(Map.of("templateid", templateId))));
  }

  /**
   * A user macro defined on a host itself.
   *
   * @param id its hostmacroid
   */
  record HostMacro(String id, String value) {}

  Optional<HostMacro> hostMacro(String hostId, String macro) throws ZabbixApiException {
    JsonNode rows =
        ofHost(
            "usermacro.get",
            hostId,
            List.of("hostmacroid", "value"),
            "filter",
            Map.of("macro", macro));
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new HostMacro(
                rows.get(0).path("hostmacroid").asText(), rows.get(0).path("value").asText()));
  }

  void createHostMacro(String hostId, String macro, String value) throws ZabbixApiException {
    api.call("usermacro.create", Map.of("hostid", hostId, "macro", macro, "value", value));
  }

  void updateHostMacro(String hostMacroId, String value) throws ZabbixApiException {
    api.call("usermacro.update", Map.of("hostmacroid", hostMacroId, "value", value));
  }

  void deleteHostMacro(String hostMacroId) throws ZabbixApiException {
    api.call("usermacro.delete", List.of(hostMacroId));
  }

  /**
   * A trigger of a host.
   *
   * @param dependsOn the ids of the triggers it depends on
   */
  record Trigger(String id, String description, List<String> dependsOn) {}

  /** The triggers of a host, with their dependencies. */
  List<Trigger> triggers(String hostId) throws ZabbixApiException {
    JsonNode rows =
        ofHost(
            "trigger.get",
            hostId,
            List.of("triggerid", "description"),
            "selectDependencies",
            List.of("triggerid"));
    List<Trigger> out = new java.util.ArrayList<>();
    for (JsonNode t : rows) {
      out.add(
          new Trigger(
              t.path("triggerid").asText(),
              t.path("description").asText(),
              t.path("dependencies").findValuesAsText("triggerid")));
    }
    return out;
  }

  /** The description of each of these triggers, by id. */
  Map<String, String> descriptions(Collection<String> triggerIds) throws ZabbixApiException {
    Map<String, String> out = new LinkedHashMap<>();
    if (triggerIds.isEmpty()) {
      return out;
    }
    JsonNode rows =
        api.call(
            "trigger.get",
            Map.of(
                "output",
                List.of("triggerid", "description"),
                "triggerids",
                List.copyOf(triggerIds)));
    rows.forEach(t -> out.put(t.path("triggerid").asText(), t.path("description").asText()));
    return out;
  }

  /** Replaces the trigger's dependencies with these. */
  void setDependencies(String triggerId, Collection<String> dependsOn) throws ZabbixApiException {
    api.call(
        "trigger.update",
        Map.of(
            "triggerid",
            triggerId,
            "dependencies",
            dependsOn.stream().map(id -> Map.of("triggerid", id)).toList()));
  }

  /** A {@code *.get} of one host's objects, with one more parameter. */
  private JsonNode ofHost(
      String method, String hostId, List<String> output, String param, Object value)
      throws ZabbixApiException {
    return api.call(method, Map.of("output", output, "hostids", List.of(hostId), param, value));
  }
}
