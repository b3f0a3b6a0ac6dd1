package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe fields of a line ({@code probe}, the operation's names {@code operation}, {@code
 * owner}, {@code admin}, {@code test}, and {@code frequency}) and their rules against the router's
 * platform.
 */
final class ProbeFields {
  private ProbeFields() {}

  static final Field<List<String>> PROBE =
      Field.of("probe", typesReader())
          .orElse(List.of(ProbeSelection.PING))
          .help(
              "`ping`, `sla` (read the router's own SLA operation) or a list of both, such as"
                  + " `[ping, sla]`; the first is the line's measurement (state, alarms)");
  static final Field<String> OPERATION =
      Field.of("operation", Fields.parsed(ProbeRules::operationNumber))
          .ownOnly()
          .docDefault("none")
          .help("`probe: sla` on Cisco: the IP SLA operation (entry) number, 1..2147483647");
  static final Field<String> OWNER =
      Field.of("owner", Fields.parsed(ProbeRules::name))
          .ownOnly()
          .docDefault("none")
          .help("`probe: sla` on Junos: the RPM probe owner");
  static final Field<String> ADMIN =
      Field.of("admin", Fields.parsed(ProbeRules::name))
          .ownOnly()
          .docDefault("none")
          .help("`probe: sla` on Huawei and H3C: the NQA test instance's administrator name");
  static final Field<String> TEST =
      Field.of("test", Fields.parsed(ProbeRules::name))
          .ownOnly()
          .docDefault("none")
          .help("`probe: sla` on Junos (RPM test) and Huawei/H3C (NQA test instance): its name");
  static final Field<Duration> FREQUENCY =
      Field.of("frequency", Fields.duration(Duration.ofSeconds(1), Duration.ofDays(1)))
          .orElse(ProbeSelection.DEFAULT_FREQUENCY)
          .help(
              "`probe: sla`: how often the router runs the operation (Cisco `frequency`, Junos"
                  + " `test-interval`, NQA `frequency`); a last run older than twice this is"
                  + " `sla_stale`");

  /** In the order of the "Lines" table of docs/inventory.md. */
  static final List<Field<?>> FIELDS = List.of(PROBE, OPERATION, OWNER, ADMIN, TEST, FREQUENCY);

  /** The names a probe command's placeholders are filled from. */
  private static final List<Field<String>> KEY_FIELDS = List.of(OPERATION, OWNER, ADMIN, TEST);

  static ProbeSelection selection(Values v) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Field<String> f : KEY_FIELDS) {
      if (v.has(f)) {
        keys.put(f.key(), v.get(f));
      }
    }
    return new ProbeSelection(v.get(PROBE), keys, v.get(FREQUENCY));
  }

  /**
   * Rules against the router: an {@code sla} line's router has an {@code sla} command in its
   * platform profile, and the line names exactly what that command needs. Reports each broken one,
   * returns whether all hold.
   */
  static boolean check(Values v, DeviceSpec router, MapNode line, String path, ReadContext ctx) {
    if (!v.ok()) {
      return true; // a broken value is reported already; its neighbours are judged once it is fixed
    }
    List<String> given = new ArrayList<>();
    for (Field<String> f : KEY_FIELDS) {
      if (v.has(f)) {
        given.add(f.key());
      }
    }
    Map<String, String> problems = ProbeRules.problems(v.get(PROBE), given, router.platform());
    problems.forEach((key, message) -> report(line, key, path, ctx, message));
    return problems.isEmpty();
  }

  private static void report(MapNode line, String key, String path, ReadContext ctx, String m) {
    Entry own = line.entries().get(key);
    ctx.problem(own != null ? own.value().mark() : line.mark(), path + "." + key, m);
  }

  private static FieldReader<List<String>> typesReader() {
    return (node, path, ctx) -> {
      List<Node> items = node instanceof SeqNode seq ? seq.items() : List.of(node);
      if (items.isEmpty()) {
        ctx.problem(
            node.mark(),
            path,
            "names no probe type; known: " + String.join(", ", ProbeRules.TYPES));
        return null;
      }
      List<String> types = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        String itemPath = node instanceof SeqNode ? path + "[" + i + "]" : path;
        String t = Fields.text(items.get(i), itemPath, ctx);
        if (t == null) {
          return null;
        }
        if (!ProbeRules.TYPES.contains(t)) {
          ctx.problem(
              items.get(i).mark(),
              itemPath,
              "unknown probe type '" + t + "'; known: " + String.join(", ", ProbeRules.TYPES));
          return null;
        }
        if (types.contains(t)) {
          ctx.problem(items.get(i).mark(), itemPath, "'" + t + "' is named twice");
          return null;
        }
        types.add(t);
      }
      return List.copyOf(types);
    };
  }
}
