package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import io.netpool.pool.Credentials;
import io.netpool.ssh.JumpHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level {@code jump_hosts:} section of {@code monitor.yml}: bastions, each a device-like
 * entry (id, host, port, username, password or private key, host-key policy) that devices name in
 * {@code jump: [b1, b2]} (the "Jump hosts" table of docs/inventory.md).
 */
public final class JumpHostFields {
  private JumpHostFields() {}

  /** The top-level key. */
  public static final String KEY = "jump_hosts";

  public static final Section SECTION =
      Section.of(
          DeviceFields.ID,
          DeviceFields.HOST,
          DeviceFields.PORT,
          DeviceFields.USERNAME,
          DeviceFields.PASSWORD,
          DeviceFields.PRIVATE_KEY,
          DeviceFields.HOST_KEY);

  /**
   * Reads the list; reports every problem (bad entry, duplicate id, no credentials) and returns the
   * valid bastions by id.
   */
  static Map<String, JumpHost> read(Node node, ReadContext ctx) {
    Map<String, JumpHost> out = new LinkedHashMap<>();
    if (!(node instanceof SeqNode seq)) {
      ctx.problem(
          node.mark(), KEY, "expected a list (items starting with '- '), got " + node.kind());
      return out;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      Node n = seq.items().get(i);
      String path = KEY + "[" + i + "]";
      if (!(n instanceof YamlTree.MapNode m)) {
        ctx.problem(n.mark(), path, "expected a mapping (id: ..., host: ...), got " + n.kind());
        continue;
      }
      Values v = SECTION.read(m, path, Values.none(), ctx);
      boolean ok = v.ok();
      if (!v.isSet(DeviceFields.PASSWORD) && !v.isSet(DeviceFields.PRIVATE_KEY)) {
        ctx.problem(m.mark(), path, "missing 'password' (or 'private_key')");
        ok = false;
      }
      if (ok && out.containsKey(v.get(DeviceFields.ID))) {
        ctx.problem(
            m.entries().get("id").value().mark(),
            path + ".id",
            "duplicate jump host id '" + v.get(DeviceFields.ID) + "'");
        ok = false;
      }
      if (ok) {
        out.put(v.get(DeviceFields.ID), build(v));
      }
    }
    return out;
  }

  private static JumpHost build(Values v) {
    SecretRef password = v.get(DeviceFields.PASSWORD);
    Path key = v.get(DeviceFields.PRIVATE_KEY);
    return new JumpHost(
        v.get(DeviceFields.ID),
        v.get(DeviceFields.HOST),
        v.get(DeviceFields.PORT),
        new Credentials(
            v.get(DeviceFields.USERNAME), password == null ? null : password.toSecret(), null, key),
        v.get(DeviceFields.HOST_KEY).mode());
  }
}
