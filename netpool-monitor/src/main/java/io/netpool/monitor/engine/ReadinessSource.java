package io.netpool.monitor.engine;

import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.http.ForwardingStatusSource;
import io.netpool.monitor.http.StatusSource;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.status.AaaGroupInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtime's status source: {@code base} plus readiness (the scheduler runs and no sink reports
 * a problem), and the views the runtime keeps: history, line states and events, raw outputs.
 */
final class ReadinessSource extends ForwardingStatusSource {

  /**
   * What the runtime keeps beyond the base source; each may be null (not kept).
   *
   * @param history stored results and rollups
   * @param states line states now
   * @param events the last state changes
   * @param outputs the last raw outputs per line
   */
  record Views(
      HistoryQuery history, LineStateTracker states, StateEvents events, RecentOutputs outputs) {}

  private final Monitor monitor;
  private final List<ResultSink> sinks;
  private final Views views;
  private final Supplier<ClusterStatus> cluster;

  ReadinessSource(
      StatusSource base,
      Monitor monitor,
      List<ResultSink> sinks,
      Views views,
      Supplier<ClusterStatus> cluster) {
    super(base);
    this.monitor = monitor;
    this.sinks = List.copyOf(sinks);
    this.views = views;
    this.cluster = cluster;
  }

  @Override
  public ClusterStatus cluster() {
    return cluster.get();
  }

  @Override
  public List<AaaGroupInfo> aaaGroups() {
    return AaaGroupInfo.of(monitor.loginGate().groups());
  }

  @Override
  public HistoryQuery history() {
    return views.history();
  }

  @Override
  public LineStateTracker states() {
    return views.states();
  }

  @Override
  public StateEvents events() {
    return views.events();
  }

  @Override
  public RecentOutputs outputs() {
    return views.outputs();
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
    ClusterStatus c = cluster.get();
    if (c != null) {
      reasons.addAll(c.problems());
    }
    return reasons;
  }
}
