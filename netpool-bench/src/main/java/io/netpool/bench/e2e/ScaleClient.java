package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scale scenario in this JVM: one pooled CLI session to each of the simulator's devices (one
 * line each), held by the monitor's pool. Measures the warm-up (every session opened, at most
 * {@code --warmup-concurrency} at once), heap per idle session (live heap after full GCs, after
 * minus before, divided by the sessions), live platform threads, then runs the monitor over the
 * warm pool and measures CPU per probe at steady state. Prints {@code RESULT {json}}.
 *
 * <pre>
 * NETPOOL_E2E_PASSWORD=... java -cp benchmarks.jar io.netpool.bench.e2e.ScaleClient --dir D \
 *     --interval-ms 20000 --settle-s 20 --measure-s 60
 * </pre>
 */
public final class ScaleClient {
  private ScaleClient() {}

  public static void main(String[] argv) throws Exception {
    Args a =
        Args.parse(
            argv,
            List.of(
                "dir",
                "interval-ms",
                "settle-s",
                "measure-s",
                "tail-s",
                "drain-s",
                "warmup-concurrency",
                "warmup-timeout-s",
                "max-concurrent-checks"),
            List.of());
    Path dir = a.path("dir");
    Duration interval = Duration.ofMillis(a.integer("interval-ms", 20_000));
    Duration settle =
        PhaseGrid.warmupAtLeast(
            Duration.ofSeconds(a.integer("settle-s", 20)),
            Duration.ofMillis(a.integer("interval-ms", 20_000)));
    Duration measure = Duration.ofSeconds(a.integer("measure-s", 60));
    Duration tail = Duration.ofSeconds(a.integer("tail-s", 5));
    Duration drain = Duration.ofSeconds(a.integer("drain-s", 20));
    int concurrency = a.integer("warmup-concurrency", 64);
    Duration warmupTimeout = Duration.ofSeconds(a.integer("warmup-timeout-s", 600));
    int maxChecks = a.integer("max-concurrent-checks", 64);

    ClientFleet fleet = ClientFleet.load(dir, interval);
    int devices = fleet.inventory().devices().size();
    PoolConfig pool =
        PoolConfig.builder()
            .maxSessionsPerDevice(1)
            .maxSessionsTotal(Math.max(devices, PoolConfig.defaults().maxSessionsTotal()))
            .build();
    Map<String, Object> out = new LinkedHashMap<>();
    int exit;
    try (SshTransport transport = SshTransport.start()) {
      HandshakeCounter handshakes = HandshakeCounter.attach(transport.client());
      // The window is placed after the warm-up, once its length is known.
      AtomicReference<ProbeRecorder> recorderRef = new AtomicReference<>();
      OutcomeSink sink =
          (line, due, done, ping, failure) ->
              recorderRef.get().record(line, due, done, ping, failure);
      // The monitor's login pacing (16 at once, 10 per second) protects real routers' AAA servers;
      // the simulator is local, so the warm-up opens `concurrency` sessions at once, unpaced.
      LoginLimits logins = new LoginLimits(concurrency, 1e6);
      try (MonitorSweep sweep = new MonitorSweep(fleet, transport, sink, pool, maxChecks, logins)) {
        int threadsBefore = ResourceMeter.liveThreads();
        long heapBefore = ResourceMeter.liveHeapBytes();

        long t0 = System.nanoTime();
        Warmup w = warmUp(sweep.monitor().pool(), fleet, concurrency, warmupTimeout);
        double warmupSeconds = (System.nanoTime() - t0) / 1e9;

        PoolSnapshot.Counts counts = totals(sweep.monitor().pool());
        long heapAfter = ResourceMeter.liveHeapBytes();
        int threadsAfter = ResourceMeter.liveThreads();
        out.put("devices", devices);
        out.put("warmup_s", warmupSeconds);
        out.put("warmup_concurrency", concurrency);
        out.put("warmup_failures", w.failures);
        out.put("sessions_open", counts.total());
        out.put("sessions_idle", counts.idle());
        out.put("handshakes_warmup", handshakes.created());
        out.put("heap_before_mb", heapBefore / 1048576.0);
        out.put("heap_after_mb", heapAfter / 1048576.0);
        out.put(
            "heap_per_session_kb",
            counts.total() == 0 ? null : (heapAfter - heapBefore) / 1024.0 / counts.total());
        out.put("threads_before", threadsBefore);
        out.put("threads_live", threadsAfter);

        Instant windowStart = Instant.now().plus(settle);
        Instant windowEnd = windowStart.plus(measure);
        ProbeRecorder recorder = new ProbeRecorder(windowStart, windowEnd, fleet);
        recorderRef.set(recorder); // before the first check: start() comes after
        ResourceMeter meter = new ResourceMeter();
        try (MeasuredWindow window =
            new MeasuredWindow(windowStart, windowEnd, tail, meter, handshakes)) {
          sweep.start();
          MeasuredWindow.Result r = window.await(Duration.ofSeconds(30));
          sweep.stop(drain);
          ProbeRecorder.Summary s = recorder.summary();
          long due = SweepClient.dueInWindow(fleet, windowStart, windowEnd);
          out.put("interval_ms", interval.toMillis());
          out.put("settle_s", settle.toMillis() / 1000.0);
          out.put("window_s", window.seconds());
          out.put("due_in_window", due);
          out.put("probes_ok", s.measured());
          out.put("probes_per_s", s.measured() / window.seconds());
          out.put("errors", s.errorCount());
          out.put("errors_by_kind", s.errors());
          out.put("wrong_results", s.wrong());
          out.put("not_done", Math.max(0, due - s.measured() - s.errorCount() - s.wrong()));
          out.put("cancelled_at_stop", s.cancelledAtStop());
          out.put("p50_ms", s.p50Ms());
          out.put("p99_ms", s.p99Ms());
          out.put("max_ms", s.maxMs());
          out.put("handshakes_window", r.handshakes());
          SweepClient.putUsage(out, r.usage(), s.measured());
          out.put("details", sweep.details());
          out.put("samples", s.samples());
          exit = s.wrong() > 0 ? 3 : 0;
        }
      }
    }
    System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out));
    System.out.flush();
    System.exit(exit);
  }

  /** Failed session opens of the warm-up. */
  private record Warmup(long failures) {}

  /**
   * Opens one session per device through the pool (acquire, give back), {@code concurrency} at a
   * time, each on a virtual thread; returns when all are done or the timeout passed.
   */
  private static Warmup warmUp(
      DevicePool pool, ClientFleet fleet, int concurrency, Duration timeout)
      throws InterruptedException {
    List<Device> devices = new ArrayList<>();
    fleet.inventory().devices().keySet().forEach(id -> devices.add(fleet.device(id)));
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(devices.size());
    LongAdder failures = new LongAdder();
    for (Device d : devices) {
      permits.acquire();
      Thread.ofVirtual()
          .name("warmup-" + d.id())
          .start(
              () -> {
                try (Lease<ProtocolDriver> lease = pool.acquire(d, Protocol.CLI, timeout)) {
                  lease.driver(); // opened and logged in: give it back idle
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  failures.increment();
                } catch (RuntimeException e) {
                  failures.increment();
                } finally {
                  permits.release();
                  done.countDown();
                }
              });
    }
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "warm-up did not finish within " + timeout + ": " + done.getCount() + " devices left");
    }
    return new Warmup(failures.sum());
  }

  private static PoolSnapshot.Counts totals(DevicePool pool) {
    return pool.snapshot().byProtocol().values().stream()
        .reduce(PoolSnapshot.Counts.ZERO, PoolSnapshot.Counts::plus);
  }
}
