package io.netpool.monitor.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.cli.Main;
import io.netpool.monitor.schedule.Phase;
import io.netpool.sim.SimulatorMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulator process and netpool node processes on loopback, each a real JVM started from this
 * JVM's class path: the node's {@code monitor.yml}, its JSON lines, its {@code /api/status}.
 */
final class ClusterFleet implements AutoCloseable {
  static final String SECRET_ENV = "NETPOOL_CLUSTER_SECRET";
  static final String SECRET = "cluster-test-secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Path dir;
  final int routers;
  final Duration interval;
  private final List<ClusterSettings.HostPort> members;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private Process sim;
  private String devicesYaml;

  /** One node process. */
  final class Node {
    final String name;
    final int clusterPort;
    final int httpPort;
    final Path json;
    Process process;

    Node(String name, int clusterPort, int httpPort) {
      this.name = name;
      this.clusterPort = clusterPort;
      this.httpPort = httpPort;
      this.json = dir.resolve(name + ".jsonl");
    }

    /** Its {@code /api/status}, or null while it does not answer. */
    JsonNode status() {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/status"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** The members of its cluster view, empty while it does not answer. */
    List<String> members() {
      JsonNode s = status();
      List<String> out = new ArrayList<>();
      if (s != null) {
        s.path("cluster").path("members").forEach(m -> out.add(m.path("node").asText()));
      }
      return out;
    }

    long pid() {
      return process.pid();
    }
  }

  /** One check a node reported. */
  record Check(String node, String line, Instant due, long slot, Instant finished, String status) {}

  ClusterFleet(Path dir, int routers, Duration interval, int nodes) throws IOException {
    this.dir = dir;
    this.routers = routers;
    this.interval = interval;
    this.members = ClusterPorts.free(nodes + 1);
  }

  /** Starts the simulator and waits for its inventory. */
  void startSimulator() throws IOException {
    Path inv = dir.resolve("sim.yml");
    sim =
        java(
                SimulatorMain.class.getName(),
                "--devices",
                String.valueOf(routers),
                "--platform",
                "cisco_iosxe",
                "--latency",
                "1-4",
                "--host-key",
                dir.resolve("sim-host-key").toString(),
                "--inventory-out",
                inv.toString())
            .redirectOutput(dir.resolve("sim.out").toFile())
            .redirectError(dir.resolve("sim.err").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(inv) && Files.readString(inv).contains("id: r" + routers + "\n"));
    // every router's key is accepted on first use (each node has its own known_hosts)
    devicesYaml =
        Files.readString(inv)
            .replace("    max_sessions: 5\n", "    max_sessions: 5\n    host_key: accept-new\n");
  }

  /** The k-th node (0-based) named {@code name}, with the cluster secret {@code secret}. */
  Node start(int k, String name, String secret, boolean withLines) throws IOException {
    Node n = new Node(name, members.get(k).port(), ClusterPorts.free(1).get(0).port());
    Path home = dir.resolve(name);
    Files.createDirectories(home);
    Path yml = home.resolve("monitor.yml");
    Files.writeString(yml, monitorYaml(n, home, withLines));
    ProcessBuilder pb =
        java(
                "-Duser.home=" + home,
                Main.class.getName(),
                "run",
                "-c",
                yml.toString(),
                "--no-table",
                "--json",
                n.json.toString())
            .redirectOutput(home.resolve("stdout.log").toFile())
            .redirectError(home.resolve("stderr.log").toFile());
    pb.environment().put("NETPOOL_SIM_PASSWORD", "netops");
    pb.environment().put(SECRET_ENV, secret);
    n.process = pb.start();
    nodes.put(name, n);
    return n;
  }

  Node node(String name) {
    return nodes.get(name);
  }

  private String monitorYaml(Node n, Path home, boolean withLines) {
    StringBuilder y = new StringBuilder(devicesYaml);
    y.append("lines:\n");
    if (withLines) {
      for (int i = 1; i <= routers; i++) {
        y.append("  - id: ")
            .append(line(i))
            .append("\n    router: ")
            .append(router(i))
            .append("\n    target: 10.0.0.1\n    repeat: 2\n    timeout: 1s\n    interval: ")
            .append(interval.toSeconds())
            .append("s\n");
      }
    } else {
      y.append("  []\n");
    }
    List<String> memberList = new ArrayList<>();
    for (int i = 0; i < members.size() - 1; i++) {
      memberList.add(members.get(i).toString());
    }
    y.append(
        """
        scheduler:
          initial_spread: 2s
        ssh:
          logins_per_second: 40
        http:
          port: %d
        state_dir: %s
        cluster:
          name: netpool-test
          node: %s
          port: %d
          members: [%s]
          secret: {env: %s}
          failure_timeout: 6s
          heartbeat_interval: 1500ms
          join_timeout: 2s
          quorum: 2
        """
            .formatted(
                n.httpPort,
                home.resolve("state"),
                n.name,
                n.clusterPort,
                String.join(", ", memberList),
                SECRET_ENV));
    return y.toString();
  }

  /** Every check (not skipped) every node reported so far. */
  List<Check> checks() throws IOException {
    List<Check> out = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (!Files.exists(n.json)) {
        continue;
      }
      for (String l : Files.readAllLines(n.json)) {
        if (!l.endsWith("}")) {
          continue; // being written
        }
        JsonNode j;
        try {
          j = JSON.readTree(l);
        } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
          continue; // the last line of a killed node, cut in the middle
        }
        if (j.has("event") || !j.has("lineId") || "skipped".equals(j.path("status").asText())) {
          continue;
        }
        out.add(
            new Check(
                n.name,
                j.path("lineId").asText(),
                Instant.parse(j.path("due").asText()),
                j.path("slot").asLong(Long.MIN_VALUE),
                Instant.parse(j.path("finished").asText()),
                j.path("status").asText()));
      }
    }
    return out;
  }

  /** The line's slot of a due time: which {@code phase + k × interval} window it falls in. */
  long slot(String line, Instant due) {
    long i = interval.toNanos();
    long t = due.getEpochSecond() * 1_000_000_000L + due.getNano();
    return Math.floorDiv(t - Phase.offsetNanos(line, interval), i);
  }

  /** The simulator's name of router {@code i}: {@code r001}. */
  static String router(int i) {
    return "r%03d".formatted(i);
  }

  /** The test's line of router {@code i}: {@code l001}. */
  static String line(int i) {
    return "l%03d".formatted(i);
  }

  private ProcessBuilder java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx192m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  @Override
  public void close() {
    for (Node n : nodes.values()) {
      if (n.process != null) {
        ProcessHandle.of(n.process.pid()).ifPresent(h -> h.destroyForcibly());
      }
    }
    if (sim != null) {
      sim.destroyForcibly();
    }
  }
}
