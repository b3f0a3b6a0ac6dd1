package io.netpool.bench;

/**
 * The two operations every pool under test offers, over a no-op pooled object: acquire one for a
 * key and release it. Adapters are built with the same settings: {@code objects} objects per key
 * and in total, created up front, no validation, no expiry, no JMX or statistics, a 30 s acquire
 * timeout. Pools without keys (HikariCP's bag, Stormpot) ignore the key: with one key, as in
 * scenarios (a) and (b), that is the same thing.
 */
interface PoolAdapter {

  /**
   * Acquire timeout used by every adapter ({@code -Dbench.timeoutMs}, default 30 s); a healthy pool
   * never reaches it, a stalled one fails the benchmark instead of hanging it.
   */
  long TIMEOUT_MS = Long.getLong("bench.timeoutMs", 30_000);

  /** Borrows an object for key {@code key} (0-based), blocking while none is free. */
  Object acquire(int key) throws Exception;

  /** Returns what {@link #acquire} gave. */
  void release(Object handle) throws Exception;

  /** Shuts the pool down. */
  void close() throws Exception;

  /** Builds the adapter named by the {@code pool} parameter, pre-filled with {@code objects}. */
  static PoolAdapter create(String pool, int keys, int objects) throws Exception {
    PoolAdapter adapter =
        switch (pool) {
          case "netpool" -> new NetpoolAdapter(keys, objects);
          case "hikari-bag" -> new HikariBagAdapter(objects);
          case "cp2-gkop" -> new CommonsPool2Adapter(keys, objects);
          case "hc5-strict" -> HttpCoreAdapter.strict(keys, objects);
          case "hc5-lax" -> HttpCoreAdapter.lax(keys, objects);
          case "stormpot" -> new StormpotAdapter(objects);
          default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
    prefill(adapter, keys, objects);
    return adapter;
  }

  /** Borrows every object of every key at once, then returns them all: the pool is full. */
  private static void prefill(PoolAdapter adapter, int keys, int objects) throws Exception {
    Object[] held = new Object[keys * objects];
    for (int k = 0; k < keys; k++) {
      for (int i = 0; i < objects; i++) {
        held[k * objects + i] = adapter.acquire(k);
      }
    }
    for (Object h : held) {
      adapter.release(h);
    }
  }
}
