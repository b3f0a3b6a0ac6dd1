package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.ssh.AaaGroup;
import io.netpool.ssh.LoginLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level {@code aaa_groups:} of {@code monitor.yml}: login budgets per AAA group, which
 * devices join with {@code aaa_group: NAME} (docs/inventory.md, "AAA groups").
 *
 * <pre>{@code
 * aaa_groups:
 *   tacacs-bj: {max_concurrent_logins: 4, logins_per_second: 2}
 * }</pre>
 */
public final class AaaGroupsSection {
  /** The top-level key. */
  public static final String KEY = "aaa_groups";

  static final Field<Integer> MAX_CONCURRENT_LOGINS =
      Field.of("max_concurrent_logins", Fields.integer(1, 10_000))
          .required()
          .help("logins of the group's devices in progress at once, 1..10000");
  static final Field<Double> LOGINS_PER_SECOND =
      Field.of("logins_per_second", SettingReaders.number(0.1, 10_000))
          .required()
          .help("logins of the group's devices started per second, 0.1..10000 (spaced evenly)");

  /** The fields of one group, the table in docs/inventory.md. */
  public static final Section TABLE = Section.of(MAX_CONCURRENT_LOGINS, LOGINS_PER_SECOND);

  private AaaGroupsSection() {}

  /**
   * The groups of {@code node} by name, in file order; invalid groups are reported and left out.
   */
  static Map<String, LoginLimits> read(Node node, ReadContext ctx) {
    Map<String, LoginLimits> out = new LinkedHashMap<>();
    if (!(node instanceof MapNode m)) {
      ctx.problem(
          node.mark(),
          KEY,
          "expected a mapping of group name to {max_concurrent_logins, logins_per_second}, got "
              + node.kind());
      return out;
    }
    for (Entry e : m.entries().values()) {
      String path = KEY + "." + e.key();
      if (!AaaGroup.validName(e.key())) {
        ctx.problem(
            e.keyMark(),
            path,
            "'" + e.key() + "' is not a valid group name (1..64 of letters, digits and _ . : -)");
        continue;
      }
      if (!(e.value() instanceof MapNode g)) {
        ctx.problem(
            e.value().mark(),
            path,
            "expected a mapping with "
                + String.join(", ", TABLE.keys())
                + ", got "
                + e.value().kind());
        continue;
      }
      Values v = TABLE.read(g, path, Values.none(), ctx);
      if (v.ok() && v.get(MAX_CONCURRENT_LOGINS) != null && v.get(LOGINS_PER_SECOND) != null) {
        out.put(e.key(), new LoginLimits(v.get(MAX_CONCURRENT_LOGINS), v.get(LOGINS_PER_SECOND)));
      }
    }
    return out;
  }

  /**
   * The device field {@code aaa_group}: a group of {@code aaa_groups:} (checked against the groups
   * the file defines, so a typo is an error, not a device without a budget).
   */
  static FieldReader<String> groupName() {
    return (node, path, ctx) -> {
      String t = Fields.text(node, path, ctx);
      if (t == null) {
        return null;
      }
      String name = t.strip();
      if (!ctx.aaaGroups().contains(name)) {
        ctx.problem(
            node.mark(),
            path,
            "unknown AAA group '"
                + name
                + "'"
                + Suggest.didYouMean(name, ctx.aaaGroups())
                + (ctx.aaaGroups().isEmpty()
                    ? "; the file has no aaa_groups: section"
                    : "; groups in aaa_groups: " + String.join(", ", ctx.aaaGroups())));
        return null;
      }
      return name;
    };
  }
}
