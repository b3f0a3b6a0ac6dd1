package io.netpool.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolBuilder;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot (BlazePool): one fixed-size pool of {@code perKey} objects per key, no global cap,
 * {@link Expiration#never()}, background expiration off, no metrics recorder. With one key the pool
 * has its background allocator thread ({@code Pool.from}); with several keys it allocates inline
 * ({@code Pool.fromInline}), so 1,000 keys do not start 1,000 allocator threads. Claims go through
 * the pool itself unless {@code -Dbench.stormpot.tap=threadsafe|virtual} picks another tap. An
 * invalidated object is expired and released; the pool deallocates and reallocates it.
 */
final class StormpotAdapter implements PoolAdapter {
  private final Pool<Noop>[] pools;
  private final PoolTap<Noop>[] taps;
  private final Timeout timeout = new Timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);

  StormpotAdapter(PoolSpec spec) {
    this(spec, System.getProperty("bench.stormpot.tap", "pool"));
  }

  @SuppressWarnings("unchecked")
  StormpotAdapter(PoolSpec spec, String tapKind) {
    pools = new Pool[spec.keys()];
    taps = new PoolTap[spec.keys()];
    NoopAllocator allocator = new NoopAllocator(spec.createDelay(), spec.closeDelay());
    for (int k = 0; k < spec.keys(); k++) {
      PoolBuilder<Noop> builder =
          spec.keys() == 1
              ? Pool.from(allocator).setBackgroundExpirationEnabled(false)
              : Pool.fromInline(allocator); // inline: no background expiration to turn off
      pools[k] = builder.setSize(spec.perKey()).setExpiration(Expiration.never()).build();
      taps[k] =
          switch (tapKind) {
            case "threadsafe" -> pools[k].getThreadSafeTap();
            case "virtual" -> pools[k].getVirtualThreadSafeTap();
            case "pool" -> pools[k];
            default ->
                throw new IllegalArgumentException(
                    "bench.stormpot.tap: '" + tapKind + "' is not pool, threadsafe or virtual");
          };
    }
  }

  @Override
  public Object acquire(int key) throws Exception {
    Noop n = taps[key].claim(timeout);
    if (n == null) {
      throw new TimeoutException("stormpot: no object within " + TIMEOUT_MS + " ms");
    }
    return n;
  }

  @Override
  public void release(Object handle) {
    ((Noop) handle).release();
  }

  @Override
  public void invalidate(Object handle) {
    Noop n = (Noop) handle;
    n.expire();
    n.release();
  }

  @Override
  public void close() throws Exception {
    for (Pool<Noop> p : pools) {
      if (p != null) {
        p.shutdown().await(new Timeout(10, TimeUnit.SECONDS));
      }
    }
  }

  static final class Noop extends BasePoolable {
    Noop(Slot slot) {
      super(slot);
    }
  }

  static final class NoopAllocator implements Allocator<Noop> {
    private final Duration createDelay;
    private final Duration closeDelay;

    NoopAllocator(Duration createDelay, Duration closeDelay) {
      this.createDelay = createDelay;
      this.closeDelay = closeDelay;
    }

    @Override
    public Noop allocate(Slot slot) {
      SimulatedCost.pause(createDelay);
      return new Noop(slot);
    }

    @Override
    public void deallocate(Noop poolable) {
      SimulatedCost.pause(closeDelay);
    }
  }
}
