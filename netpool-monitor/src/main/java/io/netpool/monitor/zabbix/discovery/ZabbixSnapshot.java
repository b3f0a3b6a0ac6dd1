package io.netpool.monitor.zabbix.discovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one discovery read from the API, before it is turned into lines.
 *
 * @param version the server's version
 * @param proxy the configured proxy, or null when the hosts monitored by the server were read
 * @param hosts the hosts the API returned for the tag (checked again for an exact match later)
 * @param templates every template linked to them, directly or through other templates, by id
 * @param globals the global macros
 */
public record ZabbixSnapshot(
    ZabbixVersion version,
    ZabbixProxy proxy,
    List<ZabbixHost> hosts,
    Map<String, ZabbixTemplate> templates,
    List<UserMacro> globals) {
  public ZabbixSnapshot {
    Objects.requireNonNull(version, "version");
    hosts = List.copyOf(hosts);
    templates = Map.copyOf(templates);
    globals = List.copyOf(globals);
  }
}
