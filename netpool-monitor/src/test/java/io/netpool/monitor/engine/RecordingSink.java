package io.netpool.monitor.engine;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SchedulerListener;
import io.netpool.monitor.sink.ResultSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Keeps every result, and counts scheduler events. */
public final class RecordingSink implements ResultSink, SchedulerListener {
  public final List<CheckResult> results = new CopyOnWriteArrayList<>();
  public final Map<String, AtomicInteger> skipped = new ConcurrentHashMap<>();
  public final AtomicInteger started = new AtomicInteger();
  public final AtomicInteger closed = new AtomicInteger();

  @Override
  public void accept(CheckResult result) {
    results.add(result);
  }

  @Override
  public void close() {
    closed.incrementAndGet();
  }

  @Override
  public void checkStarted(String lineId, String routerId, java.time.Duration lag) {
    started.incrementAndGet();
  }

  @Override
  public void runSkipped(String lineId, String routerId) {
    skipped.computeIfAbsent(lineId, k -> new AtomicInteger()).incrementAndGet();
  }

  public List<CheckResult> of(String lineId) {
    return results.stream().filter(r -> r.lineId().equals(lineId)).toList();
  }

  public CheckResult last(String lineId) {
    List<CheckResult> l = of(lineId);
    return l.isEmpty() ? null : l.get(l.size() - 1);
  }

  public int skipped(String lineId) {
    AtomicInteger n = skipped.get(lineId);
    return n == null ? 0 : n.get();
  }

  public Map<FailureKind, Long> failures(String lineId) {
    return of(lineId).stream()
        .filter(r -> r.failure() != null)
        .collect(Collectors.groupingBy(CheckResult::failure, Collectors.counting()));
  }

  /** Each (line, due) pair at most once: no check delivered twice. */
  public boolean noDuplicates() {
    return results.stream().map(r -> r.lineId() + "@" + r.due()).distinct().count()
        == results.size();
  }
}
