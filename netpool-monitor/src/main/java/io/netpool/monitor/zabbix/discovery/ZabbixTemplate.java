package io.netpool.monitor.zabbix.discovery;

import java.util.List;
import java.util.Objects;

/**
 * A template as read for macro resolution.
 *
 * @param id templateid
 * @param name technical name
 * @param macros the template's own macros
 * @param parentIds ids of the templates this template is linked to (it inherits their macros)
 */
public record ZabbixTemplate(
    String id, String name, List<UserMacro> macros, List<String> parentIds) {
  public ZabbixTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    macros = List.copyOf(macros);
    parentIds = List.copyOf(parentIds);
  }
}
