package io.netpool.bench;

import java.time.Duration;

/**
 * The same settings for every pool under test.
 *
 * @param keys number of keys (devices, routes); pools without keys get one pool per key
 * @param perKey objects per key at most
 * @param total objects across all keys at most; pools without a global cap ignore it
 * @param createDelay how long creating one object takes (slept in the thread that creates it)
 * @param closeDelay how long closing one object takes (slept in the thread that closes it)
 */
public record PoolSpec(int keys, int perKey, int total, Duration createDelay, Duration closeDelay) {

  public PoolSpec {
    if (keys < 1 || perKey < 1 || total < 1) {
      throw new IllegalArgumentException(
          "keys, perKey and total must be >= 1: " + keys + ", " + perKey + ", " + total);
    }
  }

  /** One key, {@code objects} objects, instant create and close: scenarios (a), (b) and (e). */
  public static PoolSpec singleKey(int objects) {
    return new PoolSpec(1, objects, objects, Duration.ZERO, Duration.ZERO);
  }

  /**
   * Scenario (c): per-key cap 2 and a global cap of {@code keys * 2 - keys / 2} (at least 1), so
   * that with many keys the global cap, not the per-key cap, limits the pool.
   */
  public static PoolSpec keyed(int keys) {
    int perKey = 2;
    return new PoolSpec(
        keys, perKey, Math.max(1, keys * perKey - keys / 2), Duration.ZERO, Duration.ZERO);
  }

  /** Scenario (d): one key, slow create and close. */
  public static PoolSpec slow(int objects, Duration createDelay, Duration closeDelay) {
    return new PoolSpec(1, objects, objects, createDelay, closeDelay);
  }

  /** True if the global cap is below what the per-key caps allow together. */
  public boolean globalCapBinds() {
    return total < keys * perKey;
  }
}
