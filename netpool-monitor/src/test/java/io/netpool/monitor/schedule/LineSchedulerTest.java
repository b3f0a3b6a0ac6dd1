package io.netpool.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.engine.RecordingSink;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler with a fake check (no SSH): timing, spreading, overrun skipping, concurrency caps,
 * exactly one result per check, reload and shutdown.
 */
class LineSchedulerTest {
  private final RecordingSink sink = new RecordingSink();
  private LineScheduler scheduler;

  /** A fake check that "works" for {@code work}, counting concurrency overall and per router. */
  static final class FakeCheck implements LineCheck {
    volatile Duration work = Duration.ZERO;
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final Map<String, AtomicInteger> perRouter = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxPerRouter = new ConcurrentHashMap<>();
    final CountDownLatch never = new CountDownLatch(1);
    volatile RuntimeException failWith;

    @Override
    public CheckResult check(LineSpec line, DeviceSpec router, Instant due)
        throws InterruptedException {
      Instant started = Instant.now();
      int c = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(c, Math::max);
      int r = perRouter.computeIfAbsent(router.id(), k -> new AtomicInteger()).incrementAndGet();
      maxPerRouter
          .computeIfAbsent(router.id(), k -> new AtomicInteger())
          .accumulateAndGet(r, Math::max);
      try {
        if (failWith != null) {
          throw failWith;
        }
        if (!work.isZero()) {
          never.await(work.toNanos(), TimeUnit.NANOSECONDS); // simulated work, not a wait
        }
        return new CheckResult(
            line.id(),
            router.id(),
            line.target(),
            due,
            started,
            Instant.now(),
            new PingResult(
                5,
                5,
                java.math.BigDecimal.ZERO,
                null,
                null,
                null,
                io.netpool.monitor.ping.PingStatus.OK,
                null),
            null,
            "ping " + line.target());
      } finally {
        concurrent.decrementAndGet();
        perRouter.get(router.id()).decrementAndGet();
      }
    }
  }

  private final FakeCheck check = new FakeCheck();

  private LineScheduler scheduler(SchedulerConfig config, int routerCap) {
    scheduler = new LineScheduler(check, List.of(sink), List.of(sink), config, d -> routerCap);
    return scheduler;
  }

