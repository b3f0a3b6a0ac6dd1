package io.netpool.monitor.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One node's view of the cluster: the members it agrees with (in the engine's order, the first is
 * the coordinator), and from them who owns a router.
 *
 * @param self this node's name
 * @param viewId the engine's view number (grows with every change this node saw)
 * @param members the members' names in view order; the first is the coordinator
 * @param quorum the configured quorum, 0 for none
 */
public record ClusterView(String self, long viewId, List<String> members, int quorum) {

  public ClusterView {
    Objects.requireNonNull(self, "self");
    members = List.copyOf(members);
  }

  /** A view of this node alone (before it joined, or when it formed the cluster). */
  public static ClusterView alone(String self, int quorum) {
    return new ClusterView(self, -1, List.of(self), quorum);
  }

  /** The coordinator: the oldest member; it runs the one-node duties. */
  public String coordinator() {
    return members.isEmpty() ? self : members.get(0);
  }

  public boolean isCoordinator() {
    return coordinator().equals(self);
  }

  /** The distinct member names, sorted: what ownership is computed from. */
  public List<String> owners() {
    return List.copyOf(new TreeSet<>(members));
  }

  /** Names held by more than one member: ownership cannot be trusted while there are any. */
  public List<String> duplicateNames() {
    List<String> seen = new ArrayList<>();
    List<String> dup = new ArrayList<>();
    for (String m : members) {
      if (seen.contains(m) && !dup.contains(m)) {
        dup.add(m);
      }
      seen.add(m);
    }
    return Collections.unmodifiableList(dup);
  }

  /** The member that owns the router {@code deviceId}. */
  public String ownerOf(String deviceId) {
    return Rendezvous.owner(deviceId, owners());
  }

  public boolean owns(String deviceId) {
    return self.equals(ownerOf(deviceId));
  }

  /** True when a quorum is configured and this view holds fewer members. */
  public boolean belowQuorum() {
    return quorum > 0 && members.size() < quorum;
  }
}
