package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized stress of the keyed pool: many borrowers on 24 devices with misbehaving factories
 * (failing, slow, hung past createTimeout, failing health checks), short timeouts everywhere so
 * that expiry, idle eviction, health checks, validation, max-uses, circuit breaker, backoff, global
 * starvation, eviction and device redefinition all happen during a few seconds; then the pool is
 * closed under load.
 *
 * <p>Replay: {@code -Dnetpool.stress.seed=<seed printed by the run>}; run longer with {@code
 * -Dnetpool.stress.seconds=60}; {@code -Dnetpool.stress.validateAfterIdleMs=0} turns
 * validate-on-borrow off, to look past the validate bug pinned down in {@link
 * PoolRaceRegressionTest}. The seed fixes the setup (caps, device behaviours, config) and each
 * borrower's sequence of decisions, not the thread interleaving.
 *
 * <p>What the sampled snapshot invariants rest on (from reading DeviceSlot/KeyedDevicePool):
 *
 * <ul>
 *   <li>Per device, {@code counts.total() <= cap} holds for every snapshot: the slot snapshot reads
 *       the session array once; every session in it that is not CLOSED still holds its device
 *       permit ({@code live} is decremented only after the CLOSED transition), and {@code live <=
 *       cap} is kept by CAS in reserveDevicePermit.
 *   <li>{@code total + creating <= cap} does NOT hold for a snapshot and is not asserted: {@code
 *       DeviceSlot.created} adds the session to the array before decrementing {@code creating}, and
 *       the snapshot reads the array before {@code creating}, so a creation finishing during the
 *       snapshot is counted twice.
 *   <li>Globally, {@code totals().total() <= maxSessionsTotal} does NOT hold exactly either,
 *       because the snapshot visits devices one after the other: a session counted on an early
 *       device may close and hand its global permit to a later device during the walk. What does
 *       hold is {@code total <= maxSessionsTotal + (closed during the walk)}, where "closed during
 *       the walk" is this snapshot's {@code sessionsClosed} (read after the walk) minus the
 *       previous snapshot's (read before it); that is what is asserted. The global permit counter
 *       itself ({@code globalCap().used()}) is checked against the cap directly.
 * </ul>
 */
class PoolStressTest {
  private static final long SEED = Long.getLong("netpool.stress.seed", System.nanoTime());
  private static final double SECONDS =
      Double.parseDouble(System.getProperty("netpool.stress.seconds", "3"));

  private static final int DEVICES = 24;
  private static final Duration CREATE_TIMEOUT = Duration.ofMillis(200);
  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofMillis(100);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

  /** Slack over an acquire's own timeout: a loaded 2-core box, plus up to two validations. */
  private static final long MARGIN_NANOS =
      Duration.ofSeconds(1).plus(HEALTH_CHECK_TIMEOUT.multipliedBy(2)).toNanos();

