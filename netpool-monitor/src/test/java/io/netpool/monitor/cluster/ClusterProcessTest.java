package io.netpool.monitor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.cluster.ClusterFleet.Check;
import io.netpool.monitor.cluster.ClusterFleet.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three netpool node processes on loopback against one simulator process with 300 routers, one line
 * each every 10 s (docs/cluster.md, "Tests"): steady state, {@code kill -9} of a node, a node
 * joining, {@code kill -STOP} and {@code kill -CONT} of a node, and a node with a wrong secret.
 * Bounds: failure detection plus one interval plus the spread of first checks, with slack for a
 * loaded 2-core machine. The measured times are printed for the docs.
 */
@EnabledOnOs(OS.LINUX)
class ClusterProcessTest {
  static final int ROUTERS = 300;
  static final Duration INTERVAL = Duration.ofSeconds(10);

  /** failure_timeout 6 s + VERIFY_SUSPECT2 1.5 s + initial_spread 2 s + one interval + slack. */
  static final Duration TAKEOVER_BOUND = Duration.ofSeconds(6 + 2 + 2 + 10 + 10);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void threeNodesShareTheRoutersAndTakeOverWithinTheirBounds() throws Exception {
    try (ClusterFleet fleet = new ClusterFleet(dir, ROUTERS, INTERVAL, 3)) {
      fleet.startSimulator();
      List<Node> nodes = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        nodes.add(fleet.start(k, "n" + (k + 1), ClusterFleet.SECRET, true));
      }
      Node n1 = nodes.get(0);
      Node n2 = nodes.get(1);
      Node n3 = nodes.get(2);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> nodes.stream().allMatch(n -> n.members().size() == 3));

      // (a) steady state: every line once per slot, each by the node rendezvous hashing names
      Instant t0 = Instant.now().plus(INTERVAL); // first checks, warm-ups and the merge are done
      awaitEveryLineChecked(fleet, t0, 2);
      Instant t1 = Instant.now();
      Map<String, String> owner3 = owners(List.of("n1", "n2", "n3"));
      assertSteadyState(fleet, t0, t1, owner3);
      Map<String, Long> share = countByNode(owner3);
      System.out.println("cluster test: steady share " + share);
      assertThat(share.values()).allSatisfy(c -> assertThat(c).isBetween(60L, 140L));

