package io.netpool.monitor.settings;

import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.FieldReader;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.SeqNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster:} section: several netpool nodes as one monitor (docs/cluster.md). Without it
 * the node runs alone.
 */
public final class ClusterSection {
  /** The top-level key. */
  public static final String KEY = "cluster";

  static final Field<String> NAME =
      Field.of("name", Fields.id())
          .orElse("netpool")
          .help("the cluster's name; nodes of another name never join");
  static final Field<String> NODE =
      Field.of("node", Fields.id())
          .required()
          .help(
              "this node's name: unique in the cluster and the same across restarts (routers are"
                  + " shared out by name)");
  static final Field<String> BIND =
      Field.of("bind", Fields.host())
          .orElse("127.0.0.1")
          .help(
              "the address of this node's cluster traffic, told to the others: a real address"
                  + " of this machine, not a wildcard");
  static final Field<Integer> PORT =
      Field.of("port", Fields.integer(1, 65_535 - 105))
          .orElse(ClusterSettings.DEFAULT_PORT)
          .help("TCP port of cluster traffic; the crash detector listens on `port + 100`");
  static final Field<List<HostPort>> MEMBERS =
      Field.of("members", members())
          .required()
          .help(
              "`host:port` of every node (this one may be listed): where a node finds the others");
  static final Field<SecretRef> SECRET =
      Field.of("secret", Fields.secret())
          .required()
          .help(
              "shared secret (16 characters or more) every message is encrypted with; a node"
                  + " without it cannot join. A secret reference as for devices");
  static final Field<Duration> FAILURE_TIMEOUT =
      Field.of("failure_timeout", Fields.duration(Duration.ofSeconds(2), Duration.ofMinutes(5)))
          .orElse(ClusterSettings.DEFAULT_FAILURE_TIMEOUT)
          .help(
              "a node silent this long (hung, cut off) is dropped and its routers move; a crashed"
                  + " process is seen at once (its socket closes)");
  static final Field<Duration> HEARTBEAT_INTERVAL =
      Field.of("heartbeat_interval", Fields.duration(Duration.ofMillis(200), Duration.ofMinutes(1)))
          .orElse(ClusterSettings.DEFAULT_HEARTBEAT_INTERVAL)
          .help("how often each node says it is alive; shorter than `failure_timeout`");
  static final Field<Duration> JOIN_TIMEOUT =
      Field.of("join_timeout", Fields.duration(Duration.ofMillis(500), Duration.ofMinutes(1)))
          .orElse(ClusterSettings.DEFAULT_JOIN_TIMEOUT)
          .help("a starting node that hears from nobody this long forms the cluster alone");
  static final Field<Integer> QUORUM =
      Field.of("quorum", Fields.integer(0, 10_000))
          .orElse(0)
          .help(
              "members a node must see for `/readyz` to pass (a majority, such as 2 of 3);"
                  + " `0`: none. Checks go on below it: a duplicate check beats a missing one");

  /** The fields, in documentation order. */
  public static final Section TABLE =
      Section.of(
          NAME,
          NODE,
          BIND,
          PORT,
          MEMBERS,
          SECRET,
          FAILURE_TIMEOUT,
          HEARTBEAT_INTERVAL,
          JOIN_TIMEOUT,
          QUORUM);

  /** The section; absent: no cluster ({@link ServiceSettings#cluster()} is null). */
  public static final SettingsSection<ClusterSettings> SECTION =
      new SettingsSection<>(KEY, TABLE, ClusterSection::build);

  private ClusterSection() {}

  private static ClusterSettings build(Values v, SettingsSection.Located at) {
    if (v.get(NODE) == null) {
      return null; // absent section: no cluster
    }
    String bind = v.get(BIND);
    if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
      at.problem(
          BIND.key(), "must be an address of this machine the others can reach, not " + bind);
      return null;
    }
    SecretRef secret = v.get(SECRET);
    if (secret.kind() == SecretRef.Kind.VALUE) {
      at.problem(
          SECRET.key(),
          "must be a reference (`env: NAME` or `file: PATH`), not a literal in the file");
      return null;
    }
    if (v.get(HEARTBEAT_INTERVAL).compareTo(v.get(FAILURE_TIMEOUT)) >= 0) {
      at.problem(HEARTBEAT_INTERVAL.key(), "must be shorter than failure_timeout");
      return null;
    }
    return new ClusterSettings(
        v.get(NAME),
        v.get(NODE),
        bind,
        v.get(PORT),
        v.get(MEMBERS),
        secret,
        v.get(FAILURE_TIMEOUT),
        v.get(HEARTBEAT_INTERVAL),
        v.get(JOIN_TIMEOUT),
        v.get(QUORUM));
  }

  /** A list of {@code host:port}. */
  private static FieldReader<List<HostPort>> members() {
    return (node, path, ctx) -> {
      if (!(node instanceof SeqNode seq) || seq.items().isEmpty()) {
        ctx.problem(node.mark(), path, "expected a list of host:port, such as [10.0.0.1:7800]");
        return null;
      }
      List<HostPort> out = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        Node item = seq.items().get(i);
        String itemPath = path + "[" + i + "]";
        String t = Fields.text(item, itemPath, ctx);
        if (t == null) {
          return null;
        }
        int colon = t.lastIndexOf(':');
        String host = colon > 0 ? t.substring(0, colon).replace("[", "").replace("]", "") : "";
        int port = -1;
        try {
          port = colon > 0 ? Integer.parseInt(t.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (!Fields.isHost(host) || port < 1 || port > 65_535) {
          ctx.problem(item.mark(), itemPath, "'" + t + "' is not host:port");
          return null;
        }
        HostPort hp = new HostPort(host, port);
        if (out.contains(hp)) {
          ctx.problem(item.mark(), itemPath, "'" + t + "' is listed twice");
          return null;
        }
        out.add(hp);
      }
      return List.copyOf(out);
    };
  }
}
