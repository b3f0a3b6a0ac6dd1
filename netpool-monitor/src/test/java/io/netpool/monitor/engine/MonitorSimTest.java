package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine (transport, pool, probe, scheduler, sinks) against simulated routers: one result
 * per due check with healthy and faulty devices, reload, graceful close.
 */
class MonitorSimTest {
  static final Duration INTERVAL = Duration.ofSeconds(2);
  static Simulator sim;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim =
        TestInventory.simulator()
            .seed(11)
            .timeScale(0.05)
            .device(
                io.netpool.sim.DeviceSpec.builder("xe", Platform.CISCO_IOSXE)
                    .target("10.0.0.1", TargetBehaviour.latency(1, 5))
                    .target("10.0.0.2", TargetBehaviour.pattern("!!.!!").withLatency(1, 5))
                    .target("10.0.0.3", TargetBehaviour.totalLoss())
                    .target("10.0.0.4", TargetBehaviour.unreachableTarget())
                    .build(),
                io.netpool.sim.DeviceSpec.builder("vrp", Platform.HUAWEI_VRP)
                    .defaultTarget(TargetBehaviour.latency(1, 5))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("nx", Platform.CISCO_NXOS)
                    .defaultTarget(TargetBehaviour.latency(1, 5))
                    .target("10.0.0.2", TargetBehaviour.pattern("!!.!!").withLatency(1, 5))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("lx", Platform.LINUX)
                    .defaultTarget(TargetBehaviour.latency(1, 5))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("auth", Platform.CISCO_IOSXE)
                    .fault(Fault.authFailure())
                    .build(),
                io.netpool.sim.DeviceSpec.builder("hang", Platform.LINUX)
                    .fault(Fault.hang())
                    .build(),
                io.netpool.sim.DeviceSpec.builder("garbage", Platform.LINUX)
                    .fault(Fault.garbageOutput(1.0))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("limit", Platform.H3C_COMWARE)
                    .defaultTarget(TargetBehaviour.latency(1, 5))
                    .fault(Fault.sessionLimit(1))
                    .build(),
                io.netpool.sim.DeviceSpec.builder("boot", Platform.ARISTA_EOS)
                    .defaultTarget(TargetBehaviour.latency(1, 5))
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  static MonitorConfig config() {
    return MonitorConfig.defaults()
        .withPool(
            PoolConfig.builder()
                // failures at 0, 0.3, 0.9 s within the 1.5 s acquire: the circuit opens only later
                .backoff(Duration.ofMillis(300), Duration.ofSeconds(1))
                .circuitBreaker(5, Duration.ofSeconds(3))
                .closeGracePeriod(Duration.ofSeconds(1))
                .build())
        .withScheduler(
            SchedulerConfig.defaults()
                .withInitialSpread(Duration.ofMillis(500))
                .withShutdownGrace(Duration.ofSeconds(1)))
        .withProbe(
            ProbeConfig.defaults()
                .withAcquireTimeout(Duration.ofMillis(1500))
                .withCommandMargin(Duration.ofMillis(500)));
  }

  static DeviceSpec dev(String id, Protocol protocol) {
    return TestInventory.device(sim.device(id), protocol);
  }

  static io.netpool.monitor.inventory.LineSpec line(String id, String router, String target) {
    // 5 probes of 1 s: at time scale 0.05 a lossy ping takes ~0.25 s; deadline 5.5 s
    return TestInventory.line(id, router, target, 5, Duration.ofSeconds(1), INTERVAL);
  }

  @Test
  void everyDueCheckGivesExactlyOneResultWithTheRightStatusOrFailureKind() throws Exception {
    Inventory inv =
        TestInventory.create()
            .add(dev("xe", Protocol.CLI))
            .add(dev("vrp", Protocol.CLI))
            .add(dev("nx", Protocol.SSH))
            .add(dev("lx", Protocol.SSH))
            .add(dev("auth", Protocol.CLI))
            .add(dev("hang", Protocol.SSH))
            .add(dev("garbage", Protocol.SSH))
            .add(
                TestInventory.device(
                    "limit",
                    sim.device("limit").host(),
                    sim.device("limit").port(),
                    io.netpool.monitor.ping.PingPlatform.of("h3c_comware"),
                    Protocol.CLI,
                    2))
            .add(dev("boot", Protocol.CLI))
            .add(line("xe-ok", "xe", "10.0.0.1"))
            .add(line("xe-loss", "xe", "10.0.0.2"))
            .add(line("xe-down", "xe", "10.0.0.3"))
            .add(line("xe-unreach", "xe", "10.0.0.4"))
            .add(line("vrp-ok", "vrp", "10.0.1.1"))
            .add(line("nx-ok", "nx", "10.0.2.1"))
            .add(line("nx-loss", "nx", "10.0.0.2"))
            .add(line("lx-ok", "lx", "10.0.3.1"))
            .add(line("auth-1", "auth", "10.0.4.1"))
            .add(
                TestInventory.line(
                    "hang-1", "hang", "10.0.5.1", 1, Duration.ofSeconds(1), INTERVAL))
            .add(line("garbage-1", "garbage", "10.0.6.1"))
            .add(line("limit-1", "limit", "10.0.7.1"))
            .add(line("limit-2", "limit", "10.0.7.2"))
            .add(line("limit-3", "limit", "10.0.7.3"))
            .add(line("boot-1", "boot", "10.0.8.1"))
            .build();
    RecordingSink sink = new RecordingSink();
    Monitor monitor =
        Monitor.builder(inv).config(config()).sink(sink).schedulerListener(sink).build();
    monitor.start();
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> inv.lines().keySet().stream().allMatch(id -> sink.of(id).size() >= 2));
      // the router reboots: checks fail while it is down (with a result each), then recover
      Instant rebooted = Instant.now();
      sim.device("boot").reboot(Duration.ofSeconds(5)); // longer than two intervals
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  sink.of("boot-1").stream()
                      .anyMatch(r -> r.due().isAfter(rebooted) && r.status() == PingStatus.OK));
      assertThat(sink.of("boot-1").stream().filter(r -> r.due().isAfter(rebooted)))
          .anyMatch(r -> r.failure() != null);
    } finally {
      monitor.close();
    }
    SchedulerStats stats =
        new SchedulerStats(
            monitor.scheduler().checksStarted(), monitor.scheduler().resultsDelivered());
    assertThat(stats.delivered()).isEqualTo(stats.started());
    assertThat(sink.results).hasSize((int) stats.started());
    assertThat(sink.noDuplicates()).isTrue();
    assertThat(sink.closed.get()).isEqualTo(1);

    // no burst: a line's checks are due at least half an interval apart
    for (String id : inv.lines().keySet()) {
      List<Instant> dues = sink.of(id).stream().map(CheckResult::due).sorted().toList();
      for (int i = 1; i < dues.size(); i++) {
        assertThat(Duration.between(dues.get(i - 1), dues.get(i)))
            .as("line %s", id)
            .isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
      }
    }

    // measurements (results before shutdown)
    assertStatus(sink, "xe-ok", PingStatus.OK);
    assertStatus(sink, "xe-loss", PingStatus.DEGRADED);
    assertStatus(sink, "xe-down", PingStatus.DOWN);
    assertStatus(sink, "xe-unreach", PingStatus.UNREACHABLE);
    assertStatus(sink, "vrp-ok", PingStatus.OK);
    assertStatus(sink, "nx-ok", PingStatus.OK);
    assertStatus(sink, "nx-loss", PingStatus.DEGRADED);
    assertStatus(sink, "lx-ok", PingStatus.OK);
    // faults
    assertThat(nonShutdown(sink, "auth-1").get(0).failure()).isEqualTo(FailureKind.AUTH_FAILED);
    assertKinds(
        sink, "auth-1", EnumSet.of(FailureKind.AUTH_FAILED, FailureKind.ROUTER_UNAVAILABLE));
    assertKinds(sink, "hang-1", EnumSet.of(FailureKind.COMMAND_TIMEOUT));
    assertKinds(sink, "garbage-1", EnumSet.of(FailureKind.UNPARSEABLE_OUTPUT));
    for (String id : List.of("limit-1", "limit-2", "limit-3")) {
      assertThat(nonShutdown(sink, id)).as(id).anyMatch(r -> r.status() == PingStatus.OK);
      assertThat(nonShutdown(sink, id))
          .as(id)
          .allMatch(
              r ->
                  r.failure() == null
                      || Set.of(
                              FailureKind.NO_SESSION,
                              FailureKind.ROUTER_UNREACHABLE,
                              FailureKind.ROUTER_UNAVAILABLE)
                          .contains(r.failure()));
    }
    assertThat(nonShutdown(sink, "boot-1"))
        .allMatch(
            r ->
                r.failure() == null
                    || Set.of(
                            FailureKind.ROUTER_UNREACHABLE,
                            FailureKind.ROUTER_UNAVAILABLE,
                            FailureKind.NO_SESSION,
                            FailureKind.COMMAND_TIMEOUT)
                        .contains(r.failure()));
    System.out.printf(
        "ENGINE %d checks, %d results, %d skipped; boot-1: %s%n",
        stats.started(),
        stats.delivered(),
        monitor.scheduler().skippedRuns(),
        sink.of("boot-1").stream()
            .map(r -> r.failure() == null ? r.status().wireName() : r.failure().name())
            .toList());
  }

  record SchedulerStats(long started, long delivered) {}

  static List<CheckResult> nonShutdown(RecordingSink sink, String id) {
    return sink.of(id).stream().filter(r -> r.failure() != FailureKind.SHUTDOWN).toList();
  }

  static void assertStatus(RecordingSink sink, String id, PingStatus status) {
    assertThat(nonShutdown(sink, id))
        .as(id)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.failure()).as("%s", r).isNull();
              assertThat(r.status()).as("%s", r).isEqualTo(status);
            });
  }

  static void assertKinds(RecordingSink sink, String id, Set<FailureKind> kinds) {
    assertThat(nonShutdown(sink, id))
        .as(id)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.failure()).as("%s", r).isIn(kinds.toArray()));
  }

  @Test
  void reloadAddsRemovesChangesMovesAndReplacesSessionsOfAChangedDevice() throws Exception {
    Path passwordFile = tmp.resolve("xe.pass");
    Files.writeString(passwordFile, TestInventory.PASSWORD + "\n");
    TestInventory t =
        TestInventory.create()
            .add(dev("xe", Protocol.CLI))
            .add(dev("nx", Protocol.CLI))
            .add(line("a", "xe", "10.0.0.1"))
            .add(line("b", "xe", "10.0.0.1"))
            .add(line("c", "xe", "10.0.0.1"));
    Inventory before = t.build();
    RecordingSink sink = new RecordingSink();
    try (Monitor monitor = Monitor.builder(before).config(config()).sink(sink).build()) {
      monitor.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> before.lines().keySet().stream().allMatch(id -> sink.of(id).size() >= 1));
      SimulatedDevice xe = sim.device("xe");
      long openedBefore = xe.sessionsOpened();
      assertThat(monitor.poolSnapshot().device("xe", Protocol.CLI)).isPresent();

      DeviceSpec old = before.device("xe").orElseThrow();
      DeviceSpec newCreds =
          new DeviceSpec(
              old.id(),
              old.host(),
              old.port(),
              old.platform(),
              old.protocol(),
              old.username(),
              SecretRef.file(passwordFile, TestInventory.PASSWORD),
              old.enableSecret(),
              old.privateKey(),
              // the same password from a file is the same login (the pool compares secrets by
              // value); a new session cap is a new definition
              old.maxSessions() == 1 ? 2 : 1,
              HostKeyPolicy.OFF,
              old.tags());
      Inventory after =
          t.copy()
              .add(newCreds)
              .removeLine("b")
              .add(line("a", "xe", "10.0.0.2")) // changed target
              .add(line("c", "nx", "10.0.0.1")) // moved
              .add(line("d", "nx", "10.0.0.5")) // added
              .build();
      InventoryDiff diff = InventoryDiff.between(before, after);
      assertThat(diff.devicesToEvict()).extracting(DeviceSpec::id).containsExactly("xe");
      Instant applied = Instant.now();
      monitor.apply(after, diff);
      assertThat(monitor.inventory()).isSameAs(after);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  after.lines().keySet().stream()
                      .allMatch(
                          id ->
                              sink.of(id).stream().filter(r -> r.due().isAfter(applied)).count()
                                  >= 2));
      // removed: nothing due after the reload
      assertThat(sink.of("b")).allMatch(r -> r.due().isBefore(applied));
      // changed: the new target, from the next run, through new sessions (new session cap)
      assertThat(sink.of("a").stream().filter(r -> r.due().isAfter(applied)))
          .allMatch(r -> r.target().equals("10.0.0.2") && r.failure() == null);
      assertThat(xe.sessionsOpened()).isGreaterThan(openedBefore);
      // moved: runs on nx now
      assertThat(sink.of("c").stream().filter(r -> r.due().isAfter(applied)))
          .allMatch(r -> r.routerId().equals("nx") && r.status() == PingStatus.OK);
      // added: soon after the reload
      assertThat(sink.of("d").get(0).due()).isBefore(applied.plusSeconds(1));
      assertThat(sink.of("d")).allMatch(r -> r.status() == PingStatus.OK);
      // no lost check for the lines that stayed: a result for every interval across the reload
      List<Instant> aDues =
          sink.of("a").stream().map(CheckResult::due).sorted(Comparator.naturalOrder()).toList();
      for (int i = 1; i < aDues.size(); i++) {
        assertThat(Duration.between(aDues.get(i - 1), aDues.get(i)))
            .isLessThanOrEqualTo(INTERVAL.multipliedBy(3).dividedBy(2));
      }
      // the old sessions of xe are gone from the device side eventually (idle ones at once)
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> xe.activeSessions() <= monitor.sessionCap(newCreds));
    }
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void closeReportsAChecksStillRunningAfterTheGraceAsShutdown() throws Exception {
    Inventory inv =
        TestInventory.create()
            .add(dev("hang", Protocol.SSH))
            .add(dev("lx", Protocol.SSH))
            // 10 probes of 2 s: the hanging command would run 20.5 s
            .add(
                TestInventory.line(
                    "long", "hang", "10.0.5.1", 10, Duration.ofSeconds(2), Duration.ofSeconds(30)))
            .add(
                TestInventory.line(
                    "quick", "lx", "10.0.3.1", 1, Duration.ofSeconds(1), Duration.ofSeconds(30)))
            .build();
    RecordingSink sink = new RecordingSink();
    Monitor monitor = Monitor.builder(inv).config(config()).sink(sink).build();
    monitor.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sink.of("quick").size() == 1 && monitor.scheduler().running("long"));
    long t0 = System.nanoTime();
    monitor.close(Duration.ofMillis(300));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isLessThan(8_000);
    assertThat(sink.of("long"))
        .singleElement()
        .satisfies(r -> assertThat(r.failure()).isEqualTo(FailureKind.SHUTDOWN));
    assertThat(sink.of("quick"))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(PingStatus.OK));
    assertThat(sink.closed.get()).isEqualTo(1);
    assertThat(monitor.poolSnapshot().totals().total()).isZero();
  }
}
