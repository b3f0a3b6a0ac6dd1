package io.netpool.monitor.cluster;

import io.netpool.monitor.inventory.SecretRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster:} section of {@code monitor.yml} (docs/cluster.md): several nodes as one
 * monitor, each checking the lines of the routers it owns.
 *
 * @param name the cluster's name; nodes of another name never join
 * @param node this node's name, unique in the cluster and stable across restarts (ownership is
 *     computed from the names, so a restarted node gets its own routers back)
 * @param bindHost the address this node listens on for cluster traffic and tells its peers
 * @param bindPort the TCP port of cluster traffic; the crash detector listens 100 above it
 * @param members the {@code host:port} of every node (this one may be among them): where a starting
 *     node looks for the cluster
 * @param secret the shared secret every message is encrypted with (AES-GCM, key derived from it): a
 *     node without it can neither join nor read the traffic
 * @param failureTimeout a node silent this long is suspected (FD_ALL3); a crashed process is seen
 *     sooner, when its socket closes (FD_SOCK2)
 * @param heartbeatInterval how often each node tells the others it is alive
 * @param joinTimeout how long a starting node waits for an answer before it forms a cluster alone
 * @param quorum the members a node's view must hold for {@code /readyz} to pass; 0: no quorum
 */
public record ClusterSettings(
    String name,
    String node,
    String bindHost,
    int bindPort,
    List<HostPort> members,
    SecretRef secret,
    Duration failureTimeout,
    Duration heartbeatInterval,
    Duration joinTimeout,
    int quorum) {

  /** Default {@code port}. */
  public static final int DEFAULT_PORT = 7800;

  public static final Duration DEFAULT_FAILURE_TIMEOUT = Duration.ofSeconds(8);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(3);

  /** A {@code host:port} of a member. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public ClusterSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(bindHost, "bindHost");
    members = List.copyOf(members);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(failureTimeout, "failureTimeout");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(joinTimeout, "joinTimeout");
    if (heartbeatInterval.compareTo(failureTimeout) >= 0) {
      throw new IllegalArgumentException("heartbeat_interval must be shorter than failure_timeout");
    }
  }

  /** Without the secret. */
  @Override
  public String toString() {
    return "cluster "
        + name
        + " node "
        + node
        + " at "
        + bindHost
        + ":"
        + bindPort
        + " members "
        + members;
  }
}
