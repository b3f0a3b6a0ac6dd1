package io.netpool.bench.lifecycle;

import io.netpool.bench.PoolAdapter;
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
 * Scenario (d): slow creation and slow close, as users feel them. One key, {@code objects} objects
 * (default 4) and {@code threads} platform threads (default 2) doing acquire / release with no
 * hold, so a healthy pool always has an idle object for every borrower. Every {@code
 * invalidateEvery} (default 4 x the delay) one borrower invalidates its object instead of releasing
 * it: the pool must close it (taking {@code closeMs}) and, if it refills, create a replacement
 * (taking {@code createMs}).
 *
 * <p>Each run is followed by a control run of the same length without invalidations: its slow
 * acquires are the machine's own noise (preemption, GC), to subtract from the first.
 *
 * <p>Separate histograms show who pays: acquire latency (does a slow creation block borrowers that
 * an idle object could serve, or make a borrower create?), release latency, and invalidate latency
 * (does the caller wait for the close?). A pool that creates and closes on its own threads keeps
 * all three near their no-delay values.
 */
public final class SlowLifecycleBench {
  private static final String USAGE =
      """
      SlowLifecycleBench --pools netpool,cp2-gkop,... --delaysMs 50,500 --objects 4 --threads 2
                         --seconds 10 [--invalidateEveryMs N, default 4 x delay] --out results.json
      """;

  private SlowLifecycleBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, USAGE);
    List<String> pools = args.list("pools", String.join(",", PoolAdapter.POOLS));
    List<Long> delays = args.numbers("delaysMs", "50,500");
    int objects = (int) args.number("objects", 4);
    int threads = (int) args.number("threads", 2);
    Duration length = Duration.ofSeconds(args.number("seconds", 10));
    long invalidateEveryMs = args.number("invalidateEveryMs", 0);
    Path out = Path.of(args.text("out", "slow.json"));

    List<Object> runs = new ArrayList<>();
    for (String pool : pools) {
      for (long delayMs : delays) {
        Duration delay = Duration.ofMillis(delayMs);
        SlowLifecycleRun run =
            new SlowLifecycleRun(
                pool,
                objects,
                threads,
                delay,
                delay,
                invalidateEveryMs > 0
                    ? Duration.ofMillis(invalidateEveryMs)
                    : delay.multipliedBy(4));
        Map<String, Object> result = run.run(length);
        System.out.println(SlowLifecycleRun.oneLine(result));
        if (!result.containsKey("skipped")) {
          // the same run without invalidations: what the machine alone does to the tail
          Map<String, Object> control =
              new SlowLifecycleRun(pool, objects, threads, delay, delay, Duration.ofDays(1))
                  .run(length);
          result.put("control_acquires_over_half_create", control.get("acquires_over_half_create"));
          result.put("control_acquire", control.get("acquire"));
          System.out.println("  control (no invalidation): " + SlowLifecycleRun.oneLine(control));
        }
        runs.add(result);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("harness", "slow");
    doc.put("objects", objects);
    doc.put("threads", threads);
    doc.put("seconds", length.toSeconds());
    doc.put("env", RunInfo.describe());
    doc.put("runs", runs);
    Files.writeString(out, Json.write(doc));
  }
}
