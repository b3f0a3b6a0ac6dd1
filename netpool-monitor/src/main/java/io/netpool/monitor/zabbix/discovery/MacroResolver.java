package io.netpool.monitor.zabbix.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a host's user macros the way Zabbix does (manual, "User macros"): host macros first,
 * then the templates linked directly to the host, then their templates level by level, then global
 * macros. Within one level the template with the lowest id wins, as in Zabbix: the result is the
 * value Zabbix itself would use in an item of the host. A template reachable at two depths counts
 * at the nearer one. Context macros ({@code {$X:"ctx"}}) are separate names and never define {@code
 * {$X}}. A pure function.
 */
final class MacroResolver {
  private MacroResolver() {}

  /**
   * One resolved macro.
   *
   * @param value the value; null for a secret macro
   * @param type {@link UserMacro#TEXT}, {@link UserMacro#SECRET} or {@link UserMacro#VAULT}
   * @param origin where it was defined: {@code host}, {@code template 'NAME'} or {@code global}
   */
  record Resolved(String value, int type, String origin) {
    /** Values are left out (they may be passwords). */
    @Override
    public String toString() {
      return "Resolved[" + origin + "]";
    }
  }

  /**
   * The macros in force on a host, and the linked templates that could not be read.
   *
   * @param macros by name, e.g. {@code {$LINE_ID}}
   * @param missingTemplates ids of linked templates absent from {@code templates} (not readable)
   */
  record Resolution(Map<String, Resolved> macros, List<String> missingTemplates) {}

  /**
   * @param host the host (own macros, directly linked templates)
   * @param templates every template read, by id
   * @param globals the global macros
   */
  static Resolution resolve(
      ZabbixHost host, Map<String, ZabbixTemplate> templates, List<UserMacro> globals) {
    Map<String, Resolved> macros = new HashMap<>();
    for (UserMacro m : globals) {
      macros.put(m.name(), new Resolved(m.value(), m.type(), "global"));
    }
    List<String> missing = new ArrayList<>();
    List<List<ZabbixTemplate>> levels = levels(host.templateIds(), templates, missing);
    // deepest level first, and within a level the highest id first, so the lowest id of the
    // nearest level is applied last and wins
    for (int i = levels.size() - 1; i >= 0; i--) {
      List<ZabbixTemplate> level = new ArrayList<>(levels.get(i));
      level.sort(Comparator.comparing(ZabbixTemplate::id, MacroResolver::compareIds).reversed());
      for (ZabbixTemplate t : level) {
        for (UserMacro m : t.macros()) {
          macros.put(m.name(), new Resolved(m.value(), m.type(), "template '" + t.name() + "'"));
        }
      }
    }
    for (UserMacro m : host.macros()) {
      macros.put(m.name(), new Resolved(m.value(), m.type(), "host"));
    }
    return new Resolution(macros, missing);
  }

  /** Templates by depth: [0] linked to the host, [1] their templates, ...; each template once. */
  static List<List<ZabbixTemplate>> levels(
      List<String> direct, Map<String, ZabbixTemplate> templates, List<String> missing) {
    List<List<ZabbixTemplate>> levels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> current = new LinkedHashSet<>(direct);
    while (!current.isEmpty()) {
      List<ZabbixTemplate> level = new ArrayList<>();
      Set<String> next = new LinkedHashSet<>();
      for (String id : current) {
        if (!seen.add(id)) {
          continue; // nearer level already has it, or a cycle
        }
        ZabbixTemplate t = templates.get(id);
        if (t == null) {
          missing.add(id);
          continue;
        }
        level.add(t);
        next.addAll(t.parentIds());
      }
      if (!level.isEmpty()) {
        levels.add(level);
      }
      next.removeAll(seen);
      current = next;
    }
    return levels;
  }

  /** Numeric order for numeric ids (Zabbix ids are integers), text order otherwise. */
  static int compareIds(String a, String b) {
    boolean na = a.matches("\\d{1,18}");
    boolean nb = b.matches("\\d{1,18}");
    if (na && nb) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return na != nb ? (na ? -1 : 1) : a.compareTo(b);
  }
}
