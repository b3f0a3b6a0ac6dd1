package io.netpool.bench.lifecycle;

import io.netpool.bench.PoolAdapter;
import io.netpool.bench.PoolSpec;
import io.netpool.bench.harness.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** One pool, one delay: runs the threads for a fixed time and collects their histograms. */
final class SlowLifecycleRun {
  private final String pool;
  private final int objects;
  private final int threads;
  private final Duration createDelay;
  private final Duration closeDelay;
  private final long invalidateEveryNanos;
  private final AtomicLong nextInvalidation = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String firstError;

  SlowLifecycleRun(
      String pool,
      int objects,
      int threads,
      Duration createDelay,
      Duration closeDelay,
      Duration invalidateEvery) {
    this.pool = pool;
    this.objects = objects;
    this.threads = threads;
    this.createDelay = createDelay;
    this.closeDelay = closeDelay;
    this.invalidateEveryNanos = invalidateEvery.toNanos();
  }

  Map<String, Object> run(Duration length) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pool", pool);
    r.put("create_ms", createDelay.toMillis());
    r.put("close_ms", closeDelay.toMillis());
    r.put("invalidate_every_ms", invalidateEveryNanos / 1_000_000);
    r.put("objects", objects);
    r.put("threads", threads);
    try (PoolAdapter adapter =
        PoolAdapter.create(pool, PoolSpec.slow(objects, createDelay, closeDelay))) {
      if (!adapter.createsObjects()) {
        r.put("skipped", "this pool cannot create or replace objects");
        return r;
      }
      List<Worker> workers = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + length.toNanos();
      nextInvalidation.set(start + invalidateEveryNanos);
      for (int i = 0; i < threads; i++) {
        Worker w = new Worker(adapter, end);
        w.thread = Thread.ofPlatform().name("slow-" + i).start(w);
        workers.add(w);
      }
      Histogram acquire = new Histogram(3);
      Histogram release = new Histogram(3);
      Histogram invalidate = new Histogram(3);
      for (Worker w : workers) {
        w.thread.join();
        acquire.add(w.acquire);
        release.add(w.release);
        invalidate.add(w.invalidate);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long slowThreshold = createDelay.toNanos() / 2;
      r.put("ops", acquire.getTotalCount());
      r.put("ops_per_s", acquire.getTotalCount() / seconds);
      r.put("invalidations", invalidate.getTotalCount());
      r.put("failed", failed.get());
      r.put("first_error", firstError);
      r.put("acquires_over_half_create", countAbove(acquire, slowThreshold));
      r.put("acquire", Latency.summary(acquire));
      r.put("release", Latency.summary(release));
      r.put("invalidate", Latency.summary(invalidate));
    }
    return r;
  }

  private static long countAbove(Histogram h, long nanos) {
    return h.getTotalCount() - h.getCountBetweenValues(0, nanos);
  }

  /** True for the one caller that claims the next invalidation slot. */
  private boolean invalidationDue(long now) {
    long due = nextInvalidation.get();
    return now >= due && nextInvalidation.compareAndSet(due, now + invalidateEveryNanos);
  }

  private final class Worker implements Runnable {
    final PoolAdapter adapter;
    final long end;
    final Histogram acquire = new Histogram(3);
    final Histogram release = new Histogram(3);
    final Histogram invalidate = new Histogram(3);
    Thread thread;

    Worker(PoolAdapter adapter, long end) {
      this.adapter = adapter;
      this.end = end;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      while (now < end) {
        try {
          Object h = adapter.acquire(0);
          long acquired = System.nanoTime();
          acquire.recordValue(acquired - now);
          if (invalidationDue(acquired)) {
            adapter.invalidate(h);
            now = System.nanoTime();
            invalidate.recordValue(now - acquired);
          } else {
            adapter.release(h);
            now = System.nanoTime();
            release.recordValue(now - acquired);
          }
        } catch (Exception e) {
          failed.incrementAndGet();
          if (firstError == null) {
            firstError = e.toString();
          }
          now = System.nanoTime();
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static String oneLine(Map<String, Object> r) {
    if (r.containsKey("skipped")) {
      return String.format(
          "%-14s create/close %s ms: skipped (%s)",
          r.get("pool"), r.get("create_ms"), r.get("skipped"));
    }
    Map<String, Object> a = (Map<String, Object>) r.get("acquire");
    Map<String, Object> inv = (Map<String, Object>) r.get("invalidate");
    return String.format(
        "%-14s create/close %s ms: %s ops, %s invalidations, acquire p50 %.1f us p99.9 %.1f us max"
            + " %.1f ms (%s over half a create), invalidate max %.1f ms, failed %s",
        r.get("pool"),
        r.get("create_ms"),
        r.get("ops"),
        r.get("invalidations"),
        (Double) a.get("p50_us"),
        (Double) a.get("p99_9_us"),
        (Double) a.get("max_us") / 1000,
        r.get("acquires_over_half_create"),
        (Double) inv.get("max_us") / 1000,
        r.get("failed"));
  }
}
