package io.netpool.monitor.status;

import io.netpool.monitor.check.CheckResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The results kept for one line: the latest and up to a bounded number of recent ones. Immutable;
 * {@link ResultStore} replaces it on every result.
 */
public final class LineHistory {
  private final String lineId;
  private final CheckResult[] recent; // oldest first, at most capacity
  private final long accepted;

  private LineHistory(String lineId, CheckResult[] recent, long accepted) {
    this.lineId = lineId;
    this.recent = recent;
    this.accepted = accepted;
  }

  static LineHistory first(CheckResult result) {
    return new LineHistory(result.lineId(), new CheckResult[] {result}, 1);
  }

  /** A copy with {@code result} appended and the oldest results dropped beyond {@code capacity}. */
  LineHistory plus(CheckResult result, int capacity) {
    Objects.requireNonNull(result, "result");
    int keep = Math.min(recent.length, capacity - 1);
    CheckResult[] next = Arrays.copyOfRange(recent, recent.length - keep, recent.length + 1);
    next[keep] = result;
    return new LineHistory(lineId, next, accepted + 1);
  }

  public String lineId() {
    return lineId;
  }

  /** The most recently accepted result. */
  public CheckResult latest() {
    return recent[recent.length - 1];
  }

  /** Recent results, oldest first, the latest last; never more than the store's history size. */
  public List<CheckResult> recent() {
    return List.of(recent);
  }

  /** The last {@code n} results (or fewer), oldest first. */
  public List<CheckResult> recent(int n) {
    int from = Math.max(0, recent.length - Math.max(0, n));
    return List.of(Arrays.copyOfRange(recent, from, recent.length));
  }

  /** How many results this line has had since the store started (not bounded). */
  public long accepted() {
    return accepted;
  }

  @Override
  public String toString() {
    return "LineHistory[" + lineId + " " + recent.length + " recent, " + accepted + " total]";
  }
}
