package io.netpool.monitor.zabbix.setup;

import io.netpool.monitor.zabbix.discovery.ZabbixApiClient;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Zabbix templates netpool ships ({@code zabbix/templates/}, also on the class path) and their
 * import with {@code configuration.import}: missing objects are created, existing ones updated, and
 * items, triggers, graphs and value maps the shipped file no longer has are deleted, so importing a
 * newer netpool's templates brings an installation up to date.
 */
public final class ShippedTemplates {

  /** The line template's technical name. */
  public static final String LINE = "netpool line";

  /** The router template's technical name. */
  public static final String ROUTER = "netpool router";

  /** The router template's router trigger (its name as stored, with the macro unexpanded). */
  public static final String ROUTER_TRIGGER = "netpool: router cannot be used: {ITEM.LASTVALUE1}";

  private static final List<String> FILES = List.of("netpool_router.yaml", "netpool_line.yaml");
  private static final String FOLDER = "/io/netpool/monitor/zabbix/templates/";

  private ShippedTemplates() {}

  /** The YAML text of a shipped template file, e.g. {@code netpool_line.yaml}. */
  public static String yaml(String file) {
    try (InputStream in = ShippedTemplates.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("the shipped template " + file + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped template " + file, e);
    }
  }

  /** Imports every shipped template; returns what was imported, one entry per file. */
  public static List<String> importAll(ZabbixApiClient api) throws ZabbixApiException {
    Map<String, Object> rules = rules(api.version().atLeast(6, 2));
    for (String file : FILES) {
      api.call(
          "configuration.import", Map.of("format", "yaml", "source", yaml(file), "rules", rules));
    }
    return FILES.stream().map(f -> "imported template " + f).toList();
  }

  private static Map<String, Object> rules(boolean templateGroups) {
    Map<String, Object> createUpdate = Map.of("createMissing", true, "updateExisting", true);
    Map<String, Object> sync =
        Map.of("createMissing", true, "updateExisting", true, "deleteMissing", true);
    Map<String, Object> rules = new LinkedHashMap<>();
    // 6.2 split host groups from template groups
    rules.put(templateGroups ? "template_groups" : "groups", Map.of("createMissing", true));
    rules.put("templates", createUpdate);
    rules.put("items", sync);
    rules.put("triggers", sync);
    rules.put("graphs", sync);
    rules.put("valueMaps", sync);
    return rules;
  }
}
