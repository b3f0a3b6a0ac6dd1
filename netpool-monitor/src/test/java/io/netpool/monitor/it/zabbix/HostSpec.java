package io.netpool.monitor.it.zabbix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ZabbixAdmin#createHost} creates: a host without interfaces (trapper items need none).
 *
 * @param host technical name ({@code host.host}), the name the trapper protocol uses
 * @param visibleName shown name, or null for the technical name
 * @param groupIds host groups (at least one)
 * @param tags host tags
 * @param macros user macros, e.g. {@code {$LINE.PEER}} to value
 * @param templateIds templates to link
 * @param proxyId the proxy that monitors the host, or null for the server
 */
public record HostSpec(
    String host,
    String visibleName,
    List<String> groupIds,
    List<Tag> tags,
    Map<String, String> macros,
    List<String> templateIds,
    String proxyId) {

  public HostSpec {
    groupIds = List.copyOf(groupIds);
    tags = List.copyOf(tags);
    macros = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    templateIds = List.copyOf(templateIds);
    if (groupIds.isEmpty()) {
      throw new IllegalArgumentException("a host needs at least one group: " + host);
    }
  }

  public static HostSpec of(String host, String groupId) {
    return new HostSpec(host, null, List.of(groupId), List.of(), Map.of(), List.of(), null);
  }

  public HostSpec withVisibleName(String name) {
    return new HostSpec(host, name, groupIds, tags, macros, templateIds, proxyId);
  }

  public HostSpec withGroup(String groupId) {
    return new HostSpec(
        host, visibleName, plus(groupIds, groupId), tags, macros, templateIds, proxyId);
  }

  public HostSpec withTag(String tag, String value) {
    return new HostSpec(
        host, visibleName, groupIds, plus(tags, new Tag(tag, value)), macros, templateIds, proxyId);
  }

  public HostSpec withMacro(String macro, String value) {
    Map<String, String> m = new LinkedHashMap<>(macros);
    m.put(macro, value);
    return new HostSpec(host, visibleName, groupIds, tags, m, templateIds, proxyId);
  }

  public HostSpec withTemplate(String templateId) {
    return new HostSpec(
        host, visibleName, groupIds, tags, macros, plus(templateIds, templateId), proxyId);
  }

  public HostSpec withProxy(String id) {
    return new HostSpec(host, visibleName, groupIds, tags, macros, templateIds, id);
  }

  static <T> List<T> plus(List<T> list, T element) {
    List<T> out = new ArrayList<>(list);
    out.add(element);
    return out;
  }
}
