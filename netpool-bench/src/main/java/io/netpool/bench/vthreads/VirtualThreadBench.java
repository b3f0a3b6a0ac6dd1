package io.netpool.bench.vthreads;

import io.netpool.bench.PoolAdapter;
import io.netpool.bench.PoolSpec;
import io.netpool.bench.harness.Args;
import io.netpool.bench.harness.Json;
import io.netpool.bench.harness.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario (e): N virtual threads, each doing M acquire / hold / release cycles over K objects of
 * one key, per pool. The hold is a short simulated I/O: {@code Thread.sleep} unmounts the virtual
 * thread from its carrier exactly as a blocking socket read does, and (unlike {@code parkNanos})
 * cannot return early on a spurious wake-up. Reports wall time, throughput, acquire latency
 * (HdrHistogram, from just before {@code acquire} to its return), failed acquires and the number of
 * {@code jdk.VirtualThreadPinned} JFR events (a virtual thread that blocked while pinned to its
 * carrier).
 *
 * <p>A plain harness, not JMH's virtual executor: that executor yields between operations, which
 * stalled several pools on 2 carriers (see {@code docs/benchmarks.md}).
 */
public final class VirtualThreadBench {
  private static final String USAGE =
      """
      VirtualThreadBench --pools netpool,cp2-gkop,... --threads 1000,10000 --ops 20 --objects 16
                         --holdMicros 50 --deadlineSec 120 --out results.json
      """;

  private VirtualThreadBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, USAGE);
    List<String> pools = args.list("pools", String.join(",", PoolAdapter.POOLS));
    List<Long> threadCounts = args.numbers("threads", "1000,10000");
    int ops = (int) args.number("ops", 20);
    int objects = (int) args.number("objects", 16);
    Duration hold = Duration.ofNanos(args.number("holdMicros", 50) * 1000);
    Duration deadline = Duration.ofSeconds(args.number("deadlineSec", 120));
    Path out = Path.of(args.text("out", "vthreads.json"));
    if (System.getProperty("bench.stormpot.tap") == null) {
      // Stormpot's own advice for virtual threads: its ThreadLocal tap does not fit them
      System.setProperty("bench.stormpot.tap", "virtual");
    }

    List<Object> runs = new ArrayList<>();
    for (String pool : pools) {
      // one unrecorded round first, so the recorded ones run compiled code
      new VirtualThreadRun(pool, PoolSpec.singleKey(objects), 1000, Math.max(1, ops / 2), hold)
          .run(deadline);
      for (long n : threadCounts) {
        VirtualThreadRun run =
            new VirtualThreadRun(pool, PoolSpec.singleKey(objects), (int) n, ops, hold);
        Map<String, Object> result = run.run(deadline);
        System.out.println(oneLine(result));
        runs.add(result);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("harness", "vthreads");
    doc.put("objects", objects);
    doc.put("ops_per_thread", ops);
    doc.put("hold_us", hold.toNanos() / 1000.0);
    doc.put("stormpot_tap", System.getProperty("bench.stormpot.tap"));
    doc.put("env", RunInfo.describe());
    doc.put("runs", runs);
    Files.writeString(out, Json.write(doc));
  }

  @SuppressWarnings("unchecked")
  private static String oneLine(Map<String, Object> r) {
    Map<String, Object> lat = (Map<String, Object>) r.get("acquire");
    return String.format(
        "%-14s N=%-6s %s ops in %.0f ms = %.1f ops/ms, acquire p50 %.1f us p99 %.1f us max %.1f"
            + " us, failed %s, pinned %s%s",
        r.get("pool"),
        r.get("threads"),
        r.get("ops_done"),
        (Double) r.get("wall_ms"),
        (Double) r.get("ops_per_ms"),
        (Double) lat.get("p50_us"),
        (Double) lat.get("p99_us"),
        (Double) lat.get("max_us"),
        r.get("failed"),
        r.get("pinned_events"),
        Boolean.TRUE.equals(r.get("finished")) ? "" : " NOT FINISHED");
  }
}
