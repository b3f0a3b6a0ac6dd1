package io.netpool.monitor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.cluster.ClusterSettings.HostPort;
import io.netpool.monitor.inventory.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real JGroups channels on loopback, in one JVM: views, status messages, a wrong secret. */
class ClusterMembershipTest {
  static final String SECRET = "a-test-secret-of-some-length";

  private final List<ClusterMembership> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(ClusterMembership::close);
  }

  @Test
  void threeNodesAgreeOnOneViewAndSeeEachOthersStatus() throws Exception {
    List<HostPort> members = ClusterPorts.free(3);
    for (int i = 0; i < 3; i++) {
      open.add(ClusterMembership.join(settings("n" + i, members.get(i), members, SECRET)));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> open.stream().allMatch(m -> m.view().members().size() == 3));
    ClusterView v0 = open.get(0).view();
    for (ClusterMembership m : open) {
      assertThat(m.view().owners()).containsExactly("n0", "n1", "n2");
      assertThat(m.view().coordinator()).isEqualTo(v0.coordinator());
    }
    for (ClusterMembership m : open) {
      m.publish(new PeerStatus(m.settings().node(), null, "abc", 1, 2, 3));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> open.stream().allMatch(m -> m.peers().size() == 3));
    assertThat(open.get(1).peers()).extracting(PeerStatus::node).contains("n0", "n1", "n2");

    // a member leaving: the others see a view of two at once
    List<ClusterView> seen = new CopyOnWriteArrayList<>();
    open.get(1).onView(seen::add);
    open.remove(2).close();
    await().atMost(Duration.ofSeconds(20)).until(() -> open.get(1).view().members().size() == 2);
    assertThat(seen).isNotEmpty();
    assertThat(open.get(1).view().owners()).containsExactly("n0", "n1");
  }

  @Test
  void aNodeWithAnotherSecretCannotJoin() throws Exception {
    List<HostPort> members = ClusterPorts.free(3);
    open.add(ClusterMembership.join(settings("n0", members.get(0), members, SECRET)));
    open.add(ClusterMembership.join(settings("n1", members.get(1), members, SECRET)));
    await().atMost(Duration.ofSeconds(30)).until(() -> open.get(0).view().members().size() == 2);
    ClusterMembership stranger =
        ClusterMembership.join(settings("x", members.get(2), members, SECRET + "-not"));
    open.add(stranger);
    // the stranger forms a cluster alone; the members never take it in (given merge attempts)
    assertThat(stranger.view().members()).containsExactly("x");
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                open.get(0).view().members().size() == 2 && stranger.view().members().size() == 1);
    assertThat(open.get(0).view().owners()).containsExactly("n0", "n1");
  }

  static ClusterSettings settings(
      String node, HostPort self, List<HostPort> members, String secret) {
    return new ClusterSettings(
        "test",
        node,
        self.host(),
        self.port(),
        members,
        SecretRef.literal(secret),
        Duration.ofSeconds(4),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        0);
  }
}
