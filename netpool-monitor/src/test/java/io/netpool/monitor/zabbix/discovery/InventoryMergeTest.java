package io.netpool.monitor.zabbix.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.ZabbixRoute;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryMergeTest {
  static final ZabbixVersion V = ZabbixVersion.parse("6.0.14");

  static DeviceSpec device(String id, String password) {
    return new DeviceSpec(
        id,
        id,
        22,
        PingPlatform.of("cisco_ios"),
        Protocol.CLI,
        "u",
        SecretRef.literal(password),
        null,
        null,
        0,
        HostKeyPolicy.STRICT,
        Map.of());
  }

  static LineSpec line(String id, String router) {
    return new LineSpec(
        id,
        router,
        "192.0.2.1",
        null,
        null,
        5,
        Duration.ofSeconds(2),
        null,
        Duration.ofMinutes(3),
        Map.of());
  }

  static DiscoveredLine discovered(String hostid, String id, DeviceSpec router) {
    HostRef h = new HostRef(hostid, "h" + hostid, "h" + hostid, "server");
    return new DiscoveredLine(
        h, line(id, router.id()).withZabbix(new ZabbixRoute("h" + hostid, null)), router);
  }

  static final Inventory FILE =
      new Inventory(
          Path.of("monitor.yml"),
          "file-digest",
          List.of(device("edge1", "e"), device("10.0.0.9", "x")),
          List.of(line("f1", "edge1")),
          List.of());

  static InventoryMerge.Merged merge(DiscoveredLine... lines) {
    return InventoryMerge.merge(
        FILE, new DiscoveryResult(V, "the server", List.of(lines), List.of()));
  }

  @Test
  void fileLinesComeFirstAndDiscoveredLinesShareTheirRouter() {
    DeviceSpec r = device("10.0.0.1", "pw");
    InventoryMerge.Merged m = merge(discovered("1", "a", r), discovered("2", "b", r));
    assertThat(m.inventory().lines()).containsOnlyKeys("f1", "a", "b");
    assertThat(m.inventory().devices()).containsOnlyKeys("edge1", "10.0.0.9", "10.0.0.1");
    assertThat(m.inventory().linesOf("10.0.0.1"))
        .extracting(LineSpec::id)
        .containsExactly("a", "b");
    assertThat(m.discoveredLines()).isEqualTo(2);
    assertThat(m.problems()).isEmpty();
    assertThat(m.inventory().file()).isEqualTo(Path.of("monitor.yml"));
  }

  @Test
  void idsOfTheFileWinAndTheDiscoveredHostIsAProblem() {
    InventoryMerge.Merged m =
        merge(
            discovered("5", "f1", device("10.0.0.1", "pw")),
            discovered("3", "z", device("10.0.0.9", "pw")));
    assertThat(m.inventory().lines()).containsOnlyKeys("f1");
    assertThat(m.inventory().lines().get("f1").router()).isEqualTo("edge1");
    assertThat(m.problems())
        .extracting(HostProblem::toString)
        .containsExactly(
            "host 'h3' (hostid 3, server): router id '10.0.0.9' is also a device id in monitor.yml",
            "host 'h5' (hostid 5, server): {$LINE_ID} 'f1' is also a line id in monitor.yml");
  }

  @Test
  void theDigestFollowsTheContentIncludingPasswordValues() {
    String a = merge(discovered("1", "a", device("10.0.0.1", "pw"))).inventory().digest();
    String same = merge(discovered("1", "a", device("10.0.0.1", "pw"))).inventory().digest();
    String otherPassword =
        merge(discovered("1", "a", device("10.0.0.1", "pw2"))).inventory().digest();
    String none = merge().inventory().digest();
    assertThat(a).isEqualTo(same).hasSize(64);
    assertThat(otherPassword).isNotEqualTo(a);
    assertThat(none).isNotEqualTo(a).isNotEqualTo(FILE.digest());
  }
}
