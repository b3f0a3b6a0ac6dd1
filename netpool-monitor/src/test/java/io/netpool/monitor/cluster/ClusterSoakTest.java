package io.netpool.monitor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.cluster.ClusterFleet.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The longer run of {@link ClusterProcessTest}, off by default: {@code
 * -Dnetpool.cluster.soakMinutes=30} keeps killing ({@code kill -9}), restarting and pausing ({@code
 * kill -STOP}, then {@code kill -CONT}) a random node of three for that long, and after every event
 * checks that each line is checked once per slot by its owner again and that no line of a lost node
 * waits longer than the takeover bound.
 */
@EnabledIfSystemProperty(named = "netpool.cluster.soakMinutes", matches = "[1-9][0-9]*")
class ClusterSoakTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void nodesComeAndGoForMinutesAndEveryLineKeepsOneOwner() throws Exception {
    Duration soak = Duration.ofMinutes(Long.getLong("netpool.cluster.soakMinutes"));
    Random random = new Random(Long.getLong("netpool.cluster.soakSeed", 1));
    List<String> names = List.of("n1", "n2", "n3");
    try (ClusterFleet fleet =
        new ClusterFleet(dir, ClusterProcessTest.ROUTERS, ClusterProcessTest.INTERVAL, 3)) {
      fleet.startSimulator();
      List<Node> nodes = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        nodes.add(fleet.start(k, names.get(k), ClusterFleet.SECRET, true));
      }
      awaitView(fleet, names);
      Instant settled = Instant.now().plus(ClusterProcessTest.INTERVAL);
      ClusterProcessTest.awaitEveryLineChecked(fleet, settled, 2);
      Instant end = Instant.now().plus(soak);
      int events = 0;
      while (Instant.now().isBefore(end)) {
        int k = random.nextInt(3);
        String victim = names.get(k);
        List<String> others = names.stream().filter(n -> !n.equals(victim)).toList();
        Instant lost = Instant.now();
        boolean pause = random.nextBoolean();
        if (pause) {
          ClusterProcessTest.signal(fleet.node(victim).pid(), "STOP");
        } else {
          fleet.node(victim).process.destroyForcibly();
        }
        awaitView(fleet, others);
        Duration takeover =
            ClusterProcessTest.awaitTakeover(
                fleet,
                lost,
                ClusterProcessTest.owners(names),
                victim,
                ClusterProcessTest.owners(others));
        assertThat(takeover).isLessThanOrEqualTo(ClusterProcessTest.TAKEOVER_BOUND);
        if (pause) {
          ClusterProcessTest.signal(fleet.node(victim).pid(), "CONT");
        } else {
          fleet.start(k, victim, ClusterFleet.SECRET, true);
        }
        awaitView(fleet, names);
        Instant from = Instant.now().plus(ClusterProcessTest.INTERVAL);
        ClusterProcessTest.awaitEveryLineChecked(fleet, from, 2);
        ClusterProcessTest.assertSteadyState(
            fleet, from, Instant.now(), ClusterProcessTest.owners(names));
        events++;
        System.out.println(
            "cluster soak: event "
                + events
                + " ("
                + (pause ? "STOP" : "kill -9")
                + " "
                + victim
                + ") taken over in "
                + takeover.toMillis()
                + " ms, recovered");
      }
      assertThat(events).isPositive();
    }
  }

  private static void awaitView(ClusterFleet fleet, List<String> members) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                members.stream()
                    .allMatch(
                        n ->
                            new java.util.HashSet<>(fleet.node(n).members())
                                .equals(new java.util.HashSet<>(members))));
  }
}
