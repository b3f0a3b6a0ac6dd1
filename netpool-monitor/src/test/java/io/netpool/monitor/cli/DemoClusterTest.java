package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.ssh.HostKeyMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netpool demo --nodes 2}, as the command wires it: node n1 in this JVM, n2 a {@code netpool
 * run} process with the generated {@code monitor.yml} and secret file; they form one cluster, and
 * when n2 is killed n1 takes every line.
 */
class DemoClusterTest {
  @TempDir Path dir;

  @Test
  void theDemosNodesFormOneClusterAndTheSurvivorTakesOverAKilledOne() throws Exception {
    try (DemoFleet fleet = DemoFleet.start(1, 0.05, "5s");
        DemoCluster cluster = DemoCluster.start(dir, fleet.inventoryYaml, 2)) {
      assertThat(Files.getPosixFilePermissions(dir.resolve("cluster.secret")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(dir.resolve("n2/monitor.yml")))
          .contains("cluster:", "node: n2", "secret: {file: ")
          .doesNotContain(Files.readString(dir.resolve("cluster.secret")).strip());
      byte[] yaml = fleet.inventoryYaml.getBytes(StandardCharsets.UTF_8);
      Inventory inventory = new InventoryLoader().parse(dir.resolve("monitor.yml"), yaml);
      MonitorConfig base = MonitorConfig.defaults();
      MonitorConfig config =
          base.withSsh(
              base.ssh()
                  .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
                  .withKnownHostsFile(dir.resolve("known_hosts")));
      try (MonitorRuntime n1 =
          MonitorRuntime.builder(inventory).config(config).cluster(cluster.self).start()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> n1.clusterStatus().members().size() == 2);
        ClusterStatus c = n1.clusterStatus();
        assertThat(c.members()).extracting(ClusterStatus.Member::node).contains("n1", "n2");
        assertThat(c.owners().values()).contains("n1", "n2");
        int all = inventory.lines().size();
        assertThat(n1.monitor().inventory().lines().size()).isBetween(1, all - 1);

        cluster.processes().get(0).destroyForcibly();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> n1.monitor().inventory().lines().size() == all);
        assertThat(n1.clusterStatus().members())
            .extracting(ClusterStatus.Member::node)
            .containsExactly("n1");
      }
    }
  }
}
