package io.netpool.monitor.engine;

import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.http.ForwardingStatusSource;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.sink.ResultSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's status source: {@code base} plus readiness (the scheduler runs and no sink reports
 * a problem) and the history, when one is kept.
 */
final class ReadinessSource extends ForwardingStatusSource {
  private final Monitor monitor;
  private final List<ResultSink> sinks;
  private final HistoryQuery history;

  ReadinessSource(
      StatusSource base, Monitor monitor, List<ResultSink> sinks, HistoryQuery history) {
    super(base);
    this.monitor = monitor;
    this.sinks = List.copyOf(sinks);
    this.history = history;
  }

  @Override
  public HistoryQuery history() {
    return history;
  }

  @Override
  public List<String> notReady() {
    List<String> reasons = new ArrayList<>();
    if (!monitor.isRunning()) {
      reasons.add("the scheduler is not running");
    }
    for (ResultSink sink : sinks) {
      String problem = sink.problem();
      if (problem != null) {
        reasons.add(problem);
      }
    }
    return reasons;
  }
}
