package io.netpool.bench;

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
 * One acquire/release cycle of a no-op object, every pool side by side ({@code -p pool=...}).
 *
 * <ul>
 *   <li>(a) uncontended: {@code max(2, threads)} objects, so threads never wait; no hold. Run at 1
 *       and 2 threads ({@code uncontended_t1}, {@code uncontended_t2}).
 *   <li>(b) exhausted: {@code max(1, threads / 4)} objects, so threads = 4x objects; each lease is
 *       held for {@code holdTokens} of {@link Blackhole#consumeCPU} (1,000 tokens is a few
 *       microseconds; {@code holdOnly} measures it). {@code exhausted_t4} runs at 4 threads; {@code
 *       -t 8} on the command line gives 2 objects.
 * </ul>
 *
 * <p>One key in both scenarios. A {@code -t} on the command line overrides the annotations and the
 * object counts follow it.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBench {

  /** Common part: the pool behind its adapter, built and pre-filled once per trial. */
  abstract static class PoolState {
    PoolAdapter adapter;

    abstract String poolName();

    abstract int objects(int threads);

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
      adapter = PoolAdapter.create(poolName(), 1, objects(params.getThreads()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      adapter.close();
    }
  }

  /** Scenario (a): at least as many objects as threads, nobody waits. */
  @State(Scope.Benchmark)
  public static class Uncontended extends PoolState {
    @Param({"netpool", "hikari-bag", "cp2-gkop", "hc5-strict", "hc5-lax", "stormpot"})
    public String pool;

    @Override
    String poolName() {
      return pool;
    }

    @Override
    int objects(int threads) {
      return Math.max(2, threads);
    }
  }

  /** Scenario (b): four threads per object, each holding its lease for a few microseconds. */
  @State(Scope.Benchmark)
  public static class Exhausted extends PoolState {
    @Param({"netpool", "hikari-bag", "cp2-gkop", "hc5-strict", "hc5-lax", "stormpot"})
    public String pool;

    @Param({"1000"})
    public long holdTokens;

    @Override
    String poolName() {
      return pool;
    }

    @Override
    int objects(int threads) {
      return Math.max(1, threads / 4);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public Object uncontended_t1(Uncontended s) throws Exception {
    Object h = s.adapter.acquire(0);
    s.adapter.release(h);
    return h;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public Object uncontended_t2(Uncontended s) throws Exception {
    Object h = s.adapter.acquire(0);
    s.adapter.release(h);
    return h;
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @Threads(4)
  public Object exhausted_t4(Exhausted s) throws Exception {
    Object h = s.adapter.acquire(0);
    Blackhole.consumeCPU(s.holdTokens);
    s.adapter.release(h);
    return h;
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
