package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.cluster.ClusterPorts;
import io.netpool.monitor.cluster.ClusterSettings;
import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import io.netpool.monitor.cluster.Rendezvous;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two cluster nodes in one JVM (real JGroups on loopback, a real simulator): each engine runs its
 * rendezvous share, {@code /api/status} and {@code /metrics} show the cluster, a diverging
 * inventory is a warning, and a node left alone below its quorum takes every line and is not ready.
 */
class ClusterRuntimeTest {
  static final int ROUTERS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void twoNodesShareTheRoutersShowTheClusterAndOneTakesAllWhenTheOtherLeaves() throws Exception {
    Simulator.Builder sb = TestInventory.simulator().seed(3).timeScale(0.05);
    for (int i = 0; i < ROUTERS; i++) {
      sb.device(io.netpool.sim.DeviceSpec.builder("r" + i, Platform.CISCO_IOSXE).build());
    }
    try (Simulator sim = sb.start()) {
      TestInventory t = TestInventory.create();
      for (int i = 0; i < ROUTERS; i++) {
        t.add(TestInventory.device(sim.device("r" + i), Protocol.CLI));
        t.add(TestInventory.line("l" + i, "r" + i, "10.0.0.1", Duration.ofSeconds(5)));
      }
      Inventory inv = t.build();
      // node b reads one more line: the inventories differ
      Inventory invB =
          t.copy()
              .add(TestInventory.line("extra", "r0", "10.0.0.2", Duration.ofSeconds(5)))
              .build();
      List<HostPort> members = ClusterPorts.free(2);
      MonitorConfig cfg =
          MonitorConfig.defaults()
              .withScheduler(
                  SchedulerConfig.defaults()
                      .withInitialSpread(Duration.ofMillis(500))
                      .withShutdownGrace(Duration.ofSeconds(1)));
      MonitorRuntime a = start(inv, cfg, settings("a", members.get(0), members));
      try (MonitorRuntime b = start(invB, cfg, settings("b", members.get(1), members))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    a.clusterStatus().members().size() == 2
                        && b.clusterStatus().members().size() == 2);
        // each engine runs exactly its rendezvous share; together all routers, none twice
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> share(a).equals(expected("a", List.of("a", "b"))));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> share(b).equals(expected("b", List.of("a", "b"))));
        Set<String> both = new HashSet<>(share(a));
        both.addAll(share(b));
        assertThat(both).hasSize(ROUTERS);
        assertThat(share(a)).doesNotContainAnyElementsOf(share(b));

        // the status API: members, owners of every line, the diverging inventory as a warning
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> !status(a).path("cluster").path("warnings").isEmpty());
        JsonNode c = status(a).path("cluster");
        assertThat(c.path("node").asText()).isEqualTo("a");
        assertThat(c.path("members")).hasSize(2);
        assertThat(c.path("healthy").asBoolean()).isTrue();
        assertThat(c.path("owners").path("l3").asText())
            .isEqualTo(Rendezvous.owner("r3", List.of("a", "b")));
        assertThat(c.path("warnings").get(0).asText()).contains("another inventory");
        assertThat(get(a, "/readyz").statusCode()).isEqualTo(200);
        System.gc(); // Micrometer holds gauge state weakly: the gauges must survive a collection
        assertThat(get(a, "/metrics").body())
            .contains("netpool_cluster_members 2.0", "netpool_cluster_owned_devices");
        // results carry their slot
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> a.store().snapshot().values().stream().anyMatch(h -> h.latest() != null));
        a.store()
            .snapshot()
            .values()
            .forEach(h -> assertThat(h.latest().slot()).as(h.latest().lineId()).isNotNull());
      }
      // b left: a owns every router, and below its quorum of 2 it is not ready
      try (a) {
        await().atMost(Duration.ofSeconds(20)).until(() -> share(a).size() == ROUTERS);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(a, "/readyz").statusCode() == 503);
        assertThat(get(a, "/readyz").body()).contains("1 of the 2 members");
        assertThat(get(a, "/metrics").body())
            .contains("netpool_cluster_ownership_moves_total{direction=\"in\"}");
      }
    }
  }

  private static MonitorRuntime start(Inventory inv, MonitorConfig cfg, ClusterSettings s)
      throws IOException {
    return MonitorRuntime.builder(inv).config(cfg).cluster(s).http("127.0.0.1", 0, null).start();
  }

  private static Set<String> share(MonitorRuntime r) {
    return new HashSet<>(r.monitor().inventory().devices().keySet());
  }

  private static Set<String> expected(String node, List<String> members) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < ROUTERS; i++) {
      if (Rendezvous.owner("r" + i, members).equals(node)) {
        out.add("r" + i);
      }
    }
    return out;
  }

  private static JsonNode status(MonitorRuntime r) throws Exception {
    return JSON.readTree(get(r, "/api/status").body());
  }

  private static HttpResponse<String> get(MonitorRuntime r, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(r.statusUri().toString().replaceAll("/$", "") + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ClusterSettings settings(String node, HostPort self, List<HostPort> members) {
    return new ClusterSettings(
        "runtime-test",
        node,
        self.host(),
        self.port(),
        members,
        SecretRef.literal("runtime-test-secret-0123456789"),
        Duration.ofSeconds(4),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        2);
  }
}
