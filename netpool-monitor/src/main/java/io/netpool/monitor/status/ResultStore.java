package io.netpool.monitor.status;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.sink.ResultSink;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest result and a bounded history of recent results per line, in memory, for the status
 * page and the console table. Register it as one of the engine's sinks.
 *
 * <p>A skipped check ({@code router_busy}) keeps the line's latest result that ran and marks the
 * line late ({@link LineHistory#late()}) until the next result that ran.
 *
 * <p>Thread-safe. {@link #accept} replaces the line's immutable {@link LineHistory} inside {@link
 * ConcurrentHashMap#compute}: the only critical section is copying at most {@link #historySize()}
 * references, per line, with no I/O. Readers never block and always see a consistent history.
 * Results are kept in the order they were accepted (the scheduler runs at most one check per line
 * at a time, so that is due order).
 */
public final class ResultStore implements ResultSink {

  /** Results kept per line when no size is given: an hour of one-minute checks. */
  public static final int DEFAULT_HISTORY = 60;

  private final int historySize;
  private final ConcurrentHashMap<String, LineHistory> lines = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

  public ResultStore() {
    this(DEFAULT_HISTORY);
  }

  /**
   * @param historySize results kept per line, at least 1
   */
  public ResultStore(int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be >= 1, was " + historySize);
    }
    this.historySize = historySize;
  }

  @Override
  public void accept(CheckResult result) {
    lines.compute(
        result.lineId(),
        (id, old) -> old == null ? LineHistory.first(result) : old.plus(result, historySize));
    version.incrementAndGet();
  }

  /** Results kept per line. */
  public int historySize() {
    return historySize;
  }

  /** The line's latest result, if it had one. */
  public Optional<CheckResult> latest(String lineId) {
    return line(lineId).map(LineHistory::latest);
  }

  /** The line's recent results, oldest first (empty when it had none). */
  public List<CheckResult> history(String lineId) {
    return line(lineId).map(LineHistory::recent).orElse(List.of());
  }

  public Optional<LineHistory> line(String lineId) {
    return Optional.ofNullable(lines.get(lineId));
  }

  /** Every line that had a result, by line id (sorted). A copy: later results do not change it. */
  public Map<String, LineHistory> snapshot() {
    return new TreeMap<>(lines);
  }

  /** Ids of the lines that had a result. */
  public Set<String> lineIds() {
    return Set.copyOf(lines.keySet());
  }

  /** Forgets a line (removed from the inventory). */
  public void remove(String lineId) {
    if (lines.remove(lineId) != null) {
      version.incrementAndGet();
    }
  }

  /** Forgets every line not in {@code lineIds} (after an inventory reload). */
  @Override
  public void retainLines(Collection<String> lineIds) {
    Set<String> keep = Set.copyOf(lineIds);
    if (lines.keySet().removeIf(id -> !keep.contains(id))) {
      version.incrementAndGet();
    }
  }

  /** Grows on every change: a cheap way for a view to know whether to redraw. */
  public long version() {
    return version.get();
  }
}
