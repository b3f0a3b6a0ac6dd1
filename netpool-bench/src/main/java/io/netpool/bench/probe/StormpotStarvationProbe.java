package io.netpool.bench.probe;

import io.netpool.bench.PoolAdapter;
import io.netpool.bench.PoolSpec;
import io.netpool.bench.harness.Args;
import io.netpool.bench.harness.Json;
import io.netpool.bench.harness.Latency;
import io.netpool.bench.harness.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Why Stormpot fails scenario (b): 4 platform threads share 1 object, each holding it for {@code
 * holdTokens} of CPU, then spending {@code thinkTokens} before the next claim. Counts, per thread,
 * the claims that succeeded and the ones that timed out ({@code -Dbench.timeoutMs}), and records
 * claim latency. Run with think 0 (scenario (b)) and with think = hold: a pool that is fair only
 * when threads pause between claims starves the others when they do not.
 */
public final class StormpotStarvationProbe {
  private static final String USAGE =
      "StormpotStarvationProbe --pools stormpot,netpool --threads 4 --holdTokens 1000"
          + " --thinkTokens 0,1000 --seconds 5 --out probe.json";

  private StormpotStarvationProbe() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, USAGE);
    List<String> pools = args.list("pools", "stormpot,netpool");
    int threads = (int) args.number("threads", 4);
    long hold = args.number("holdTokens", 1000);
    List<Long> thinks = args.numbers("thinkTokens", "0,1000");
    long seconds = args.number("seconds", 5);
    Path out = Path.of(args.text("out", "stormpot-probe.json"));

    List<Object> runs = new ArrayList<>();
    for (String pool : pools) {
      for (long think : thinks) {
        Map<String, Object> r = run(pool, threads, hold, think, seconds);
        System.out.println(r.get("line"));
        runs.add(r);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("harness", "stormpot-probe");
    doc.put("claim_timeout_ms", PoolAdapter.TIMEOUT_MS);
    doc.put("env", RunInfo.describe());
    doc.put("runs", runs);
    Files.writeString(out, Json.write(doc));
  }

  private static Map<String, Object> run(
      String pool, int threads, long hold, long think, long seconds) throws Exception {
    long[] ok = new long[threads];
    long[] timedOut = new long[threads];
    Histogram[] latency = new Histogram[threads];
    try (PoolAdapter adapter = PoolAdapter.create(pool, PoolSpec.singleKey(1))) {
      CountDownLatch start = new CountDownLatch(1);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      Thread[] workers = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        int id = t;
        latency[t] = new Histogram(3);
        workers[t] =
            Thread.ofPlatform()
                .name("probe-" + t)
                .start(
                    () -> {
                      try {
                        start.await();
                        while (System.nanoTime() < end) {
                          long t0 = System.nanoTime();
                          Object h;
                          try {
                            h = adapter.acquire(0);
                          } catch (InterruptedException e) {
                            return;
                          } catch (Exception e) {
                            timedOut[id]++;
                            continue;
                          }
                          latency[id].recordValue(System.nanoTime() - t0);
                          Blackhole.consumeCPU(hold);
                          adapter.release(h);
                          ok[id]++;
                          Blackhole.consumeCPU(think);
                        }
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    });
      }
      start.countDown();
      for (Thread w : workers) {
        w.join();
      }
    }
    Histogram all = new Histogram(3);
    List<Long> okList = new ArrayList<>();
    List<Long> toList = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      all.add(latency[t]);
      okList.add(ok[t]);
      toList.add(timedOut[t]);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pool", pool);
    r.put("threads", threads);
    r.put("hold_tokens", hold);
    r.put("think_tokens", think);
    r.put("seconds", seconds);
    r.put("claims_per_thread", okList);
    r.put("timeouts_per_thread", toList);
    r.put("claim", Latency.summary(all));
    r.put(
        "line",
        String.format(
            "%-9s think %5d: claims per thread %s, timeouts per thread %s, claim p50 %.1f us,"
                + " max %.1f ms",
            pool,
            think,
            okList,
            toList,
            all.getValueAtPercentile(50) / 1000.0,
            all.getMaxValue() / 1e6));
    return r;
  }
}
