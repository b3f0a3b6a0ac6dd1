package io.netpool.monitor.http;

import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.status.AaaGroupInfo;
import io.netpool.monitor.status.DeviceInfo;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.pool.PoolSnapshot;
import java.util.List;
import java.util.Objects;

/** A {@link StatusSource} that answers as {@code base}; subclasses override what they add. */
public class ForwardingStatusSource implements StatusSource {
  private final StatusSource base;

  public ForwardingStatusSource(StatusSource base) {
    this.base = Objects.requireNonNull(base, "base");
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
  public List<String> notReady() {
    return base.notReady();
  }

  @Override
  public HistoryQuery history() {
    return base.history();
  }

  @Override
  public List<AaaGroupInfo> aaaGroups() {
    return base.aaaGroups();
  }

  @Override
  public PoolSnapshot pool() {
    return base.pool();
  }

  @Override
  public LineStateTracker states() {
    return base.states();
  }

  @Override
  public StateEvents events() {
    return base.events();
  }

  @Override
  public io.netpool.monitor.cluster.ClusterStatus cluster() {
    return base.cluster();
  }

  @Override
  public RecentOutputs outputs() {
    return base.outputs();
  }
}
