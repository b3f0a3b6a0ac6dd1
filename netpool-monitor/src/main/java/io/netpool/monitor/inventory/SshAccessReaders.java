package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.Scalar;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import io.netpool.ssh.JumpHost;
import io.netpool.ssh.JumpHosts;
import io.netpool.ssh.platform.AlgorithmCategory;
import io.netpool.ssh.platform.AlgorithmList;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Readers of the SSH access fields of a device: {@code jump:} and {@code ssh_algorithms:}. */
final class SshAccessReaders {
  private SshAccessReaders() {}

  private static final List<String> CATEGORY_KEYS =
      Arrays.stream(AlgorithmCategory.values()).map(AlgorithmCategory::key).toList();

  /** {@code jump: [b1, b2]} (or one id): ids of {@code jump_hosts:}, first hop first. */
  static FieldReader<JumpHosts> jump() {
    return (node, path, ctx) -> {
      List<Node> items = node instanceof SeqNode seq ? seq.items() : List.of(node);
      List<JumpHost> hops = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        String itemPath = node instanceof SeqNode ? path + "[" + i + "]" : path;
        String id = Fields.text(item, itemPath, ctx);
        if (id == null) {
          ok = false;
          continue;
        }
        JumpHost hop = ctx.jumpHosts().get(id);
        if (hop == null) {
          ctx.problem(
              item.mark(),
              itemPath,
              "unknown jump host '"
                  + id
                  + "'"
                  + Suggest.didYouMean(id, ctx.jumpHosts().keySet())
                  + (ctx.jumpHosts().isEmpty()
                      ? " (jump_hosts: has no valid entry)"
                      : "; jump_hosts: " + String.join(", ", ctx.jumpHosts().keySet())));
          ok = false;
        } else if (hops.contains(hop)) {
          ctx.problem(item.mark(), itemPath, "jump host '" + id + "' appears twice");
          ok = false;
        } else {
          hops.add(hop);
        }
      }
      return ok ? new JumpHosts(hops) : null;
    };
  }

  /**
   * {@code ssh_algorithms: {kex: {add: [...]}, ciphers: [...], macs: {replace: [...]}, host_key:
   * ...}}: per category a plain list (exactly these), {@code add:} or {@code replace:}.
   */
  static FieldReader<AlgorithmPolicy> algorithms() {
    return (node, path, ctx) -> {
      if (!(node instanceof MapNode m)) {
        ctx.problem(
            node.mark(),
            path,
            "expected a mapping of " + String.join(", ", CATEGORY_KEYS) + ", got " + node.kind());
        return null;
      }
      Fields.unknownKeys(m, CATEGORY_KEYS, path, ctx);
      List<AlgorithmList> lists = new ArrayList<>();
      boolean ok = true;
      for (Entry e : m.entries().values()) {
        AlgorithmCategory category = AlgorithmCategory.ofKey(e.key());
        if (category == null) {
          ok = false; // reported by unknownKeys
          continue;
        }
        AlgorithmList list = list(category, e.value(), path + "." + e.key(), ctx);
        ok &= list != null;
        if (list != null) {
          lists.add(list);
        }
      }
      return ok ? AlgorithmPolicy.of(lists) : null;
    };
  }

  private static AlgorithmList list(
      AlgorithmCategory category, Node node, String path, ReadContext ctx) {
    AlgorithmList.Mode mode = AlgorithmList.Mode.REPLACE;
    Node names = node;
    String namesPath = path;
    if (node instanceof MapNode m) {
      List<String> modes = List.of("add", "replace");
      Fields.unknownKeys(m, modes, path, ctx);
      if (!modes.containsAll(m.entries().keySet())) {
        return null; // reported
      }
      if (m.entries().size() != 1
          || !(m.entries().containsKey("add") || m.entries().containsKey("replace"))) {
        ctx.problem(node.mark(), path, "expected exactly one of add: [...] or replace: [...]");
        return null;
      }
      Entry only = m.entries().values().iterator().next();
      mode = only.key().equals("add") ? AlgorithmList.Mode.ADD : AlgorithmList.Mode.REPLACE;
      names = only.value();
      namesPath = path + "." + only.key();
    }
    if (!(names instanceof SeqNode seq) || seq.items().isEmpty()) {
      ctx.problem(names.mark(), namesPath, "expected a non-empty list of algorithm names");
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String n = item instanceof Scalar ? Fields.text(item, namesPath + "[" + i + "]", ctx) : null;
      if (n == null) {
        if (!(item instanceof Scalar)) {
          ctx.problem(item.mark(), namesPath + "[" + i + "]", "expected an algorithm name");
        }
        ok = false;
      } else if (!category.isKnown(n)) {
        ctx.problem(
            item.mark(),
            namesPath + "[" + i + "]",
            AlgorithmList.unknownMessage(category, List.of(n)));
        ok = false;
      } else {
        out.add(n);
      }
    }
    return ok ? new AlgorithmList(category, mode, out) : null;
  }
}
