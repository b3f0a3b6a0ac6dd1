package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.schedule.Phase;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.ssh.LoginLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Warm-up of 50 simulated routers through a login gate of 5 concurrent logins and 20 per second,
 * counted at the simulator: never more than 5 logins in progress, no faster than the rate, one
 * login per router (warm-up and first check never log in side by side), every first check done.
 */
class WarmupSimTest {
  static final int ROUTERS = 50;
  static final int CONCURRENT = 5;
  static final double PER_SECOND = 20;

  @Test
  void fiftyRoutersWarmUpWithinTheLoginLimitsAndEachLogsInOnce() throws Exception {
    ConcurrentLinkedQueue<Long> loginStarts = new ConcurrentLinkedQueue<>();
    Simulator.Builder sb =
        TestInventory.simulator()
            .seed(7)
            .timeScale(0.05)
            .loginListener((d, t) -> loginStarts.add(t));
    for (int i = 0; i <= ROUTERS; i++) { // one more for the reload
      sb.device(
          io.netpool.sim.DeviceSpec.builder("r" + i, Platform.CISCO_IOSXE)
              .defaultTarget(TargetBehaviour.latency(1, 5))
              .build());
    }
    try (Simulator sim = sb.start()) {
      TestInventory t = TestInventory.create();
      for (int i = 0; i < ROUTERS; i++) {
        addRouter(t, sim.device("r" + i));
      }
      Inventory inv = t.build();
      MonitorConfig cfg =
          MonitorConfig.defaults()
              .withLogins(new LoginLimits(CONCURRENT, PER_SECOND))
              // a short spread: without the gate all 50 logins would come within 200 ms
              .withScheduler(
                  SchedulerConfig.defaults()
                      .withInitialSpread(Duration.ofMillis(200))
                      .withShutdownGrace(Duration.ofSeconds(1)));
      RecordingSink sink = new RecordingSink();
      long t0 = System.nanoTime();
      try (Monitor monitor = Monitor.builder(inv).config(cfg).sink(sink).build().start()) {
        await().atMost(Duration.ofSeconds(90)).until(() -> sink.results.size() >= ROUTERS);
        long lastStart = Collections.max(loginStarts);

        for (CheckResult r : sink.results) {
          assertThat(r.failure()).as(r.lineId() + " " + r.ping()).isNull();
        }
        // concurrency, counted by the simulator and by the gate
        assertThat(sim.peakConcurrentLogins()).isBetween(1, CONCURRENT);
        assertThat(monitor.loginGate().peakInFlight()).isBetween(1, CONCURRENT);
        // one login per router: the warm-up's session served the first check, or the check came
        // first and the warm-up was skipped; never both side by side
        for (int i = 0; i < ROUTERS; i++) {
          SimulatedDevice d = sim.device("r" + i);
          assertThat(d.sessionsOpened()).as(d.id()).isEqualTo(1);
          assertThat(d.peakConcurrentLogins()).as(d.id()).isEqualTo(1);
        }
        assertThat(loginStarts).hasSize(ROUTERS);
        Warmup w = monitor.warmup();
        assertThat(w.planned()).isEqualTo(ROUTERS);
        // how many warm-ups ran before their check depends on timing here (checks within 200 ms);
        // that the warm-up runs ahead of the check is shown by warmUpRunsAheadOfTheFirstCheck
        assertThat(w.started() + w.skipped()).isEqualTo(ROUTERS);
        assertThat(w.failed()).isZero();
        // rate: login k starts no earlier than its gate slot, k / rate after the first (strict)
        assertThat(lastStart - t0)
            .isGreaterThanOrEqualTo((long) ((ROUTERS - 1) * 1e9 / PER_SECOND));
        // and no 1 s window at the simulator holds more than the rate allows, give or take 0.5 s
        // of delay between a login's slot and its accept on a loaded machine
        assertThat(maxInWindow(loginStarts, TimeUnit.SECONDS.toNanos(1)))
            .isLessThanOrEqualTo((int) (1.5 * PER_SECOND) + 1);

        // a reload that adds a router warms it up too
        t.add(TestInventory.device(sim.device("r" + ROUTERS), Protocol.CLI));
        t.add(TestInventory.line("l" + ROUTERS, "r" + ROUTERS, "10.0.0.1", Duration.ofMinutes(10)));
        Inventory next = t.build();
        monitor.apply(next, InventoryDiff.between(inv, next));
        await().atMost(Duration.ofSeconds(30)).until(() -> !sink.of("l" + ROUTERS).isEmpty());
        assertThat(sink.last("l" + ROUTERS).failure()).isNull();
        assertThat(w.planned()).isEqualTo(ROUTERS + 1);
        assertThat(sim.device("r" + ROUTERS).sessionsOpened()).isEqualTo(1);
      }
    }
  }

