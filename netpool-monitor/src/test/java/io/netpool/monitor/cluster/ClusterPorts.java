package io.netpool.monitor.cluster;

import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports for cluster nodes in tests. */
public final class ClusterPorts {
  private ClusterPorts() {}

  /**
   * Ports free now on 127.0.0.1, with their crash-detector ports above them, taken below Linux's
   * ephemeral range (32768 and up) so that no client socket takes one while a node is down.
   */
  public static List<HostPort> free(int n) throws IOException {
    List<HostPort> out = new ArrayList<>();
    java.util.Random random = new java.util.Random();
    while (out.size() < n) {
      int p = 20_000 + random.nextInt(12_000);
      if (bindable(p) && bindable(p + ClusterStack.FD_SOCK_OFFSET)) {
        HostPort hp = new HostPort("127.0.0.1", p);
        if (!out.contains(hp)) {
          out.add(hp);
        }
      }
    }
    return out;
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
