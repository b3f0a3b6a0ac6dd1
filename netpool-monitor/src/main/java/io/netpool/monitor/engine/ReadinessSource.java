package io.netpool.monitor.engine;

import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.status.DeviceInfo;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.pool.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's status source: {@code base} plus readiness (the scheduler runs and no sink reports
 * a problem) and the history, when one is kept.
 */
final class ReadinessSource implements StatusSource {
  private final StatusSource base;
  private final Monitor monitor;
  private final List<ResultSink> sinks;
  private final HistoryQuery history;

  ReadinessSource(
      StatusSource base, Monitor monitor, List<ResultSink> sinks, HistoryQuery history) {
    this.base = base;
    this.monitor = monitor;
    this.sinks = List.copyOf(sinks);
    this.history = history;
  }

  @Override
  public List<LineInfo> lines() {
    return base.lines();
  }

  @Override
  public List<DeviceInfo> devices() {
    return base.devices();
  }

  @Override
  public ResultStore results() {
    return base.results();
  }

  @Override
  public PoolSnapshot pool() {
    return base.pool();
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
