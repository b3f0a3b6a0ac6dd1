package io.netpool.monitor.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster:} section: absent means alone, every key, located errors. */
class ClusterSectionTest {
  static final Map<String, String> ENV = Map.of("CLUSTER_SECRET", "a-long-enough-cluster-secret");
  static final InventoryLoader LOADER = ServiceSettings.register(new InventoryLoader(ENV::get));
  static final String LINES = "devices: []\nlines: []\n";

  @TempDir Path dir;

  ServiceSettings settings(String yaml) throws InventoryException {
    return ServiceSettings.of(
        LOADER.parseMonitorFile(dir.resolve("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8)),
        ENV::get);
  }

  List<String> problems(String yaml) {
    try {
      LOADER.parseMonitorFile(dir.resolve("monitor.yml"), yaml.getBytes(StandardCharsets.UTF_8));
    } catch (InventoryException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void withoutTheSectionTheNodeRunsAlone() throws Exception {
    assertThat(settings(LINES).cluster()).isNull();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ClusterSettings c =
        settings(
                LINES
                    + """
                    cluster:
                      name: noc
                      node: bj-1
                      bind: 10.0.0.5
                      port: 7900
                      members: [10.0.0.5:7900, 10.0.0.6:7900, "[2001:db8::7]:7900"]
                      secret: {env: CLUSTER_SECRET}
                      failure_timeout: 12s
                      heartbeat_interval: 3s
                      join_timeout: 5s
                      quorum: 2
                    """)
            .cluster();
    assertThat(c.name()).isEqualTo("noc");
    assertThat(c.node()).isEqualTo("bj-1");
    assertThat(c.bindHost()).isEqualTo("10.0.0.5");
    assertThat(c.bindPort()).isEqualTo(7900);
    assertThat(c.members())
        .containsExactly(
            new HostPort("10.0.0.5", 7900),
            new HostPort("10.0.0.6", 7900),
            new HostPort("2001:db8::7", 7900));
    assertThat(c.secret().describe()).isEqualTo("env:CLUSTER_SECRET");
    assertThat(c.failureTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.joinTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.quorum()).isEqualTo(2);
    // defaults, and the secret never in what a reload compares or logs
    ClusterSettings d =
        settings(
                LINES
                    + "cluster:\n  node: n1\n  members: [127.0.0.1:7800]\n"
                    + "  secret: {env: CLUSTER_SECRET}\n")
            .cluster();
    assertThat(d.bindHost()).isEqualTo("127.0.0.1");
    assertThat(d.bindPort()).isEqualTo(ClusterSettings.DEFAULT_PORT);
    assertThat(d.quorum()).isZero();
    assertThat(d.toString()).doesNotContain("a-long-enough");
  }

  @Test
  void mistakesAreNamedWithLineAndField() {
    assertThat(problems(LINES + "cluster:\n  members: [127.0.0.1:7800]\n"))
        .anySatisfy(p -> assertThat(p).contains("monitor.yml:4", "cluster.node", "missing"))
        .anySatisfy(p -> assertThat(p).contains("cluster.secret"));
    assertThat(
            problems(
                LINES
                    + "cluster:\n  node: n1\n  members: [127.0.0.1:7800, nohost]\n"
                    + "  secret: {env: CLUSTER_SECRET}\n"))
        .anySatisfy(p -> assertThat(p).contains(":5:29", "cluster.members[1]", "not host:port"));
    assertThat(
            problems(
                LINES
                    + "cluster:\n  node: n1\n  members: [127.0.0.1:7800]\n"
                    + "  secret: {value: a-literal-secret-in-the-file}\n"))
        .anySatisfy(p -> assertThat(p).contains("cluster.secret", "not a literal"));
    assertThat(
            problems(
                LINES
                    + "cluster:\n  node: n1\n  bind: 0.0.0.0\n  members: [127.0.0.1:7800]\n"
                    + "  secret: {env: CLUSTER_SECRET}\n"))
        .anySatisfy(p -> assertThat(p).contains(":5:", "cluster.bind", "not 0.0.0.0"));
    assertThat(
            problems(
                LINES
                    + "cluster:\n  node: n1\n  members: [127.0.0.1:7800]\n"
                    + "  secret: {env: CLUSTER_SECRET}\n  failure_timeout: 3s\n"
                    + "  heartbeat_interval: 3s\n"))
        .anySatisfy(p -> assertThat(p).contains("cluster.heartbeat_interval", "shorter"));
  }
}
