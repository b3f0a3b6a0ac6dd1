package io.netpool.monitor.it.zabbix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The ids {@link ZabbixAdmin} created, by kind, so that its cleanup removes exactly those. */
final class CreatedObjects {

  /**
   * Kinds of objects, in the order they must be deleted: hosts before the proxies that monitor them
   * and the groups they are in, templates before their groups.
   */
  enum Kind {
    HOST("host.delete", "host.get", "hostid", "host"),
    TEMPLATE("template.delete", "template.get", "templateid", "host"),
    PROXY("proxy.delete", "proxy.get", "proxyid", "host"),
    GLOBAL_MACRO("usermacro.deleteglobal", null, "globalmacroid", null),
    HOST_GROUP("hostgroup.delete", "hostgroup.get", "groupid", "name");

    final String deleteMethod;

    /** The get method to find leftovers by name prefix, or null when the kind has no name. */
    final String getMethod;

    final String idField;
    final String nameField;

    Kind(String deleteMethod, String getMethod, String idField, String nameField) {
      this.deleteMethod = deleteMethod;
      this.getMethod = getMethod;
      this.idField = idField;
      this.nameField = nameField;
    }
  }

  private final Map<Kind, Set<String>> ids = new EnumMap<>(Kind.class);

  CreatedObjects() {
    for (Kind kind : Kind.values()) {
      ids.put(kind, ConcurrentHashMap.newKeySet());
    }
  }

  void add(Kind kind, String id) {
    ids.get(kind).add(id);
  }

  void remove(Kind kind, String id) {
    ids.get(kind).remove(id);
  }

  /** The ids of one kind, and forgets them. */
  List<String> take(Kind kind) {
    Set<String> set = ids.get(kind);
    List<String> out = new ArrayList<>(new LinkedHashSet<>(set));
    set.removeAll(out);
    return out;
  }
}
