package io.netpool.monitor.zabbix.discovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host as read from {@code host.get}.
 *
 * @param id hostid
 * @param host technical name ({@code host.host}): the trapper items' host
 * @param name visible name
 * @param status 0 monitored, 1 not monitored
 * @param proxyId id of the proxy that monitors it, or null when the server does
 * @param tags its own and inherited tags, as (tag, value) pairs
 * @param macros its own macros
 * @param templateIds ids of the templates linked directly to it
 */
public record ZabbixHost(
    String id,
    String host,
    String name,
    int status,
    String proxyId,
    List<Map.Entry<String, String>> tags,
    List<UserMacro> macros,
    List<String> templateIds) {
  public ZabbixHost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    name = name == null || name.isBlank() ? host : name;
    tags = List.copyOf(tags);
    macros = List.copyOf(macros);
    templateIds = List.copyOf(templateIds);
  }

  /** True when the host (or a template of it) has exactly this tag and value. */
  public boolean hasTag(String tag, String value) {
    return tags.stream().anyMatch(t -> t.getKey().equals(tag) && t.getValue().equals(value));
  }
}
