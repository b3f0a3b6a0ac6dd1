package io.netpool.pool;

/** Which idle session of a device a borrower gets. */
public enum SelectionStrategy {
  /**
   * The most recently returned session (default): load concentrates on few sessions, so surplus
   * sessions go idle and are evicted, and a warm session is reused.
   */
  MOST_RECENTLY_USED,
  /** The idle session lent the fewest times: spreads wear across sessions. */
  LEAST_USED,
  /** Rotates over the sessions. */
  ROUND_ROBIN
}
