package io.netpool.bench.vthreads;

import io.netpool.bench.PoolAdapter;
import io.netpool.bench.PoolSpec;
import io.netpool.bench.harness.Latency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.ConcurrentHistogram;

/** One pool, N virtual threads x M cycles: builds the pool, runs, measures, closes the pool. */
final class VirtualThreadRun {
  private static final String PINNED = "jdk.VirtualThreadPinned";

  private final String pool;
  private final PoolSpec spec;
  private final int threads;
  private final int ops;
  private final Duration hold;
  private final ConcurrentHistogram acquireNanos = new ConcurrentHistogram(3);
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String firstErrorText;

  VirtualThreadRun(String pool, PoolSpec spec, int threads, int ops, Duration hold) {
    this.pool = pool;
    this.spec = spec;
    this.threads = threads;
    this.ops = ops;
    this.hold = hold;
  }

  /** Runs to completion or until {@code deadline}, whichever is first; then closes the pool. */
  Map<String, Object> run(Duration deadline) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>(threads);
    long wallNanos;
    boolean allDone;
    long pinned;
    try (PoolAdapter adapter = PoolAdapter.create(pool, spec);
        Recording recording = new Recording()) {
      recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      for (int i = 0; i < threads; i++) {
        workers.add(Thread.ofVirtual().start(() -> work(adapter, start, finished)));
      }
      long t0 = System.nanoTime();
      start.countDown();
      allDone = finished.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
      wallNanos = System.nanoTime() - t0;
      recording.stop();
      pinned = countEvents(recording);
      if (!allDone) {
        workers.forEach(Thread::interrupt);
      }
    }
    for (Thread w : workers) {
      w.join(Duration.ofSeconds(30)); // closing the pool failed every waiter
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pool", pool);
    r.put("threads", threads);
    r.put("ops_per_thread", ops);
    r.put("objects", spec.perKey());
    r.put("hold_us", hold.toNanos() / 1000.0);
    r.put("finished", allDone);
    r.put("ops_done", done.get());
    r.put("failed", failed.get());
    r.put("first_error", firstErrorText);
    r.put("wall_ms", wallNanos / 1e6);
    r.put("ops_per_ms", done.get() / (wallNanos / 1e6));
    r.put("ideal_ops_per_ms", spec.perKey() / (hold.toNanos() / 1e6));
    r.put("acquire", Latency.summary(acquireNanos));
    r.put("pinned_events", pinned);
    return r;
  }

  private void work(PoolAdapter adapter, CountDownLatch start, CountDownLatch finished) {
    try {
      start.await();
      for (int i = 0; i < ops; i++) {
        long t0 = System.nanoTime();
        Object h;
        try {
          h = adapter.acquire(0);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (failed.getAndIncrement() == 0) {
            firstErrorText = e.toString();
          }
          continue;
        }
        acquireNanos.recordValue(System.nanoTime() - t0);
        try {
          Thread.sleep(hold);
        } finally {
          adapter.release(h);
        }
        done.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failed.incrementAndGet();
    } finally {
      finished.countDown();
    }
  }

  private static long countEvents(Recording recording) throws IOException {
    Path file = Files.createTempFile("vthreads-", ".jfr");
    try {
      recording.dump(file);
      long n = 0;
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (e.getEventType().getName().equals(PINNED)) {
          n++;
        }
      }
      return n;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
