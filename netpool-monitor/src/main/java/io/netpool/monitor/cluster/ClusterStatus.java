package io.netpool.monitor.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster as one node sees it, for the status page, {@code /api/status} and {@code /readyz}.
 *
 * @param name the cluster's name
 * @param self this node
 * @param viewId the view number
 * @param coordinator the member that runs the one-node duties
 * @param members every member of the view, in view order, with what it last said
 * @param quorum the configured quorum, 0 for none
 * @param inventory this node's inventory fingerprint
 * @param owners every line of the whole inventory and the node that owns it
 */
public record ClusterStatus(
    String name,
    String self,
    long viewId,
    String coordinator,
    List<Member> members,
    int quorum,
    String inventory,
    Map<String, String> owners) {

  /**
   * One member.
   *
   * @param node its name
   * @param statusUrl its status page, or null (not said yet, or no HTTP)
   * @param devices routers it owns, -1 when it has not said
   * @param lines lines it checks, -1 when it has not said
   * @param inventory its inventory fingerprint, or null when it has not said
   */
  public record Member(String node, String statusUrl, int devices, int lines, String inventory) {}

  public ClusterStatus {
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    owners = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(owners));
  }

  public static ClusterStatus of(
      String name,
      ClusterView view,
      List<PeerStatus> peers,
      String ownInventory,
      Map<String, String> owners) {
    Map<String, PeerStatus> byNode = new LinkedHashMap<>();
    peers.forEach(p -> byNode.put(p.node(), p));
    List<Member> members = new ArrayList<>();
    for (String m : view.members()) {
      PeerStatus p = byNode.get(m);
      members.add(
          p == null
              ? new Member(m, null, -1, -1, m.equals(view.self()) ? ownInventory : null)
              : new Member(m, p.statusUrl(), p.devices(), p.lines(), p.inventory()));
    }
    return new ClusterStatus(
        name,
        view.self(),
        view.viewId(),
        view.coordinator(),
        members,
        view.quorum(),
        ownInventory,
        owners);
  }

  /** Members whose inventory fingerprint differs from the coordinator's (unknown ones left out). */
  public List<String> diverged() {
    String reference = null;
    for (Member m : members) {
      if (m.node().equals(coordinator)) {
        reference = m.inventory();
      }
    }
    List<String> out = new ArrayList<>();
    if (reference == null) {
      return out;
    }
    for (Member m : members) {
      if (m.inventory() != null && !m.inventory().equals(reference)) {
        out.add(m.node());
      }
    }
    return out;
  }

  /** What the others should know but does not make this node unready: diverging inventories. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (String d : diverged()) {
      out.add("node " + d + " runs another inventory than the coordinator " + coordinator);
    }
    return out;
  }

  /** Why this node is not ready ({@code /readyz}): empty when it is healthy. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (quorum > 0 && members.size() < quorum) {
      out.add(
          "cluster view holds " + members.size() + " of the " + quorum + " members of its quorum");
    }
    List<String> names = new ArrayList<>();
    for (Member m : members) {
      if (names.contains(m.node())) {
        out.add("two cluster members are named " + m.node());
      }
      names.add(m.node());
    }
    return out;
  }
}