  private static SchedulerConfig config() {
    return SchedulerConfig.defaults()
        .withInitialSpread(Duration.ofMillis(300))
        .withShutdownGrace(Duration.ofSeconds(2));
  }

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close(Duration.ofSeconds(1));
    }
  }

  private static Inventory inventory(int lines, int routers, Duration interval) {
    TestInventory t = TestInventory.create();
    for (int r = 0; r < routers; r++) {
      t.add(TestInventory.fakeDevice("r" + r, 0));
    }
    for (int i = 0; i < lines; i++) {
      t.add(
          TestInventory.line(
              String.format("line-%02d", i), "r" + (i % routers), "10.0.0.1", interval));
    }
    return t.build();
  }

  @Test
  void firstCheckSoonThenEveryIntervalOnThePhaseGrid() {
    Duration interval = Duration.ofSeconds(1);
    Inventory inv = inventory(1, 1, interval);
    long t0 = System.nanoTime();
    scheduler(config(), 2).start(inv);
    await().atMost(Duration.ofSeconds(2)).until(() -> sink.results.size() >= 1);
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(firstMs).as("first check soon, not an interval later").isLessThan(700);

    await().atMost(Duration.ofSeconds(8)).until(() -> sink.results.size() >= 5);
    List<Instant> dues = sink.results.stream().map(CheckResult::due).toList();
    // from the second check on: exactly one interval apart, on the line's phase
    long phaseNanos = Phase.offsetNanos("line-00", interval);
    for (int i = 1; i < dues.size(); i++) {
      long epochNanos = dues.get(i).getEpochSecond() * 1_000_000_000L + dues.get(i).getNano();
      assertThat(Math.floorMod(epochNanos, interval.toNanos())).isEqualTo(phaseNanos);
      if (i >= 2) {
        assertThat(Duration.between(dues.get(i - 1), dues.get(i))).isEqualTo(interval);
      }
    }
    Duration firstGap = Duration.between(dues.get(0), dues.get(1));
    assertThat(firstGap).isBetween(interval.dividedBy(2), interval.multipliedBy(3).dividedBy(2));
    assertThat(scheduler.skippedRuns()).isZero();
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void fiftyLinesOfEqualIntervalAreSpreadOverTheInterval() {
    Duration interval = Duration.ofSeconds(2);
    Inventory inv = inventory(50, 5, interval);
    scheduler(config().withInitialSpread(interval), 50).start(inv);
    // every line's second check is on its phase grid
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inv.lines().keySet().stream().allMatch(id -> sink.of(id).size() >= 2));
    int[] buckets = new int[10]; // 200 ms each
    List<Long> phases = new ArrayList<>();
    for (String id : inv.lines().keySet()) {
      Instant due = sink.of(id).get(1).due();
      long epochNanos = due.getEpochSecond() * 1_000_000_000L + due.getNano();
      long phase = Math.floorMod(epochNanos, interval.toNanos());
      assertThat(phase).isEqualTo(Phase.offsetNanos(id, interval));
      phases.add(phase);
      buckets[(int) (phase / 200_000_000L)]++;
    }
    assertThat(phases).doesNotHaveDuplicates();
    // spread: no 200 ms slot holds more than a quarter of the lines, and at least 8 of 10 are used
    assertThat(java.util.Arrays.stream(buckets).max().orElseThrow()).isLessThanOrEqualTo(12);
    assertThat(java.util.Arrays.stream(buckets).filter(b -> b > 0).count())
        .isGreaterThanOrEqualTo(8);
    // and the first checks were spread over the initial window too, not all at once
    List<Instant> firsts =
        inv.lines().keySet().stream().map(id -> sink.of(id).get(0).due()).sorted().toList();
    assertThat(Duration.between(firsts.get(0), firsts.get(firsts.size() - 1)))
        .isGreaterThan(Duration.ofMillis(1500));
    System.out.println(
        "SPREAD 50 lines / 2 s, per 200 ms slot: " + java.util.Arrays.toString(buckets));
  }

  @Test
  void phaseIsStableAndInRange() {
    assertThat(Phase.fraction("line-1")).isEqualTo(Phase.fraction("line-1"));
    assertThat(Phase.fraction("line-1")).isNotEqualTo(Phase.fraction("line-2"));
    for (int i = 0; i < 1000; i++) {
      assertThat(Phase.fraction("l" + i)).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
    assertThat(Phase.offset("x", Duration.ofSeconds(60))).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void anOverrunningCheckSkipsRunsAndNeverBursts() {
    Duration interval = Duration.ofSeconds(1);
    check.work = Duration.ofMillis(2300);
    scheduler(config(), 2).start(inventory(1, 1, interval));
    await().atMost(Duration.ofSeconds(12)).until(() -> sink.results.size() >= 3);
    List<CheckResult> rs = List.copyOf(sink.results);
    assertThat(scheduler.skippedRuns()).isGreaterThanOrEqualTo(2 * (rs.size() - 1));
    assertThat(sink.skipped("line-00")).isEqualTo((int) scheduler.skippedRuns("line-00"));
    assertThat(check.maxConcurrent.get()).isEqualTo(1);
    // no burst: a check never starts before the previous one finished, consecutive checks are
    // due at least two intervals apart (2.3 s of work), and from the second on a whole number of
    // intervals apart (on the grid: the missed due times were dropped, not queued)
    for (int i = 1; i < rs.size(); i++) {
      Duration gap = Duration.between(rs.get(i - 1).due(), rs.get(i).due());
      assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(rs.get(i).started()).isAfterOrEqualTo(rs.get(i - 1).finished());
      if (i >= 2) {
        assertThat(gap.toNanos() % interval.toNanos()).isZero();
      }
    }
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void globalConcurrencyCapIsRespected() {
    check.work = Duration.ofMillis(400);
    scheduler(config().withMaxConcurrentChecks(3).withInitialSpread(Duration.ofMillis(100)), 10)
        .start(inventory(20, 20, Duration.ofSeconds(1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.results.size() >= 30);
    assertThat(check.maxConcurrent.get()).isEqualTo(3);
  }

  @Test
  void perRouterConcurrencyNeverExceedsItsSessionCap() {
    check.work = Duration.ofMillis(300);
    // 12 lines on 2 routers, cap 2 each: at most 2 per router, 4 in all
    scheduler(config().withInitialSpread(Duration.ofMillis(100)), 2)
        .start(inventory(12, 2, Duration.ofSeconds(1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.results.size() >= 24);
    assertThat(check.maxPerRouter.get("r0").get()).isEqualTo(2);
    assertThat(check.maxPerRouter.get("r1").get()).isEqualTo(2);
    assertThat(check.maxConcurrent.get()).isLessThanOrEqualTo(4);
    // work waiting behind a busy router is bounded: at most one check per line in flight
    assertThat(scheduler.checksInFlight()).isLessThanOrEqualTo(12);
  }

  @Test
  void aRouterTooBusyForAWholeIntervalSkipsDueTimesAsRouterBusyAndMeasuresEveryLineInTurn() {
    Duration interval = Duration.ofSeconds(1);
    check.work = Duration.ofMillis(400);
    // 6 lines on one router with cap 1, 400 ms each: 2.4 s of work per 1 s interval
    scheduler(config().withInitialSpread(Duration.ofMillis(50)), 1)
        .start(inventory(6, 1, interval));
    List<String> ids = List.of("line-00", "line-01", "line-02", "line-03", "line-04", "line-05");
    // fair: each waiting check keeps its place in the router's queue, so every line is measured
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            sink.of(id).stream().filter(r -> !r.isSkipped()).count() >= 2
                                && sink.of(id).stream().anyMatch(CheckResult::isSkipped)));
    scheduler.close(Duration.ofSeconds(2));
    List<CheckResult> rs = List.copyOf(sink.results);
    assertThat(check.maxPerRouter.get("r0").get()).isEqualTo(1);
    // a busy router is a skip, never a failure of the line
    assertThat(rs)
        .filteredOn(r -> r.failure() != FailureKind.SHUTDOWN)
        .allMatch(r -> r.failure() == null, "no failure kind");
    assertThat(rs)
        .filteredOn(CheckResult::isSkipped)
        .allMatch(r -> r.skipReason() == SkipReason.ROUTER_BUSY)
        .allMatch(r -> r.status() == PingStatus.SKIPPED && r.started() == null)
        .hasSize((int) scheduler.busySkips());
    // a measurement always belongs to a recent due time: it started within that due's interval
    Duration slack = Duration.ofMillis(250);
    assertThat(rs)
        .filteredOn(r -> r.status() == PingStatus.OK)
        .allSatisfy(r -> assertThat(r.started()).isBefore(r.due().plus(interval).plus(slack)));
    // exactly one result per due time: every skipped due time and every check
    assertThat(sink.noDuplicates()).isTrue();
    assertThat(scheduler.resultsDelivered()).isEqualTo(scheduler.checksStarted());
    assertThat(rs).hasSize((int) scheduler.checksStarted());
    // the work waiting behind the router stays one check per line
    for (String id : ids) {
      List<Instant> dues = sink.of(id).stream().map(CheckResult::due).sorted().toList();
      for (int i = 1; i < dues.size(); i++) {
        assertThat(Duration.between(dues.get(i - 1), dues.get(i)))
            .isGreaterThanOrEqualTo(interval.dividedBy(2));
      }
    }
  }

  @Test
  void everyCheckGivesExactlyOneResultEvenWhenTheCheckThrows() {
    check.failWith = new IllegalStateException("bug in a probe");
    scheduler(config(), 2).start(inventory(3, 1, Duration.ofSeconds(1)));
    await().atMost(Duration.ofSeconds(6)).until(() -> sink.results.size() >= 6);
    assertThat(sink.results).allMatch(r -> r.failure() == FailureKind.INTERNAL);
    assertThat(sink.results.get(0).ping().error()).contains("bug in a probe");
    check.failWith = null;
    await()
        .atMost(Duration.ofSeconds(4))
        .until(() -> sink.results.stream().anyMatch(r -> r.failure() == null));
    scheduler.close(Duration.ofSeconds(2));
    assertThat(scheduler.resultsDelivered()).isEqualTo(scheduler.checksStarted());
    assertThat(sink.results).hasSize((int) scheduler.checksStarted());
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void resultsCarryTheirSlotAndALineBackWithinItsSlotWaitsForTheNext() {
    Duration interval = Duration.ofSeconds(2);
    TestInventory t =
        TestInventory.create()
            .add(TestInventory.fakeDevice("r1", 0))
            .add(TestInventory.line("flap", "r1", "10.0.0.1", interval));
    Inventory with = t.build();
    Inventory without = t.copy().removeLine("flap").build();
    scheduler(config().withInitialSpread(Duration.ofMillis(1)), 2).start(with);
    await().atMost(Duration.ofSeconds(3)).until(() -> sink.of("flap").size() >= 1);
    CheckResult first = sink.of("flap").get(0);
    assertThat(first.slot()).isEqualTo(Phase.slot("flap", interval, first.due()));

    // ownership goes and comes back at once: the first check after it is in a later slot
    scheduler.apply(without, InventoryDiff.between(with, without));
    scheduler.apply(with, InventoryDiff.between(without, with));
    await().atMost(Duration.ofSeconds(8)).until(() -> sink.of("flap").size() >= 3);
    List<Long> slots = sink.of("flap").stream().map(CheckResult::slot).toList();
    assertThat(slots).doesNotHaveDuplicates().isSorted();
    for (CheckResult r : sink.of("flap")) {
      assertThat(r.slot()).isEqualTo(Phase.slot("flap", interval, r.due()));
    }
  }

  @Test
  void handedOverLinesStartOnTheirGridAndATakeoverCatchesUpASlotBegunWhileTheOwnerFailed() {
    Duration interval = Duration.ofSeconds(30);
    TestInventory t = TestInventory.create().add(TestInventory.fakeDevice("r1", 0));
    Inventory empty = t.build();
    Inventory one = t.copy().add(TestInventory.line("grid", "r1", "10.0.0.1", interval)).build();
    scheduler(config().withInitialSpread(Duration.ofMillis(200)), 2).start(empty);

    // a live node handed it over: the first check waits for the line's next grid point
    Instant applied = Instant.now();
    scheduler.apply(one, InventoryDiff.between(empty, one), NewLines.ON_GRID);
    assertThat(scheduler.nextDue("grid")).isPresent();
    Instant due = scheduler.nextDue("grid").orElseThrow();
    // on a slot boundary: phase + k × interval
    assertThat(
            Duration.ofNanos(
                Math.floorMod(
                    due.getEpochSecond() * 1_000_000_000L
                        + due.getNano()
                        - Phase.offsetNanos("grid", interval),
                    interval.toNanos())))
        .isZero();
    assertThat(due).isAfterOrEqualTo(applied.minusMillis(1)).isBefore(applied.plus(interval));

    // its owner failed since before this slot began: the slot is caught up at once
    scheduler.apply(empty, InventoryDiff.between(one, empty));
    scheduler.apply(
        one,
        InventoryDiff.between(empty, one),
        NewLines.takeover(Instant.now().minus(interval.multipliedBy(2))));
    await().atMost(Duration.ofSeconds(3)).until(() -> sink.of("grid").size() == 1);
    assertThat(sink.of("grid").get(0).due()).isBefore(Instant.now());
  }

  @Test
  void reloadAddsRemovesChangesAndMovesLines() {
    Duration interval = Duration.ofSeconds(1);
    TestInventory t =
        TestInventory.create()
            .add(TestInventory.fakeDevice("r1", 0))
            .add(TestInventory.fakeDevice("r2", 0))
            .add(TestInventory.line("keep", "r1", "10.0.0.1", interval))
            .add(TestInventory.line("gone", "r1", "10.0.0.2", interval))
            .add(TestInventory.line("change", "r1", "10.0.0.3", interval))
            .add(TestInventory.line("move", "r1", "10.0.0.4", interval));
    Inventory before = t.build();
    scheduler(config(), 2).start(before);
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> before.lines().keySet().stream().allMatch(id -> sink.of(id).size() >= 1));

    Inventory after =
        t.copy()
            .removeLine("gone")
            .add(
                TestInventory.line(
                    "change", "r1", "10.0.0.33", 3, Duration.ofSeconds(1), Duration.ofSeconds(2)))
            .add(TestInventory.line("move", "r2", "10.0.0.4", interval))
            .add(TestInventory.line("new", "r2", "10.0.0.5", interval))
            .build();
    InventoryDiff diff = InventoryDiff.between(before, after);
    assertThat(diff.linesMoved()).hasSize(1);
    Instant applied = Instant.now();
    scheduler.apply(after, diff);
    int goneResults = sink.of("gone").size();

    await()
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                after.lines().keySet().stream()
                    .allMatch(
                        id ->
                            sink.of(id).stream().filter(r -> r.due().isAfter(applied)).count()
                                >= 2));
    // removed: nothing due after the removal (a check in flight at apply() is still delivered)
    assertThat(sink.of("gone")).allMatch(r -> r.due().isBefore(applied));
    assertThat(sink.of("gone").size()).isLessThanOrEqualTo(goneResults + 1);
    // added: soon
    assertThat(sink.of("new").get(0).due()).isBefore(applied.plusMillis(800));
    // changed: new target and interval from the next run
    List<CheckResult> changed =
        sink.of("change").stream().filter(r -> r.due().isAfter(applied)).toList();
    assertThat(changed).allMatch(r -> r.target().equals("10.0.0.33"));
    assertThat(Duration.between(changed.get(0).due(), changed.get(1).due()))
        .isEqualTo(Duration.ofSeconds(2));
    // moved: next run on the new router
    assertThat(sink.of("move").stream().filter(r -> r.due().isAfter(applied)))
        .allMatch(r -> r.routerId().equals("r2"));
    assertThat(scheduler.lineCount()).isEqualTo(4);
    assertThat(scheduler.inventory()).isSameAs(after);
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void closeLetsRunningChecksFinishWithinTheGraceAndReportsTheRestAsShutdown() {
    check.work = Duration.ofSeconds(30);
    scheduler(config().withInitialSpread(Duration.ofMillis(50)), 1)
        .start(inventory(3, 1, Duration.ofSeconds(5))); // one runs, two wait for the router
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> check.concurrent.get() == 1 && scheduler.checksInFlight() == 3);
    long t0 = System.nanoTime();
    scheduler.close(Duration.ofMillis(500));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isBetween(400L, 3_000L);
    assertThat(sink.results).hasSize(3).allMatch(r -> r.failure() == FailureKind.SHUTDOWN);
    await().atMost(Duration.ofSeconds(3)).until(() -> scheduler.checksInFlight() == 0);
    assertThat(sink.results)
        .hasSize(3); // the interrupted checks' own results are not delivered twice
    assertThat(sink.noDuplicates()).isTrue();
  }

  @Test
  void closeWaitsForShortRunningChecks() {
    check.work = Duration.ofMillis(400);
    scheduler(config().withInitialSpread(Duration.ZERO), 1)
        .start(inventory(1, 1, Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(3)).until(() -> check.concurrent.get() == 1);
    scheduler.close(Duration.ofSeconds(5));
    assertThat(sink.results).hasSize(1);
    assertThat(sink.results.get(0).failure()).isNull();
  }

  static Comparator<CheckResult> byDue() {
    return Comparator.comparing(CheckResult::due);
  }
}
