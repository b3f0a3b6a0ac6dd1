package io.netpool.monitor.status;

import io.netpool.monitor.check.CheckResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The results kept for one line: the latest and up to a bounded number of recent ones. Immutable;
 * {@link ResultStore} replaces it on every result.
 *
 * <p><b>Skipped checks</b> ({@code router_busy}) say nothing about the line: they never replace the
 * latest result and never enter the history. They make the line <b>late</b> instead ({@link
 * #late()}): its latest result is older than its last due check, until the next result that ran.
 */
public final class LineHistory {
  private final String lineId;
  private final CheckResult[] recent; // results that ran (never skips), oldest first, <= capacity
  private final long accepted;
  private final CheckResult lastSkip; // the latest skip since recent's last entry, or null
  private final Instant lateSince; // due time of the first of those skips, or null
  private final long skippedSinceLatest;

  private LineHistory(
      String lineId,
      CheckResult[] recent,
      long accepted,
      CheckResult lastSkip,
      Instant lateSince,
      long skippedSinceLatest) {
    this.lineId = lineId;
    this.recent = recent;
    this.accepted = accepted;
    this.lastSkip = lastSkip;
    this.lateSince = lateSince;
    this.skippedSinceLatest = skippedSinceLatest;
  }

  static LineHistory first(CheckResult result) {
    LineHistory empty = new LineHistory(result.lineId(), new CheckResult[0], 0, null, null, 0);
    return empty.plus(result, 1);
  }

  /** A copy with {@code result} appended and the oldest results dropped beyond {@code capacity}. */
  LineHistory plus(CheckResult result, int capacity) {
    Objects.requireNonNull(result, "result");
    if (result.isSkipped()) {
      Instant since = lateSince != null ? lateSince : result.due();
      return new LineHistory(lineId, recent, accepted + 1, result, since, skippedSinceLatest + 1);
    }
    int keep = Math.min(recent.length, capacity - 1);
    CheckResult[] next = Arrays.copyOfRange(recent, recent.length - keep, recent.length + 1);
    next[keep] = result;
    return new LineHistory(lineId, next, accepted + 1, null, null, 0);
  }

  public String lineId() {
    return lineId;
  }

  /**
   * The most recent result that ran (measured or failed); when every check so far was skipped, the
   * latest skip (status {@code skipped}).
   */
  public CheckResult latest() {
    return recent.length == 0 ? lastSkip : recent[recent.length - 1];
  }

  /**
   * True when checks were skipped after {@link #latest()}: the line's status is its last known one,
   * not a current one. Shown as "down (late)", {@code "late": true}.
   */
  public boolean late() {
    return lastSkip != null;
  }

  /** Checks skipped since the latest result that ran (0 when not late). */
  public long skippedSinceLatest() {
    return skippedSinceLatest;
  }

  /** Due time of the first check skipped since the latest result that ran, or null. */
  public Instant lateSince() {
    return lateSince;
  }

  /** The latest skipped check since the latest result that ran, or null. */
  public CheckResult lastSkip() {
    return lastSkip;
  }

  /**
   * Recent results that ran, oldest first, the latest last; never more than the store's history
   * size. Skips are not in it.
   */
  public List<CheckResult> recent() {
    return List.of(recent);
  }

  /** The last {@code n} results (or fewer), oldest first. */
  public List<CheckResult> recent(int n) {
    int from = Math.max(0, recent.length - Math.max(0, n));
    return List.of(Arrays.copyOfRange(recent, from, recent.length));
  }

  /** How many results this line has had since the store started, skips included (not bounded). */
  public long accepted() {
    return accepted;
  }

  @Override
  public String toString() {
    return "LineHistory["
        + lineId
        + " "
        + recent.length
        + " recent, "
        + accepted
        + " total"
        + (late() ? ", late by " + skippedSinceLatest + " skipped" : "")
        + "]";
  }
}
