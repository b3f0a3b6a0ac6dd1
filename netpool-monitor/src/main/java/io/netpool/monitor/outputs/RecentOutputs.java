package io.netpool.monitor.outputs;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.probe.CheckOutput;
import io.netpool.monitor.probe.CheckOutputListener;
import io.netpool.monitor.sink.ResultSink;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last outputs of each line, in memory (masked already by the probe), newest last: what the
 * line's page and {@code /api/lines/<id>/outputs} show. Each line's queue is changed inside {@link
 * ConcurrentHashMap#compute} only.
 */
public final class RecentOutputs implements CheckOutputListener, ResultSink {

  /** Outputs kept per line by default. */
  public static final int DEFAULT_PER_LINE = 5;

  /** Longest output kept, in characters; longer ones keep their end (the summary is there). */
  public static final int MAX_CHARS = 16_384;

  private final int perLine;
  private final ConcurrentHashMap<String, ArrayDeque<CheckOutput>> byLine =
      new ConcurrentHashMap<>();

  public RecentOutputs(int perLine) {
    if (perLine < 1) {
      throw new IllegalArgumentException("perLine must be positive");
    }
    this.perLine = perLine;
  }

  public RecentOutputs() {
    this(DEFAULT_PER_LINE);
  }

  @Override
  public void output(CheckOutput o) {
    CheckOutput kept = o.output().length() <= MAX_CHARS ? o : cut(o);
    byLine.compute(
        o.lineId(),
        (id, q) -> {
          ArrayDeque<CheckOutput> queue = q != null ? q : new ArrayDeque<>(perLine);
          if (queue.size() == perLine) {
            queue.removeFirst();
          }
          queue.addLast(kept);
          return queue;
        });
  }

  private static CheckOutput cut(CheckOutput o) {
    String text = o.output();
    return new CheckOutput(
        o.lineId(),
        o.routerId(),
        o.platform(),
        o.command(),
        "[... "
            + (text.length() - MAX_CHARS)
            + " characters cut ...]\n"
            + text.substring(text.length() - MAX_CHARS),
        o.time(),
        o.status(),
        o.failure());
  }

  /** The line's last outputs, oldest first (empty when none). */
  public List<CheckOutput> of(String lineId) {
    @SuppressWarnings("unchecked")
    List<CheckOutput>[] out = new List[] {List.of()};
    byLine.computeIfPresent(
        lineId,
        (id, q) -> {
          out[0] = List.copyOf(q); // copied under the line's bin lock: never half-changed
          return q;
        });
    return out[0];
  }

  /** Nothing: outputs come from the probe ({@link #output}); results are not needed here. */
  @Override
  public void accept(CheckResult result) {}

  /** Forgets the lines that are gone. */
  @Override
  public void retainLines(Collection<String> lineIds) {
    Set<String> keep = new HashSet<>(lineIds);
    byLine.keySet().retainAll(keep);
  }
}
