package io.netpool.bench.warmup;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Warm-up of a large simulated fleet through the monitor's login gate, counted at the simulator:
 * time until every router had its login and its first check, peak logins in progress (overall and
 * per router), logins per 1 s window. One JVM (simulator and monitor), one line per router with a
 * long interval, so the logins measured are the warm-up's and the first checks'.
 *
 * <pre>
 * java -Xmx4g -cp netpool-bench/target/benchmarks.jar io.netpool.bench.warmup.WarmupRun \
 *     --routers 5000 --max-concurrent 32 --rate 100 --spread 60
 * </pre>
 */
public final class WarmupRun {
  private WarmupRun() {}

  public static void main(String[] argv) throws Exception {
    int routers = 5000;
    int maxConcurrent = 32;
    double rate = 100;
    int spreadSeconds = 60;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      String v = argv[i + 1];
      switch (argv[i]) {
        case "--routers" -> routers = Integer.parseInt(v);
        case "--max-concurrent" -> maxConcurrent = Integer.parseInt(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--spread" -> spreadSeconds = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    String password = "Warm-" + Long.toHexString(System.nanoTime());
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    Simulator.Builder sb =
        Simulator.builder()
            .seed(5)
            .credentials("netops", password)
            .enableSecret(password)
            .timeScale(0)
            .loginListener((d, t) -> starts.add(t));
    for (int i = 0; i < routers; i++) {
      sb.device(
          io.netpool.sim.DeviceSpec.builder(String.format("r%05d", i), Platform.CISCO_IOSXE)
              .defaultTarget(TargetBehaviour.reachable())
              .build());
    }
    Path dir = Files.createTempDirectory("netpool-warmup");
    try (Simulator sim = sb.start()) {
      Path knownHosts = dir.resolve("known_hosts");
      writeKnownHosts(sim, knownHosts);
      List<DeviceSpec> devices = new ArrayList<>();
      List<LineSpec> lines = new ArrayList<>();
      for (SimulatedDevice d : sim.devices()) {
        devices.add(
            new DeviceSpec(
                d.id(),
                d.host(),
                d.port(),
                PingPlatform.of("cisco_iosxe"),
                Protocol.CLI,
                "netops",
                SecretRef.literal(password),
                SecretRef.literal(password),
                null,
                0,
                HostKeyPolicy.STRICT,
                Map.of()));
        lines.add(
            new LineSpec(
                "l-" + d.id(),
                d.id(),
                "10.0.0.1",
                null,
                null,
                2,
                Duration.ofSeconds(1),
                null,
                Duration.ofMinutes(30),
                Map.of()));
      }
      Inventory inv = new Inventory(dir.resolve("inventory"), "warmup", devices, lines, List.of());
      MonitorConfig cfg =
          MonitorConfig.defaults()
              .withSsh(SshOptions.defaults().withKnownHostsFile(knownHosts))
              .withPool(
                  PoolConfig.builder()
                      .maxSessionsPerDevice(2)
                      .maxSessionsTotal(2 * routers)
                      .acquireTimeout(Duration.ofSeconds(60))
                      .createTimeout(Duration.ofSeconds(60))
                      .build())
              .withScheduler(
                  SchedulerConfig.defaults().withInitialSpread(Duration.ofSeconds(spreadSeconds)))
              .withLogins(new LoginLimits(maxConcurrent, rate));
      CountDownLatch allChecked = new CountDownLatch(routers);
      LongAdder failures = new LongAdder();
      AtomicInteger results = new AtomicInteger();
      ResultSink sink =
          new ResultSink() {
            @Override
            public void accept(CheckResult r) {
              if (r.failure() != null) {
                failures.increment();
              }
              results.incrementAndGet();
              allChecked.countDown();
            }
          };
      long t0 = System.nanoTime();
      try (Monitor monitor = Monitor.builder(inv).config(cfg).sink(sink).build().start()) {
        if (!allChecked.await(30, TimeUnit.MINUTES)) {
          System.out.println("TIMEOUT: " + results.get() + " results of " + routers);
        }
        long checkedAt = System.nanoTime();
        List<Long> s = new ArrayList<>(starts);
        Collections.sort(s);
        long lastLogin = s.isEmpty() ? t0 : s.get(s.size() - 1);
        int maxRouterPeak = 0;
        long totalLogins = 0;
        int routersWithoutLogin = 0;
        for (SimulatedDevice d : sim.devices()) {
          maxRouterPeak = Math.max(maxRouterPeak, d.peakConcurrentLogins());
          totalLogins += d.sessionsOpened();
          if (d.sessionsOpened() == 0) {
            routersWithoutLogin++;
          }
        }
        var w = monitor.warmup();
        var gate = monitor.loginGate();
        double seconds = (lastLogin - t0) / 1e9;
        System.out.printf(
            "routers %d, limits %d concurrent / %.0f per s, initial_spread %d s, %d cores, %s%n",
            routers,
            maxConcurrent,
            rate,
            spreadSeconds,
            Runtime.getRuntime().availableProcessors(),
            Runtime.version());
        System.out.printf(
            "| last login (s) | all first checks (s) | logins | routers without login |"
                + " peak logins in progress (sim / gate) | max logins in a 1 s window (sim) |"
                + " mean rate (/s) | max concurrent logins on one router | warm-ups started /"
                + " skipped / failed | throttled | check failures |%n");
        System.out.printf(
            "| %.1f | %.1f | %d | %d | %d / %d | %d | %.1f | %d | %d / %d / %d | %d | %d |%n",
            seconds,
            (checkedAt - t0) / 1e9,
            totalLogins,
            routersWithoutLogin,
            sim.peakConcurrentLogins(),
            gate.peakInFlight(),
            maxInWindow(s, TimeUnit.SECONDS.toNanos(1)),
            s.size() > 1 ? (s.size() - 1) / ((lastLogin - s.get(0)) / 1e9) : 0.0,
            maxRouterPeak,
            w.started(),
            w.skipped(),
            w.failed(),
            gate.throttled(),
            failures.sum());
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void writeKnownHosts(Simulator sim, Path file) throws java.io.IOException {
    String key = PublicKeyEntry.toString(sim.hostKey());
    StringBuilder sb = new StringBuilder();
    for (SimulatedDevice d : sim.devices()) {
      sb.append('[').append(d.host()).append("]:").append(d.port()).append(' ').append(key);
      sb.append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /** The most starts in any window of {@code window} nanoseconds (sorted input). */
  static int maxInWindow(List<Long> s, long window) {
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
