package io.netpool.pool.demo;

import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolClosedException;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.pool.ProtocolFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A self-contained demonstration of the pool until the line monitor exists: a fleet of in-memory
 * devices (one flaky, one slow to log in, one that drops sessions), many virtual-thread "probes"
 * borrowing sessions, and a live table of what the pool is doing. No network is used.
 *
 * <p>Usage: {@code ./netpool demo [--devices N] [--probes N] [--duration SECONDS]}
 */
public final class PoolDemo {
  private static final Protocol PROTOCOL = Protocol.CLI;

  private PoolDemo() {}

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 12);
    int probes = intArg(args, "--probes", 64);
    int seconds = intArg(args, "--duration", 20);
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(
          "usage: netpool demo [--devices N] [--probes N] [--duration SECONDS]\n"
              + "Runs simulated devices through the pool and prints a live table.");
      return;
    }
    new PoolDemo().run(devices, probes, Duration.ofSeconds(seconds), System.out);
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        try {
          return Integer.parseInt(args[i + 1]);
        } catch (NumberFormatException e) {
          System.err.println(name + " needs a number, got '" + args[i + 1] + "'");
          System.exit(2);
        }
      }
    }
    return fallback;
  }

  void run(int deviceCount, int probeCount, Duration duration, PrintStream out)
      throws InterruptedException {
    List<Device> fleet = new ArrayList<>();
    for (int i = 1; i <= deviceCount; i++) {
      String platform = i % 3 == 0 ? "huawei_vrp" : i % 3 == 1 ? "cisco_iosxe" : "juniper_junos";
      fleet.add(new Device("r" + i, "192.0.2." + i, 22, platform, 0, Map.of(), null));
    }
    DemoFactory factory = new DemoFactory();
    PoolConfig config =
        PoolConfig.builder()
            .maxSessionsPerDevice(2)
            .maxSessionsTotal(Math.max(4, deviceCount * 2 - 4))
            .acquireTimeout(Duration.ofSeconds(2))
            .createTimeout(Duration.ofSeconds(1))
            .healthCheckInterval(Duration.ofSeconds(3))
            .maxUses(200)
            .circuitBreaker(3, Duration.ofSeconds(5))
            .backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
            .housekeepingInterval(Duration.ofMillis(200))
            .build();
    Map<String, LongAdder> ok = new ConcurrentHashMap<>();
    Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    try (DevicePool pool = DevicePool.builder().config(config).factory(factory).build()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < probeCount; i++) {
        threads.add(Thread.ofVirtual().start(() -> probeLoop(pool, fleet, running, ok, failed)));
      }
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        print(pool.snapshot(), fleet, ok, failed, out);
      }
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
    }
    out.println(
        "pool closed; sessions opened "
            + factory.opened.sum()
            + ", closed "
            + factory.closed.sum());
  }

  private static void probeLoop(
      DevicePool pool,
      List<Device> fleet,
      AtomicBoolean running,
      Map<String, LongAdder> ok,
      Map<String, LongAdder> failed) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running.get()) {
      Device d = fleet.get(random.nextInt(fleet.size()));
      try (Lease<DemoDriver> lease = pool.acquire(d, PROTOCOL)) {
        if (!lease.driver().ping()) {
          lease.invalidate(new IOException("session dropped during the command"));
          failed.computeIfAbsent(d.id(), k -> new LongAdder()).increment();
        } else {
          ok.computeIfAbsent(d.id(), k -> new LongAdder()).increment();
        }
      } catch (AcquireTimeoutException | DeviceUnavailableException e) {
        failed.computeIfAbsent(d.id(), k -> new LongAdder()).increment();
      } catch (PoolClosedException e) {
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void print(
      PoolSnapshot snap,
      List<Device> fleet,
      Map<String, LongAdder> ok,
      Map<String, LongAdder> failed,
      PrintStream out) {
    StringBuilder sb = new StringBuilder();
    sb.append("\033[H\033[2J");
    sb.append(
        String.format(
            "netpool demo  sessions %d/%d  idle %d  in use %d  creating %d  waiting %d  opened %d"
                + "  closed %d%n%n",
            snap.totals().total(),
            snap.maxSessionsTotal(),
            snap.totals().idle(),
            snap.totals().inUse(),
            snap.totals().creating(),
            snap.totals().pending(),
            snap.sessionsCreated(),
            snap.sessionsClosed()));
    sb.append(
        String.format(
            "%-6s %-14s %-10s %5s %4s %5s %5s %9s %8s  %s%n",
            "device",
            "platform",
            "circuit",
            "total",
            "idle",
            "inuse",
            "wait",
            "probes-ok",
            "failed",
            "last failure"));
    for (Device d : fleet) {
      PoolSnapshot.DeviceSnapshot ds = snap.device(d.id(), PROTOCOL).orElse(null);
      if (ds == null) {
        continue;
      }
      sb.append(
          String.format(
              "%-6s %-14s %-10s %5d %4d %5d %5d %9d %8d  %s%n",
              d.id(),
              d.platform(),
              ds.circuit(),
              ds.counts().total(),
              ds.counts().idle(),
              ds.counts().inUse(),
              ds.counts().pending(),
              count(ok, d.id()),
              count(failed, d.id()),
              ds.lastFailure() == null ? "" : ds.lastFailure()));
    }
    out.print(sb);
    out.flush();
  }

  private static long count(Map<String, LongAdder> m, String id) {
    LongAdder a = m.get(id);
    return a == null ? 0 : a.sum();
  }

  /** In-memory sessions: r2 never logs in, r3 logs in slowly, r4 drops sessions now and then. */
  private static final class DemoFactory implements ProtocolFactory<DemoDriver> {
    final LongAdder opened = new LongAdder();
    final LongAdder closed = new LongAdder();

    @Override
    public Protocol protocol() {
      return PROTOCOL;
    }

    @Override
    public DemoDriver create(Device device, Duration timeout) throws IOException {
      switch (device.id()) {
        case "r2" -> throw new IOException("authentication failed");
        case "r3" -> LockSupport.parkNanos(Duration.ofMillis(600).toNanos());
        default -> LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      opened.increment();
      return new DemoDriver(device.id().equals("r4"), closed);
    }
  }

  private static final class DemoDriver implements ProtocolDriver {
    private final boolean flaky;
    private final LongAdder closedCounter;
    private volatile boolean open = true;

    DemoDriver(boolean flaky, LongAdder closedCounter) {
      this.flaky = flaky;
      this.closedCounter = closedCounter;
    }

    /** A pretend command: a few milliseconds of device latency. */
    boolean ping() {
      LockSupport.parkNanos(
          Duration.ofMillis(2 + ThreadLocalRandom.current().nextInt(8)).toNanos());
      if (flaky && ThreadLocalRandom.current().nextInt(50) == 0) {
        open = false;
      }
      return open;
    }

    @Override
    public Protocol protocol() {
      return PROTOCOL;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      closedCounter.increment(); // the pool closes each session exactly once
      open = false;
    }
  }
}