  @ParameterizedTest(name = "{0} borrower threads")
  @ValueSource(strings = {"platform", "virtual"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void randomizedStressThenCloseUnderLoad(String kind) throws Exception {
    System.out.printf(
        "PoolStressTest[%s]: seed=%d seconds=%s (replay with -Dnetpool.stress.seed=%d)%n",
        kind, SEED, SECONDS, SEED);
    try (PoolTestSupport.LogCapture logs = new PoolTestSupport.LogCapture();
        PoolTestSupport.UncaughtCollector uncaught = new PoolTestSupport.UncaughtCollector()) {
      new Run(kind, new Random(SEED)).execute(logs, uncaught);
    }
  }

  /** One stress run. */
  private static final class Run {
    final String kind;
    final Random setup;
    final FakeFactory factory = new FakeFactory();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    final AtomicReferenceArray<Device> defs = new AtomicReferenceArray<>(DEVICES);
    final Map<String, String> behaviourOf = new HashMap<>();
    final Set<String> unhealthy = ConcurrentHashMap.newKeySet();
    final AtomicBoolean closeStarted = new AtomicBoolean();
    final AtomicInteger hungStarted = new AtomicInteger();
    final AtomicInteger hungEnded = new AtomicInteger();
    final Map<String, LongAdder> stats = new ConcurrentHashMap<>();
    final AtomicLong maxOverrunNanos = new AtomicLong();
    final AtomicInteger maxGlobalTotal = new AtomicInteger();
    final AtomicInteger maxPermitsUsed = new AtomicInteger();
    final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();
    int[] caps = new int[DEVICES];
    int hot;
    PoolConfig config;
    DevicePool pool;

    Run(String kind, Random setup) {
      this.kind = kind;
      this.setup = setup;
    }

    void count(String what) {
      stats.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void execute(PoolTestSupport.LogCapture logs, PoolTestSupport.UncaughtCollector uncaught)
        throws Exception {
      Set<Long> threadsBefore = PoolTestSupport.liveNetpoolThreads().keySet();
      int perDevice = 2 + setup.nextInt(2); // 2..3
      int capSum = 0;
      for (int i = 0; i < DEVICES; i++) {
        int own = i % 6 == 0 ? 1 : (i % 6 == 1 ? 2 : 0);
        Device d = new Device("d" + i, "10.1.0." + (i + 1), 22, "cisco_iosxe", own, Map.of(), null);
        defs.set(i, d);
        caps[i] = own > 0 ? Math.min(own, perDevice) : perDevice;
        capSum += caps[i];
      }
      int globalCap = capSum / 4 + setup.nextInt(capSum / 6); // well below the sum of device caps
      long validateAfterIdleMillis =
          Long.getLong("netpool.stress.validateAfterIdleMs", 15 + setup.nextInt(30));
      hot = 6;
      assignBehaviours();
      config =
          PoolConfig.builder()
              .maxSessionsPerDevice(perDevice)
              .maxSessionsTotal(globalCap)
              .minIdlePerDevice(setup.nextInt(2))
              .acquireTimeout(Duration.ofMillis(300))
              .createTimeout(CREATE_TIMEOUT)
              .idleTimeout(Duration.ofMillis(60 + setup.nextInt(100)))
              .maxLifetime(Duration.ofMillis(200 + setup.nextInt(300)))
              .lifetimeJitter(0.3)
              .maxUses(3 + setup.nextInt(10))
              .healthCheckInterval(Duration.ofMillis(20 + setup.nextInt(30)))
              .healthCheckTimeout(HEALTH_CHECK_TIMEOUT)
              .validateAfterIdle(Duration.ofMillis(validateAfterIdleMillis))
              .rebuildWorkers(1 + setup.nextInt(2))
              .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
              .circuitBreaker(3, Duration.ofMillis(50))
              .leakDetectionThreshold(setup.nextBoolean() ? Duration.ofMillis(25) : Duration.ZERO)
              .selectionStrategy(
                  SelectionStrategy.values()[setup.nextInt(SelectionStrategy.values().length)])
              .closeGracePeriod(CLOSE_GRACE)
              .housekeepingInterval(Duration.ofMillis(10 + setup.nextInt(11)))
              .eventQueueCapacity(256)
              .build();
      System.out.printf(
          "PoolStressTest[%s]: caps=%s global=%d behaviours=%s config=%s%n",
          kind, java.util.Arrays.toString(caps), globalCap, behaviourOf, config);
      factory.checkBehaviour =
          d -> {
            if (unhealthy.contains(d.id()) && ThreadLocalRandom.current().nextInt(3) == 0) {
              throw new IOException("stress: health check failed");
            }
          };
      pool =
          DevicePool.builder()
              .config(config)
              .factory(factory)
              .listener(
                  new PoolListener() {
                    @Override
                    public void sessionClosed(Device device, Protocol protocol) {
                      listenerThreads.add(Thread.currentThread().getName());
                    }
                  })
              .build();

      // ---- run
      int workers = kind.equals("virtual") ? 96 : 32;
      CountDownLatch workersDone = new CountDownLatch(workers);
      Thread.Builder builder =
          kind.equals("virtual")
              ? Thread.ofVirtual().name("stress-borrower-", 0)
              : Thread.ofPlatform().daemon().name("stress-borrower-", 0);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Random r = new Random(SEED * 31 + i);
        threads.add(
            builder.start(
                () -> {
                  try {
                    borrowLoop(r);
                  } catch (Throwable t) {
                    errors.add("borrower died: " + t);
                  } finally {
                    workersDone.countDown();
                  }
                }));
      }
      CountDownLatch monitorStop = new CountDownLatch(1);
      AtomicInteger samples = new AtomicInteger();
      Thread monitor =
          Thread.ofPlatform()
              .daemon()
              .name("stress-monitor")
              .start(() -> monitorLoop(monitorStop, samples));

      // Run for the configured time, but stop early if the run already failed.
      long until = System.nanoTime() + (long) (SECONDS * 1e9);
      while (System.nanoTime() - until < 0 && errors.isEmpty()) {
        if (workersDone.await(50, TimeUnit.MILLISECONDS)) {
          break;
        }
      }

      // ---- close under load
      closeStarted.set(true);
      long closeStart = System.nanoTime();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
      try {
        closing.get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        errors.add("pool.close() did not return within 30 s");
      }
      long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
      boolean joined = workersDone.await(30, TimeUnit.SECONDS);
      monitorStop.countDown();
      monitor.join(10_000);

      Map<String, Long> summary = new java.util.TreeMap<>();
      stats.forEach((k, v) -> summary.put(k, v.sum()));
      PoolSnapshot end = pool.snapshot();
      System.out.printf(
          "PoolStressTest[%s]: close took %d ms; %d monitor samples (max global total %d, max"
              + " global permits used %d, cap %d);"
              + " max acquire overrun %d ms;"
              + " factory creates=%d ok=%d interrupted=%d hung=%d/%d; sessions created=%d"
              + " closed=%d; warnings=%d; stats=%s%n",
          kind,
          closeMillis,
          samples.get(),
          maxGlobalTotal.get(),
          maxPermitsUsed.get(),
          config.maxSessionsTotal(),
          maxOverrunNanos.get() / 1_000_000,
          factory.createCalls.get(),
          factory.createdOk.get(),
          factory.createsInterrupted.get(),
          hungEnded.get(),
          hungStarted.get(),
          end.sessionsCreated(),
          end.sessionsClosed(),
          logs.warnings.size(),
          summary);
      logs.warnings.stream()
          .limit(10)
          .forEach(w -> System.out.printf("PoolStressTest[%s]: warning: %s%n", kind, w));

      // ---- invariants
      assertThat(joined).as("all borrowers ended after close").isTrue();
      assertThat(errors).as("invariant violations seen during the run").isEmpty();
      assertThat(uncaught.failures).as("uncaught exceptions in any thread").isEmpty();
      assertThat(logs.errors).as("ERROR log lines from the pool").isEmpty();
      assertThat(logs.warningsContaining("did not end"))
          .as("pool threads outliving close")
          .isEmpty();
      assertThat(logs.warningsContaining("still held after close"))
          .as("permits leaked at close")
          .isEmpty();
      assertThat(closeMillis)
          .as("close() under load: grace period plus bounded cleanup")
          .isLessThan(CLOSE_GRACE.toMillis() + 10_000);
      assertThat(summary.getOrDefault("lease", 0L)).as("leases granted").isGreaterThan(100);

      // Every create() call ended, the hung ones by interruption.
      assertThat(factory.inCreate).as("create() calls still running after close").hasValue(0);
      assertThat(hungEnded.get()).as("hung creations that ended").isEqualTo(hungStarted.get());
      assertThat(factory.createsInterrupted.get())
          .as("creations ended by interruption")
          .isGreaterThanOrEqualTo(hungStarted.get());

      // Every driver the factory made was closed exactly once.
      assertThat(factory.openDrivers()).as("drivers still open").isZero();
      assertThat(factory.unclosedDrivers()).as("drivers never closed").isEmpty();
      assertThat(factory.closedMoreThanOnce()).as("drivers closed twice").isEmpty();

      assertThat(end.closed()).isTrue();
      assertThat(end.sessionsCreated())
          .as("sessionsCreated == sessionsClosed")
          .isEqualTo(end.sessionsClosed());
      assertThat(end.totals()).as("counts after close").isEqualTo(PoolSnapshot.Counts.ZERO);
      assertThat(((KeyedDevicePool) pool).globalCap().used())
          .as("global permits held after close")
          .isZero();
      assertThat(listenerThreads).as("listener threads").isSubsetOf(Set.of("netpool-events"));

      // A closed pool refuses new work.
      Device any = defs.get(0);
      assertThatThrownBy(() -> pool.acquire(any, Protocol.SSH, Duration.ofSeconds(1)))
          .isInstanceOf(PoolClosedException.class);
      assertThat(pool.<FakeDriver>acquireAsync(any, Protocol.SSH, Duration.ofSeconds(1)))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(PoolClosedException.class);

      // No pool thread (platform housekeeper/events, virtual workers) outlives close().
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                Map<Long, String> now = PoolTestSupport.liveNetpoolThreads();
                now.keySet().removeAll(threadsBefore);
                assertThat(now).as("netpool-* threads alive after close").isEmpty();
              });
      for (Thread t : threads) {
        t.join(5_000);
        assertThat(t.isAlive()).as(t.getName() + " alive").isFalse();
      }
    }

    private void assignBehaviours() {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < DEVICES; i++) {
        order.add(i);
      }
      Collections.shuffle(order, setup);
      // order[0..5] are the hot devices (picked half of the time); behaviours are spread over
      // hot and cold devices alike.
      List<Integer> hotFirst = new ArrayList<>(order);
      for (int k = 0; k < DEVICES; k++) {
        int i = hotFirst.get(k);
        String id = "d" + i;
        String b =
            switch (k % 8) {
              case 1 -> "flaky";
              case 2 -> "slow";
              case 3 -> k < 8 ? "dead" : "hung";
              case 5 -> "unhealthy";
              case 6 -> "slow";
              default -> "normal";
            };
        behaviourOf.put(id, b);
        switch (b) {
          case "flaky" ->
              factory.on(
                  id,
                  d -> {
                    if (ThreadLocalRandom.current().nextInt(10) < 3) {
                      throw new IOException("stress: connection refused");
                    }
                  });
          case "slow" ->
              factory.on(
                  id,
                  d -> {
                    // The device is slow: up to 250 ms, so some creations end after the
                    // createTimeout (200 ms) and their driver arrives late.
                    new CountDownLatch(1)
                        .await(ThreadLocalRandom.current().nextInt(250), TimeUnit.MILLISECONDS);
                  });
          case "hung" ->
              factory.on(
                  id,
                  d -> {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                      hungStarted.incrementAndGet();
                      try {
                        new CountDownLatch(1).await(); // until interrupted
                      } finally {
                        hungEnded.incrementAndGet();
                      }
                    }
                  });
          case "dead" -> factory.on(id, FakeFactory.failing("stress: no route to host"));
          case "unhealthy" -> unhealthy.add(id);
          default -> {}
        }
      }
      hotOrder = hotFirst;
    }

    List<Integer> hotOrder;

    private int pickDevice(Random r) {
      return r.nextBoolean() ? hotOrder.get(r.nextInt(hot)) : r.nextInt(DEVICES);
    }

    private void borrowLoop(Random r) {
      while (true) {
        int di = pickDevice(r);
        int op = r.nextInt(1000);
        if (op < 8) {
          pool.evict(defs.get(di));
          count("evict");
          continue;
        }
        if (op < 14) {
          Device cur = defs.get(di);
          defs.set(di, cur.withPort(cur.port() == 22 ? 2222 : 22)); // same id, other port
          count("redefine");
          continue;
        }
        Device dev = defs.get(di);
        long timeoutMs = 50 + r.nextInt(451);
        boolean async = r.nextInt(5) == 0;
        Lease<FakeDriver> lease = null;
        Throwable failure = null;
        long t0 = System.nanoTime();
        if (async) {
          CompletableFuture<Lease<FakeDriver>> f =
              pool.acquireAsync(dev, Protocol.SSH, Duration.ofMillis(timeoutMs));
          if (r.nextInt(10) == 0 && f.cancel(true)) {
            count("async-cancelled");
            continue;
          }
          try {
            lease = f.get(timeoutMs * 1_000_000 + MARGIN_NANOS, TimeUnit.NANOSECONDS);
          } catch (ExecutionException e) {
            failure = e.getCause();
          } catch (TimeoutException e) {
            errors.add(
                "acquireAsync("
                    + dev.id()
                    + ", "
                    + timeoutMs
                    + " ms) not completed after timeout + margin");
            f.cancel(true);
            continue;
          } catch (Throwable t) {
            failure = t;
          }
        } else {
          try {
            lease = pool.acquire(dev, Protocol.SSH, Duration.ofMillis(timeoutMs));
          } catch (Throwable t) {
            failure = t;
          }
        }
        long took = System.nanoTime() - t0;
        long overrun = took - timeoutMs * 1_000_000;
        maxOverrunNanos.accumulateAndGet(overrun, Math::max);
        if (overrun > MARGIN_NANOS) {
          errors.add(
              (async ? "acquireAsync(" : "acquire(")
                  + dev.id()
                  + ", "
                  + timeoutMs
                  + " ms) took "
                  + took / 1_000_000
                  + " ms"
                  + (failure == null ? "" : " and failed with " + failure));
        }
        if (failure != null) {
          switch (failure) {
            case AcquireTimeoutException e -> count("timeout-" + e.reason());
            case DeviceUnavailableException e -> count("unavailable");
            case PoolClosedException e -> {
              if (!closeStarted.get()) {
                errors.add("PoolClosedException before close(): " + e);
              }
              return; // the pool is closing: this borrower is done
            }
            default -> errors.add("unexpected acquire failure on " + dev.id() + ": " + failure);
          }
          continue;
        }
        use(lease, dev, r);
      }
    }

    private void use(Lease<FakeDriver> lease, Device requested, Random r) {
      count("lease");
      FakeDriver d = lease.driver();
      if (!lease.device().id().equals(requested.id()) || !d.device.id().equals(requested.id())) {
        errors.add("asked for " + requested.id() + ", got a session of " + lease.device());
      }
      try {
        d.enter();
      } catch (AssertionError e) {
        errors.add(e.getMessage());
      }
      try {
        int work = r.nextInt(100);
        if (work == 0) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30 + r.nextInt(20))); // long command
        } else {
          LockSupport.parkNanos(r.nextInt(1_000_000)); // simulated command, < 1 ms
        }
        if (r.nextInt(100) == 0) {
          d.drop(); // the device hangs up on us
          count("drop");
        }
      } finally {
        d.exit();
      }
      if (r.nextInt(7) == 0) {
        lease.invalidate(new IOException("stress: command timed out"));
        count("invalidate");
      } else {
        lease.close();
      }
      if (r.nextInt(50) == 0) {
        lease.close(); // second close: must be a no-op
        lease.invalidate(null);
        if (lease.isOpen()) {
          errors.add("lease open after close");
        }
        try {
          lease.driver();
          errors.add("driver() of a closed lease did not throw");
        } catch (IllegalStateException expected) {
          // fine
        }
      }
    }

    private void monitorLoop(CountDownLatch stop, AtomicInteger samples) {
      long prevClosed = 0;
      long lastDeadlockCheck = 0;
      KeyedDevicePool impl = (KeyedDevicePool) pool;
      try {
        while (!stop.await(3, TimeUnit.MILLISECONDS)) {
          PoolSnapshot s = pool.snapshot();
          samples.incrementAndGet();
          for (PoolSnapshot.DeviceSnapshot d : s.devices()) {
            int idx = Integer.parseInt(d.deviceId().substring(1));
            PoolSnapshot.Counts c = d.counts();
            if (d.cap() != caps[idx]) {
              errors.add("cap of " + d.deviceId() + " is " + d.cap() + ", expected " + caps[idx]);
            }
            if (c.total() > caps[idx]) {
              errors.add(d.deviceId() + " has " + c + " over its cap " + caps[idx]);
            }
            if (c.pending() < 0 || c.creating() < 0) {
              errors.add(d.deviceId() + " has negative counts " + c);
            }
          }
          long closedDuring = s.sessionsClosed() - prevClosed;
          if (s.totals().total() > config.maxSessionsTotal() + closedDuring) {
            errors.add(
                "global total "
                    + s.totals().total()
                    + " over cap "
                    + config.maxSessionsTotal()
                    + " (+"
                    + closedDuring
                    + " closed during the snapshot)");
          }
          prevClosed = s.sessionsClosed();
          maxGlobalTotal.accumulateAndGet(s.totals().total(), Math::max);
          if (s.totals().total() >= config.maxSessionsTotal()) {
            count("samples-at-global-cap");
          }
          if (s.totals().pending() > 0) {
            count("samples-with-waiters");
          }
          int used = impl.globalCap().used();
          maxPermitsUsed.accumulateAndGet(used, Math::max);
          if (used < 0 || used > config.maxSessionsTotal()) {
            errors.add("global permits used = " + used);
          }
          long now = System.nanoTime();
          if (now - lastDeadlockCheck > 50_000_000L) {
            lastDeadlockCheck = now;
            List<Long> dl = PoolTestSupport.deadlockedThreads();
            if (!dl.isEmpty()) {
              errors.add("deadlocked threads: " + dl);
            }
          }
          if (errors.size() > 50) {
            return; // enough to diagnose
          }
        }
      } catch (Throwable t) {
        errors.add("monitor died: " + t);
      }
    }
  }
}
