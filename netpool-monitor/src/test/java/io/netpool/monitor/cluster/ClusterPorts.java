package io.netpool.monitor.cluster;

import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for cluster nodes in tests. */
public final class ClusterPorts {
  /**
   * Every port this JVM has handed out, with its crash-detector ports: never handed out again. A
   * node of an earlier test may still hold its ports (a process that is exiting, a socket closing),
   * and one node's crash detector may take any port of its range after another node's port was
   * checked free: a CI run failed once when a third node's port was taken that way.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private ClusterPorts() {}

  /**
   * Ports free now on 127.0.0.1, whose crash-detector ranges above them are free too and overlap no
   * port handed out before, taken below Linux's ephemeral range (32768 and up) so that no client
   * socket takes one while a node is down.
   */
  public static List<HostPort> free(int n) throws IOException {
    List<HostPort> out = new ArrayList<>();
    while (out.size() < n) {
      int p = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      List<Integer> reserved = reservedBy(p);
      if (reserved.stream().noneMatch(HANDED_OUT::contains)
          && bindable(p)
          && bindable(p + ClusterStack.FD_SOCK_OFFSET)
          && reserved.stream().allMatch(HANDED_OUT::add)) {
        out.add(new HostPort("127.0.0.1", p));
      }
    }
    return out;
  }

  /** The node's own port and every port its crash detector may bind. */
  private static List<Integer> reservedBy(int port) {
    List<Integer> ports = new ArrayList<>();
    ports.add(port);
    for (int i = 0; i <= ClusterStack.FD_SOCK_PORT_RANGE; i++) {
      ports.add(port + ClusterStack.FD_SOCK_OFFSET + i);
    }
    return ports;
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
