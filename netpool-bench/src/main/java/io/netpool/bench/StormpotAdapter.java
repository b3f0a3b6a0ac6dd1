package io.netpool.bench;

import java.util.concurrent.TimeUnit;
import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot ({@code Pool.from}, the BlazePool with a background allocator): {@link
 * Expiration#never()}, background expiration off, no metrics recorder. Claims go through the pool
 * itself (its thread-safe tap).
 */
final class StormpotAdapter implements PoolAdapter {
  private final Pool<Noop> pool;
  private final PoolTap<Noop> tap;
  private final Timeout timeout = new Timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);

  StormpotAdapter(int objects) {
    pool =
        Pool.from(new NoopAllocator())
            .setSize(objects)
            .setExpiration(Expiration.never())
            .setBackgroundExpirationEnabled(false)
            .build();
    tap =
        switch (System.getProperty("bench.stormpot.tap", "pool")) {
          case "threadsafe" -> pool.getThreadSafeTap();
          case "virtual" -> pool.getVirtualThreadSafeTap();
          default -> pool;
        };
  }

  @Override
  public Object acquire(int key) throws Exception {
    Noop n = tap.claim(timeout);
    if (n == null) {
      throw new java.util.concurrent.TimeoutException("stormpot: no object within timeout");
    }
    return n;
  }

  @Override
  public void release(Object handle) {
    ((Noop) handle).release();
  }

  @Override
  public void close() throws Exception {
    pool.shutdown().await(new Timeout(10, TimeUnit.SECONDS));
  }

  static final class Noop extends BasePoolable {
    Noop(Slot slot) {
      super(slot);
    }
  }

  static final class NoopAllocator implements Allocator<Noop> {
    @Override
    public Noop allocate(Slot slot) {
      return new Noop(slot);
    }

    @Override
    public void deallocate(Noop poolable) {}
  }
}