      // (b) kill -9 of n3: its lines resume on n1 and n2, nothing else moves
      Instant killed = Instant.now();
      n3.process.destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> n1.members().size() == 2);
      Duration detected = Duration.between(killed, Instant.now());
      Map<String, String> owner2 = owners(List.of("n1", "n2"));
      Duration takeover = awaitTakeover(fleet, killed, owner3, "n3", owner2);
      System.out.println(
          "cluster test: kill -9 detected in "
              + detected.toMillis()
              + " ms, lines resumed within "
              + takeover.toMillis()
              + " ms");
      assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);

      // (d) n3 joins again: its third comes back to it, handed over on the slot grid
      Instant rejoin = Instant.now();
      fleet.start(2, "n3", ClusterFleet.SECRET, true);
      Node n3b = fleet.node("n3");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> n1.members().size() == 3 && n3b.members().size() == 3);
      Instant joined = Instant.now();
      System.out.println(
          "cluster test: restarted n3 in the view after "
              + Duration.between(rejoin, joined).toMillis()
              + " ms");
      Instant t2 = joined.plus(INTERVAL);
      awaitEveryLineChecked(fleet, t2, 2);
      assertSteadyState(fleet, t2, Instant.now(), owner3);
      System.out.println(
          "cluster test: duplicate checks while n3 joined: " + duplicates(fleet, rejoin, t2));
      long moved = owner3.values().stream().filter("n3"::equals).count();
      System.out.println("cluster test: " + moved + " of " + ROUTERS + " routers moved to n3");

      // (c) kill -STOP of n2 (hung, sockets open): its lines resume on n1 and n3
      Instant stopped = Instant.now();
      signal(n2.pid(), "STOP");
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> n1.members().size() == 2);
      Duration hungDetected = Duration.between(stopped, Instant.now());
      Map<String, String> ownerWithoutN2 = owners(List.of("n1", "n3"));
      Duration hungTakeover = awaitTakeover(fleet, stopped, owner3, "n2", ownerWithoutN2);
      System.out.println(
          "cluster test: kill -STOP detected in "
              + hungDetected.toMillis()
              + " ms, lines resumed within "
              + hungTakeover.toMillis()
              + " ms");
      assertThat(hungTakeover).isLessThanOrEqualTo(TAKEOVER_BOUND);

      // ... and continued: it merges back and from then on nothing is checked twice
      signal(n2.pid(), "CONT");
      Instant resumed = Instant.now();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  n1.members().size() == 3
                      && n2.members().size() == 3
                      && fleet.node("n3").members().size() == 3);
      Instant merged = Instant.now();
      System.out.println(
          "cluster test: continued n2 merged back after "
              + Duration.between(resumed, merged).toMillis()
              + " ms; duplicate checks meanwhile: "
              + duplicates(fleet, resumed, merged));
      Instant t3 = merged.plus(INTERVAL);
      awaitEveryLineChecked(fleet, t3, 2);
      assertSteadyState(fleet, t3, Instant.now(), owner3);

      // (e) a node with another secret cannot join (it forms a cluster of its own)
      Node stranger = fleet.start(3, "x", "not-the-" + ClusterFleet.SECRET, false);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> stranger.members().equals(List.of("x")));
      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> n1.members().size() == 3 && stranger.members().equals(List.of("x")));
      assertThat(n1.members()).containsExactlyInAnyOrder("n1", "n2", "n3");
    }
  }

  /** Line id to owner among {@code members}, as every node computes it. */
  static Map<String, String> owners(List<String> members) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 1; i <= ROUTERS; i++) {
      out.put(ClusterFleet.line(i), Rendezvous.owner(ClusterFleet.router(i), members));
    }
    return out;
  }

  static Map<String, Long> countByNode(Map<String, String> owners) {
    return owners.values().stream()
        .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
  }

  /** Waits until every line has {@code n} checks due at or after {@code from}. */
  static void awaitEveryLineChecked(ClusterFleet fleet, Instant from, int n) {
    await()
        .atMost(INTERVAL.multipliedBy(n + 4))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Map<String, Integer> count = new HashMap<>();
              for (Check c : fleet.checks()) {
                if (!c.due().isBefore(from)) {
                  count.merge(c.line(), 1, Integer::sum);
                }
              }
              return count.size() == ROUTERS && count.values().stream().allMatch(v -> v >= n);
            });
  }

  /** Between {@code from} and {@code to}: one check per line and slot, by the line's owner. */
  static void assertSteadyState(
      ClusterFleet fleet, Instant from, Instant to, Map<String, String> owners) throws IOException {
    Map<String, Set<String>> nodesOfLine = new HashMap<>();
    Map<String, Integer> perSlot = new HashMap<>();
    for (Check c : fleet.checks()) {
      if (c.due().isBefore(from) || c.due().isAfter(to)) {
        continue;
      }
      nodesOfLine.computeIfAbsent(c.line(), k -> new HashSet<>()).add(c.node());
      // every node numbers the slots alike: the grid window of the due time
      assertThat(c.slot()).as(c.toString()).isEqualTo(fleet.slot(c.line(), c.due()));
      perSlot.merge(c.line() + "#" + c.slot(), 1, Integer::sum);
    }
    assertThat(nodesOfLine).hasSize(ROUTERS);
    nodesOfLine.forEach(
        (line, nodes) -> assertThat(nodes).as(line).containsExactly(owners.get(line)));
    assertThat(perSlot.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("line slots checked twice")
        .isEmpty();
  }

  /**
   * Waits until every line {@code gone} owned has a check by its new owner finished after {@code
   * since}; lines of the other nodes kept their node. Returns the time the last one took.
   */
  static Duration awaitTakeover(
      ClusterFleet fleet,
      Instant since,
      Map<String, String> before,
      String gone,
      Map<String, String> after) {
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (!e.getValue().equals(gone)) {
        assertThat(after.get(e.getKey()))
            .as("rendezvous keeps " + e.getKey())
            .isEqualTo(e.getValue());
      }
    }
    Map<String, Instant> first = new HashMap<>();
    await()
        .atMost(TAKEOVER_BOUND.plusSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              first.clear();
              for (Check c : fleet.checks()) {
                if (c.finished().isAfter(since)
                    && before.get(c.line()).equals(gone)
                    && c.node().equals(after.get(c.line()))) {
                  first.merge(c.line(), c.finished(), (a, b) -> a.isBefore(b) ? a : b);
                }
              }
              return first.size() == before.values().stream().filter(gone::equals).count();
            });
    // nothing else moved: after the loss, each other line is checked by its old node only
    try {
      for (Check c : fleet.checks()) {
        if (c.due().isAfter(since)
            && !before.get(c.line()).equals(gone)
            && !c.node().equals(gone)) {
          assertThat(c.node()).as(c.line() + " stays").isEqualTo(before.get(c.line()));
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Instant last = first.values().stream().max(Instant::compareTo).orElseThrow();
    return Duration.between(since, last);
  }

  /** Checks of one line slot by more than one node, between {@code from} and {@code to}. */
  static long duplicates(ClusterFleet fleet, Instant from, Instant to) throws IOException {
    Map<String, Integer> perSlot = new HashMap<>();
    for (Check c : fleet.checks()) {
      if (!c.due().isBefore(from) && !c.due().isAfter(to)) {
        perSlot.merge(c.line() + "#" + c.slot(), 1, Integer::sum);
      }
    }
    return perSlot.values().stream().filter(v -> v > 1).count();
  }

  static void signal(long pid, String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).start();
    assertThat(kill.waitFor()).as("kill -" + sig).isZero();
  }
}