  /**
   * Routers whose first check comes seconds after their warm-up slot (lines chosen by phase: first
   * check at 3 to 5 s of a 10 s spread, warm-up at half that) are warmed up, never skipped, and the
   * check uses the warm session.
   */
  @Test
  void warmUpRunsAheadOfTheFirstCheck() throws Exception {
    Duration spread = Duration.ofSeconds(10);
    List<String> lineIds = new ArrayList<>();
    for (int i = 0; lineIds.size() < 3; i++) {
      double f = Phase.fraction("w" + i);
      if (f >= 0.3 && f <= 0.5) {
        lineIds.add("w" + i);
      }
    }
    Simulator.Builder sb = TestInventory.simulator().seed(7).timeScale(0.05);
    for (int i = 0; i < lineIds.size(); i++) {
      sb.device(
          io.netpool.sim.DeviceSpec.builder("r" + i, Platform.CISCO_IOSXE)
              .defaultTarget(TargetBehaviour.latency(1, 5))
              .build());
    }
    try (Simulator sim = sb.start()) {
      TestInventory t = TestInventory.create();
      for (int i = 0; i < lineIds.size(); i++) {
        t.add(TestInventory.device(sim.device("r" + i), Protocol.CLI));
        t.add(TestInventory.line(lineIds.get(i), "r" + i, "10.0.0.1", Duration.ofMinutes(10)));
      }
      MonitorConfig cfg =
          MonitorConfig.defaults()
              .withScheduler(
                  SchedulerConfig.defaults()
                      .withInitialSpread(spread)
                      .withShutdownGrace(Duration.ofSeconds(1)));
      RecordingSink sink = new RecordingSink();
      try (Monitor monitor = Monitor.builder(t.build()).config(cfg).sink(sink).build().start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.results.size() >= lineIds.size());
        Warmup w = monitor.warmup();
        assertThat(w.started()).isEqualTo(lineIds.size());
        assertThat(w.skipped()).isZero();
        assertThat(w.succeeded()).isEqualTo(lineIds.size());
        for (int i = 0; i < lineIds.size(); i++) {
          assertThat(sink.last(lineIds.get(i)).failure()).isNull();
          assertThat(sim.device("r" + i).sessionsOpened()).isEqualTo(1);
        }
      }
    }
  }

  private static void addRouter(TestInventory t, SimulatedDevice d) {
    t.add(TestInventory.device(d, Protocol.CLI));
    t.add(
        TestInventory.line("l" + d.id().substring(1), d.id(), "10.0.0.1", Duration.ofMinutes(10)));
  }

  /** The most starts in any window of {@code window} nanoseconds that begins at a start. */
  static int maxInWindow(Iterable<Long> starts, long window) {
    List<Long> s = new ArrayList<>();
    starts.forEach(s::add);
    Collections.sort(s);
    int max = 0;
    int j = 0;
    for (int i = 0; i < s.size(); i++) {
      while (s.get(i) - s.get(j) >= window) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }
}
