package io.netpool.bench;

import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.pool.LaxConnPool;
import org.apache.hc.core5.pool.ManagedConnPool;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.pool.StrictConnPool;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpCore 5's {@link StrictConnPool} (one lock, global and per-route caps) or {@link LaxConnPool}
 * (per-route caps only, lock-free-ish). Lease through the future, as HttpClient does; an entry
 * without a connection gets a no-op one; release as reusable. No time-to-live, LIFO reuse, no
 * listener.
 */
final class HttpCoreAdapter implements PoolAdapter {
  private final ManagedConnPool<String, NoopConnection> pool;
  private final String[] routes;
  private final Timeout timeout = Timeout.ofMilliseconds(TIMEOUT_MS);

  private HttpCoreAdapter(ManagedConnPool<String, NoopConnection> pool, int keys) {
    this.pool = pool;
    routes = new String[keys];
    for (int k = 0; k < keys; k++) {
      routes[k] = "dev-" + k;
    }
  }

  static HttpCoreAdapter strict(int keys, int objects) {
    return new HttpCoreAdapter(
        new StrictConnPool<>(
            objects, keys * objects, TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, null),
        keys);
  }

  static HttpCoreAdapter lax(int keys, int objects) {
    return new HttpCoreAdapter(
        new LaxConnPool<>(objects, TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, null),
        keys);
  }

  @Override
  public Object acquire(int key) throws Exception {
    PoolEntry<String, NoopConnection> entry = pool.lease(routes[key], null, timeout, null).get();
    if (!entry.hasConnection()) {
      entry.assignConnection(new NoopConnection());
    }
    return entry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void release(Object handle) {
    pool.release((PoolEntry<String, NoopConnection>) handle, true);
  }

  @Override
  public void close() {
    pool.close(CloseMode.IMMEDIATE);
  }

  static final class NoopConnection implements ModalCloseable {
    @Override
    public void close(CloseMode closeMode) {}

    @Override
    public void close() {}
  }
}
