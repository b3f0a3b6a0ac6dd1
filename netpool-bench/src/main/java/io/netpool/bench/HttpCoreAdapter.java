package io.netpool.bench;

import java.time.Duration;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.pool.LaxConnPool;
import org.apache.hc.core5.pool.ManagedConnPool;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.pool.RouteSegmentedConnPool;
import org.apache.hc.core5.pool.StrictConnPool;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpCore 5's route pools: {@link StrictConnPool} (one lock, per-route and global caps), {@link
 * LaxConnPool} (per-route caps only, no global cap) and {@link RouteSegmentedConnPool} (per-route
 * segments, per-route and global caps; HttpClient's OFFLOCK policy; it closes discarded connections
 * on its own disposer thread through a disposal callback, ours just closes). Lease through the
 * future, as HttpClient does; an entry without a connection gets a new no-op one in the borrowing
 * thread (as HttpClient connects in the borrower); release as reusable, or as not reusable to
 * invalidate (the pool closes the connection). No time-to-live, LIFO reuse, no other callback.
 */
final class HttpCoreAdapter implements PoolAdapter {
  private final ManagedConnPool<String, NoopConnection> pool;
  private final String[] routes;
  private final Duration createDelay;
  private final Duration closeDelay;
  private final Timeout timeout = Timeout.ofMilliseconds(TIMEOUT_MS);

  private HttpCoreAdapter(ManagedConnPool<String, NoopConnection> pool, PoolSpec spec) {
    this.pool = pool;
    this.createDelay = spec.createDelay();
    this.closeDelay = spec.closeDelay();
    routes = new String[spec.keys()];
    for (int k = 0; k < spec.keys(); k++) {
      routes[k] = "dev-" + k;
    }
  }

  static HttpCoreAdapter strict(PoolSpec spec) {
    return new HttpCoreAdapter(
        new StrictConnPool<>(
            spec.perKey(), spec.total(), TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, null),
        spec);
  }

  static HttpCoreAdapter lax(PoolSpec spec) {
    return new HttpCoreAdapter(
        new LaxConnPool<>(spec.perKey(), TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, null),
        spec);
  }

  static HttpCoreAdapter segmented(PoolSpec spec) {
    return new HttpCoreAdapter(
        new RouteSegmentedConnPool<>(
            spec.perKey(),
            spec.total(),
            TimeValue.NEG_ONE_MILLISECOND,
            PoolReusePolicy.LIFO,
            // it requires a disposal callback; this one only closes, as the other pools do
            NoopConnection::close),
        spec);
  }

  @Override
  public Object acquire(int key) throws Exception {
    PoolEntry<String, NoopConnection> entry = pool.lease(routes[key], null, timeout, null).get();
    if (!entry.hasConnection()) {
      SimulatedCost.pause(createDelay);
      entry.assignConnection(new NoopConnection(closeDelay));
    }
    return entry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void release(Object handle) {
    pool.release((PoolEntry<String, NoopConnection>) handle, true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void invalidate(Object handle) {
    pool.release((PoolEntry<String, NoopConnection>) handle, false);
  }

  @Override
  public void close() {
    pool.close(CloseMode.IMMEDIATE);
  }

  static final class NoopConnection implements ModalCloseable {
    private final Duration closeDelay;

    NoopConnection(Duration closeDelay) {
      this.closeDelay = closeDelay;
    }

    /** Every close costs the same, graceful or immediate: the pools choose the mode themselves. */
    @Override
    public void close(CloseMode closeMode) {
      SimulatedCost.pause(closeDelay);
    }

    @Override
    public void close() {
      SimulatedCost.pause(closeDelay);
    }
  }
}
