package io.netpool.monitor.history;

import io.netpool.monitor.check.CheckResult;
import java.util.List;

/**
 * What the {@link HistoryWriter}'s thread does with the history file ({@link HistoryStore}); all
 * calls come from that one thread. Failures are {@link HistoryException}s.
 */
public interface HistoryWrites extends AutoCloseable {

  /** Stores results in one transaction ({@code nowMs} files those without a time). */
  void append(List<CheckResult> batch, long nowMs);

  /**
   * Rolls up at most {@code maxBuckets} closed 5-minute buckets, and again the buckets that got
   * late results.
   *
   * @return true when closed buckets remain (call again soon)
   */
  boolean rollUp(long nowMs, int maxBuckets);

  /** Deletes raw rows and rollups older than their retention. */
  HistoryStore.Retention enforceRetention(long nowMs);

  @Override
  void close();
}
