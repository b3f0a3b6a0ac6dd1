package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.pool.PoolConfig;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One variant of the ping sweep in this JVM (the client; the simulator runs elsewhere): probes
 * every line of the fleet on the monitor's schedule for a warm-up and a measured window, then
 * prints {@code RESULT {json}}: probes per second, due→done percentiles, SSH handshakes, CPU, heap,
 * threads, errors and wrong results. Exit status 0, or 3 when any parsed result was wrong.
 *
 * <pre>
 * NETPOOL_E2E_PASSWORD=... java -cp benchmarks.jar io.netpool.bench.e2e.SweepClient \
 *     --variant netpool|cp2|nopool --dir D --interval-ms 2000 --warmup-s 8 --measure-s 15
 * </pre>
 */
public final class SweepClient {
  static final List<String> VARIANTS = List.of("netpool", "cp2", "nopool");

  /** Diagnostic variants, run only when asked for. */
  static final List<String> EXTRA_VARIANTS = List.of("netpool-pool");

  /** The monitor's defaults, given to the baselines too. */
  static final int MAX_PER_ROUTER = PoolConfig.defaults().maxSessionsPerDevice();

  static final Duration SESSION_WAIT = Duration.ofSeconds(15);
  static final Duration CREATE_TIMEOUT = PoolConfig.defaults().createTimeout();

  private SweepClient() {}

  public static void main(String[] argv) throws Exception {
    Args a =
        Args.parse(
            argv,
            List.of(
                "variant",
                "dir",
                "interval-ms",
                "warmup-s",
                "measure-s",
                "tail-s",
                "drain-s",
                "threads"),
            List.of("unpaced-logins"));
    String variant = a.required("variant");
    if (!VARIANTS.contains(variant) && !EXTRA_VARIANTS.contains(variant)) {
      throw new IllegalArgumentException(
          "--variant must be one of " + VARIANTS + " or " + EXTRA_VARIANTS);
    }
    Path dir = a.path("dir");
    Duration interval = Duration.ofMillis(a.integer("interval-ms", 2000));
    Duration warmup =
        PhaseGrid.warmupAtLeast(Duration.ofSeconds(a.integer("warmup-s", 8)), interval);
    Duration measure = Duration.ofSeconds(a.integer("measure-s", 15));
    Duration tail = Duration.ofSeconds(a.integer("tail-s", 5));
    Duration drain = Duration.ofSeconds(a.integer("drain-s", 20));
    int threads = a.integer("threads", 64);
    // --unpaced-logins: the monitor opens up to `threads` sessions at once, without its default
    // pacing (16 at once, 10 per second), which protects real AAA servers, not this simulator.
    LoginLimits logins =
        a.flag("unpaced-logins") ? new LoginLimits(threads, 1e6) : LoginLimits.defaults();

    ClientFleet fleet = ClientFleet.load(dir, interval);
    ResourceMeter meter = new ResourceMeter();
    Map<String, Object> out = new LinkedHashMap<>();
    int exit;
    try (SshTransport transport = SshTransport.start()) {
      HandshakeCounter handshakes = HandshakeCounter.attach(transport.client());
      // The warm-up counts from here: the variant starts probing right below.
      Instant windowStart = Instant.now().plus(warmup);
      Instant windowEnd = windowStart.plus(measure);
      ProbeRecorder recorder = new ProbeRecorder(windowStart, windowEnd, fleet);
      try (SweepVariant v = variant(variant, fleet, transport, recorder, threads, logins);
          MeasuredWindow window =
              new MeasuredWindow(windowStart, windowEnd, tail, meter, handshakes)) {
        v.start();
        MeasuredWindow.Result w = window.await(Duration.ofSeconds(30));
        v.stop(drain);
        ProbeRecorder.Summary s = recorder.summary();
        long due = dueInWindow(fleet, windowStart, windowEnd);
        out.put("variant", variant);
        out.put("routers", fleet.plan().routers());
        out.put("lines", fleet.inventory().lines().size());
        out.put("interval_ms", interval.toMillis());
        out.put("threads", threads);
        out.put("warmup_s", warmup.toMillis() / 1000.0);
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
        out.put("p90_ms", s.p90Ms());
        out.put("p99_ms", s.p99Ms());
        out.put("max_ms", s.maxMs());
        out.put("mean_ms", s.meanMs());
        out.put("handshakes_window", w.handshakes());
        out.put("handshakes_total", handshakes.created());
        out.put("logins_total", handshakes.authenticated());
        putUsage(out, w.usage(), s.measured());
        out.put("details", v.details());
        out.put("samples", s.samples());
        exit = s.wrong() > 0 ? 3 : 0;
      }
    }
    System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out));
    System.out.flush();
    System.exit(exit);
  }

  static void putUsage(Map<String, Object> out, ResourceMeter.Usage u, long probes) {
    out.put("cpu_s", u.cpuSeconds());
    out.put("cpu_ms_per_probe", probes == 0 ? null : u.cpuSeconds() * 1000 / probes);
    out.put("cpu_cores_busy", u.cpuSeconds() / u.wallSeconds());
    out.put("heap_peak_mb", u.heapPeakBytes() / 1048576.0);
    out.put(
        "heap_after_gc_max_mb",
        u.heapAfterGcMaxBytes() < 0 ? null : u.heapAfterGcMaxBytes() / 1048576.0);
    out.put("threads_peak", u.peakThreads());
    out.put("threads_live", u.liveThreads());
    out.put("gc_count", u.gcCount());
    out.put("gc_s", u.gcSeconds());
  }

  private static SweepVariant variant(
      String name,
      ClientFleet fleet,
      SshTransport transport,
      ProbeRecorder recorder,
      int threads,
      LoginLimits logins) {
    return switch (name) {
      case "netpool" ->
          new MonitorSweep(fleet, transport, recorder, PoolConfig.defaults(), threads, logins);
      case "cp2" ->
          new FixedRateSweep(
              fleet.inventory(),
              new CommonsPoolRunner(fleet, transport, MAX_PER_ROUTER, SESSION_WAIT, CREATE_TIMEOUT),
              recorder,
              threads);
      case "nopool" ->
          new FixedRateSweep(
              fleet.inventory(),
              new NoPoolRunner(fleet, transport, CREATE_TIMEOUT),
              recorder,
              threads);
      case "netpool-pool" ->
          new FixedRateSweep(
              fleet.inventory(),
              new NetpoolPoolRunner(fleet, transport, PoolConfig.defaults(), SESSION_WAIT),
              recorder,
              threads);
      default -> throw new IllegalArgumentException("unknown variant " + name);
    };
  }

  /** Due times of all lines inside the window: what every variant should have probed. */
  static long dueInWindow(ClientFleet fleet, Instant start, Instant end) {
    long n = 0;
    for (LineSpec l : fleet.inventory().lines().values()) {
      n += PhaseGrid.countIn(l.id(), l.interval(), start, end);
    }
    return n;
  }
}
