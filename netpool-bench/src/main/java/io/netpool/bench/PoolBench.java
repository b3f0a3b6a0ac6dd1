package io.netpool.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One acquire/release cycle of a no-op object, every pool side by side ({@code -p pool=...}). The
 * handle stays in the cycle's scope, as with try-with-resources, unless a benchmark says otherwise.
 *
 * <ul>
 *   <li>(a) uncontended: {@code max(2, threads)} objects, so threads never wait; no hold. 1 and 2
 *       threads ({@code uncontended_t1}, {@code uncontended_t2}); and 1 thread with the handle kept
 *       past the cycle ({@code uncontended_kept_t1}: returned to JMH, so a handle allocated per
 *       borrow is never removed by escape analysis).
 *   <li>(b) exhausted: {@code objects} (default 1) shared by 4 or 8 threads ({@code exhausted_t4},
 *       {@code exhausted_t8}); each lease is held for {@code holdTokens} of {@link
 *       Blackhole#consumeCPU} (1,000 tokens is about 2 microseconds; {@code holdOnly} measures it)
 *       and {@code thinkTokens} are spent after the release (default 0). Throughput and sampled
 *       latency.
 *   <li>(c) keyed: {@code keys} keys, per-key cap 2, global cap {@code keys * 2 - keys / 2} ({@link
 *       PoolSpec#keyed}), a random key per operation, no hold; 1, 2 and 4 threads ({@code
 *       keyed_t1}, {@code keyed_t2}, {@code keyed_t4}).
 * </ul>
 *
 * <p>A {@code -t} on the command line overrides the annotations; the object counts of (a) follow
 * it.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBench {

  /** Common part: the pool behind its adapter, built and pre-filled once per trial. */
  abstract static class PoolState {
    PoolAdapter adapter;

    abstract PoolSpec spec(int threads);

    abstract String poolName();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
      adapter = PoolAdapter.create(poolName(), spec(params.getThreads()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      adapter.close();
    }
  }

  /** Scenario (a): at least as many objects as threads, nobody waits. */
  @State(Scope.Benchmark)
  public static class Uncontended extends PoolState {
    @Param({
      "netpool",
      "hikari-bag",
      "hikari-ds",
      "cp2-gkop",
      "hc5-strict",
      "hc5-lax",
      "hc5-segmented",
      "stormpot"
    })
    public String pool;

    @Override
    String poolName() {
      return pool;
    }

    @Override
    PoolSpec spec(int threads) {
      return PoolSpec.singleKey(Math.max(2, threads));
    }
  }

  /** Scenario (b): several threads per object, each holding its lease for a few microseconds. */
  @State(Scope.Benchmark)
  public static class Exhausted extends PoolState {
    @Param({
      "netpool",
      "hikari-bag",
      "hikari-ds",
      "cp2-gkop",
      "hc5-strict",
      "hc5-lax",
      "hc5-segmented",
      "stormpot"
    })
    public String pool;

    @Param({"1"})
    public int objects;

    @Param({"1000"})
    public long holdTokens;

    @Param({"0"})
    public long thinkTokens;

    @Override
    String poolName() {
      return pool;
    }

    @Override
    PoolSpec spec(int threads) {
      return PoolSpec.singleKey(objects);
    }
  }

  /** Scenario (c): many keys, per-key and global caps, a random key per operation. */
  @State(Scope.Benchmark)
  public static class Keyed extends PoolState {
    @Param({
      "netpool",
      "hikari-bag",
      "hikari-ds",
      "cp2-gkop",
      "hc5-strict",
      "hc5-lax",
      "hc5-segmented",
      "stormpot"
    })
    public String pool;

    @Param({"1", "10", "100", "1000"})
    public int keys;

    @Override
    String poolName() {
      return pool;
    }

    @Override
    PoolSpec spec(int threads) {
      return PoolSpec.keyed(keys);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public void uncontended_t1(Uncontended s) throws Exception {
    cycle(s.adapter, 0);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public Object uncontended_kept_t1(Uncontended s) throws Exception {
    Object h = s.adapter.acquire(0);
    s.adapter.release(h);
    return h; // outlives the cycle, as a handle stored in a field would
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public void uncontended_t2(Uncontended s) throws Exception {
    cycle(s.adapter, 0);
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @Threads(4)
  public void exhausted_t4(Exhausted s) throws Exception {
    heldCycle(s);
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @Threads(8)
  public void exhausted_t8(Exhausted s) throws Exception {
    heldCycle(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public void keyed_t1(Keyed s) throws Exception {
    cycle(s.adapter, ThreadLocalRandom.current().nextInt(s.keys));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public void keyed_t2(Keyed s) throws Exception {
    cycle(s.adapter, ThreadLocalRandom.current().nextInt(s.keys));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(4)
  public void keyed_t4(Keyed s) throws Exception {
    cycle(s.adapter, ThreadLocalRandom.current().nextInt(s.keys));
  }

  /**
   * One borrow in scope, as with try-with-resources: the handle does not outlive the cycle, so a
   * pool whose handle is a fresh object per borrow may have it removed by escape analysis.
   */
  private static void cycle(PoolAdapter adapter, int key) throws Exception {
    Object h = adapter.acquire(key);
    adapter.release(h);
  }

  private static void heldCycle(Exhausted s) throws Exception {
    Object h = s.adapter.acquire(0);
    Blackhole.consumeCPU(s.holdTokens);
    s.adapter.release(h);
    Blackhole.consumeCPU(s.thinkTokens);
  }

  /** The hold alone, one thread, no pool: what {@code holdTokens} costs on this machine. */
  @State(Scope.Thread)
  public static class Hold {
    @Param({"1000"})
    public long holdTokens;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Threads(1)
  public void holdOnly(Hold h) {
    Blackhole.consumeCPU(h.holdTokens);
  }
}
