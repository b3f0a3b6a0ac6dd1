package io.netpool.monitor.it.zabbix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ZabbixAdmin#createTemplate} creates (Zabbix 6.0: templates belong to host groups).
 *
 * @param host technical name of the template
 * @param groupIds host groups (at least one)
 * @param tags template tags
 * @param macros template user macros
 * @param templateIds templates this template links (nested templates)
 */
public record TemplateSpec(
    String host,
    List<String> groupIds,
    List<Tag> tags,
    Map<String, String> macros,
    List<String> templateIds) {

  public TemplateSpec {
    groupIds = List.copyOf(groupIds);
    tags = List.copyOf(tags);
    macros = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    templateIds = List.copyOf(templateIds);
    if (groupIds.isEmpty()) {
      throw new IllegalArgumentException("a template needs at least one group: " + host);
    }
  }

  public static TemplateSpec of(String host, String groupId) {
    return new TemplateSpec(host, List.of(groupId), List.of(), Map.of(), List.of());
  }

  public TemplateSpec withTag(String tag, String value) {
    return new TemplateSpec(
        host, groupIds, HostSpec.plus(tags, new Tag(tag, value)), macros, templateIds);
  }

  public TemplateSpec withMacro(String macro, String value) {
    Map<String, String> m = new LinkedHashMap<>(macros);
    m.put(macro, value);
    return new TemplateSpec(host, groupIds, tags, m, templateIds);
  }

  /** Links another template into this one. */
  public TemplateSpec withTemplate(String templateId) {
    return new TemplateSpec(host, groupIds, tags, macros, HostSpec.plus(templateIds, templateId));
  }
}
