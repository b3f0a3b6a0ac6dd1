package io.netpool.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations every pool under test offers, over a no-op pooled object: acquire one for a key,
 * release it, or give it back as broken. Adapters are built from one {@link PoolSpec}: the same
 * caps, no validation, no expiry, no JMX or statistics, the same acquire timeout. Pools without
 * keys (HikariCP, Stormpot) get one pool per key; pools without a global cap ignore {@link
 * PoolSpec#total()}.
 */
public interface PoolAdapter extends AutoCloseable {

  /**
   * Acquire timeout used by every adapter ({@code -Dbench.timeoutMs}, default 30 s); a healthy pool
   * never reaches it, a stalled one fails the benchmark instead of hanging it.
   */
  long TIMEOUT_MS = Long.getLong("bench.timeoutMs", 30_000);

  /** Every pool, in table order. */
  List<String> POOLS =
      List.of(
          "netpool",
          "hikari-bag",
          "hikari-ds",
          "cp2-gkop",
          "hc5-strict",
          "hc5-lax",
          "hc5-segmented",
          "stormpot");

  /** Borrows an object for key {@code key} (0-based), blocking while none is free. */
  Object acquire(int key) throws Exception;

  /** Returns what {@link #acquire} gave. */
  void release(Object handle) throws Exception;

  /** Returns what {@link #acquire} gave as broken: the pool closes it and may create another. */
  void invalidate(Object handle) throws Exception;

  /** True if this pool creates objects on demand (so it can be asked to replace broken ones). */
  default boolean createsObjects() {
    return true;
  }

  /** Shuts the pool down. */
  @Override
  void close() throws Exception;

  /** Builds the adapter named {@code pool}, warmed up as {@link #prefill} says. */
  static PoolAdapter create(String pool, PoolSpec spec) throws Exception {
    PoolAdapter adapter =
        switch (pool) {
          case "netpool" -> new NetpoolAdapter(spec);
          case "hikari-bag" -> new HikariBagAdapter(spec);
          case "hikari-ds" -> new HikariDataSourceAdapter(spec);
          case "cp2-gkop" -> new CommonsPool2Adapter(spec);
          case "hc5-strict" -> HttpCoreAdapter.strict(spec);
          case "hc5-lax" -> HttpCoreAdapter.lax(spec);
          case "hc5-segmented" -> HttpCoreAdapter.segmented(spec);
          case "stormpot" -> new StormpotAdapter(spec);
          default ->
              throw new IllegalArgumentException(
                  "unknown pool '" + pool + "'; known: " + String.join(", ", POOLS));
        };
    try {
      prefill(adapter, spec);
    } catch (Exception | Error e) {
      adapter.close();
      throw e;
    }
    return adapter;
  }

  /**
   * Borrows objects round-robin over the keys (one per key, then a second, ...) up to the per-key
   * and the global cap, holding them all, then returns them: every pool starts with the same
   * objects created, and no prefill borrow waits for a global permit.
   */
  private static void prefill(PoolAdapter adapter, PoolSpec spec) throws Exception {
    List<Object> held = new ArrayList<>(spec.total());
    try {
      for (int round = 0; round < spec.perKey(); round++) {
        for (int k = 0; k < spec.keys() && held.size() < spec.total(); k++) {
          held.add(adapter.acquire(k));
        }
      }
    } finally {
      for (Object h : held) {
        adapter.release(h);
      }
    }
  }
}
