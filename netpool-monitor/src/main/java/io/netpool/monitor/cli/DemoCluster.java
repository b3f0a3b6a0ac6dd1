package io.netpool.monitor.cli;

import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import io.netpool.monitor.inventory.SecretRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code netpool demo --nodes N}: this process is node {@code n1} (live table, status page); nodes
 * {@code n2..nN} are {@code netpool run} processes of the same Java and class path, each with its
 * own {@code monitor.yml} (the demo's fleet plus a {@code cluster:} section) in the demo folder.
 * The shared secret is a random one in a file only the user can read.
 */
final class DemoCluster implements AutoCloseable {
  private final List<Process> children = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  final ClusterSettings self;

  private DemoCluster(ClusterSettings self) {
    this.self = self;
  }

  /** Writes the nodes' files and starts {@code n2..nN}; {@link #self} is {@code n1}'s cluster. */
  static DemoCluster start(Path dir, String fleetYaml, int nodes) throws IOException {
    List<HostPort> members = new ArrayList<>();
    while (members.size() < nodes) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (s.getLocalPort() < 65_000) {
          members.add(new HostPort("127.0.0.1", s.getLocalPort()));
        }
      }
    }
    Path secretFile = dir.resolve("cluster.secret");
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Files.writeString(secretFile, secret + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    ClusterSettings one =
        settings("n1", members.get(0), members, SecretRef.file(secretFile, secret));
    DemoCluster cluster = new DemoCluster(one);
    try {
      for (int k = 1; k < nodes; k++) {
        cluster.startChild(dir, fleetYaml, "n" + (k + 1), members.get(k), members, secretFile);
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static ClusterSettings settings(
      String node, HostPort self, List<HostPort> members, SecretRef secret) {
    return new ClusterSettings(
        "netpool-demo",
        node,
        self.host(),
        self.port(),
        members,
        secret,
        ClusterSettings.DEFAULT_FAILURE_TIMEOUT,
        ClusterSettings.DEFAULT_HEARTBEAT_INTERVAL,
        ClusterSettings.DEFAULT_JOIN_TIMEOUT,
        members.size() / 2 + 1);
  }

  private void startChild(
      Path dir, String fleetYaml, String name, HostPort self, List<HostPort> members, Path secret)
      throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home);
    Path yml = home.resolve("monitor.yml");
    List<String> list = members.stream().map(HostPort::toString).toList();
    Files.writeString(
        yml,
        fleetYaml
            + """
            http:
              port: 0
            state_dir: '%s'
            cluster:
              name: netpool-demo
              node: %s
              port: %d
              members: [%s]
              secret: {file: '%s'}
              quorum: %d
            """
                .formatted(
                    home.resolve("state"),
                    name,
                    self.port(),
                    String.join(", ", list),
                    secret,
                    members.size() / 2 + 1));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "-c",
                yml.toString(),
                "--no-table")
            .redirectOutput(home.resolve("stdout.log").toFile())
            .redirectError(home.resolve("stderr.log").toFile())
            .start();
    children.add(p);
    names.add(name);
    System.err.printf(
        "netpool demo: node %s runs as process %d (log %s); `kill -9 %d` shows the takeover%n",
        name, p.pid(), home.resolve("stderr.log"), p.pid());
  }

  /** The processes of {@code n2..nN}, in order. */
  List<Process> processes() {
    return List.copyOf(children);
  }

  /** Stops the other nodes (SIGTERM: they leave the cluster politely), then kills stragglers. */
  @Override
  public void close() {
    for (Process p : children) {
      p.destroy();
    }
    for (Process p : children) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
