package io.netpool.monitor.schedule;

import java.time.Instant;

/**
 * Where a reload places the first check of each line it adds.
 *
 * @param onGrid false: within {@code min(interval, initial_spread)} (a line new to the inventory);
 *     true: at the line's next grid point {@code phase + k × interval}, the instant every node
 *     uses, so a line handed over by a live node is neither checked twice in a slot nor skipped
 * @param catchUpSince with {@code onGrid}: a line whose current slot began at or after this instant
 *     may have gone unchecked (its owner was failing then) and is checked within {@code
 *     initial_spread} instead; null: none
 */
public record NewLines(boolean onGrid, Instant catchUpSince) {
  /** Lines new to the inventory: checked soon. */
  public static final NewLines SPREAD = new NewLines(false, null);

  /** Lines a live node handed over: on their grid. */
  public static final NewLines ON_GRID = new NewLines(true, null);

  /**
   * Lines of a node that failed around {@code since}: on their grid, but a slot begun since then is
   * caught up at once (the failed node may have missed it). Only those few come early, so a large
   * takeover does not ask the login gate for every session at once.
   */
  public static NewLines takeover(Instant since) {
    return new NewLines(true, since);
  }
}
