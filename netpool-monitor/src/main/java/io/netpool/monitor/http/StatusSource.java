package io.netpool.monitor.http;

import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.status.AaaGroupInfo;
import io.netpool.monitor.status.DeviceInfo;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import io.netpool.pool.PoolSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the status server shows: the configured lines and devices (read on every request, so a
 * reloaded inventory shows at once), their results and the pool's state. Implementations must be
 * thread-safe and fast; none of it may carry credentials ({@link LineInfo} and {@link DeviceInfo}
 * cannot).
 */
public interface StatusSource {

  /** The lines to show, in display order. */
  List<LineInfo> lines();

  /** The devices to show, in display order. By default the routers of {@link #lines()}. */
  default List<DeviceInfo> devices() {
    Map<String, DeviceInfo> out = new LinkedHashMap<>();
    for (LineInfo l : lines()) {
      if (l.router() != null) {
        out.putIfAbsent(l.router(), new DeviceInfo(l.router(), null, null));
      }
    }
    return List.copyOf(out.values());
  }

  /** Latest and recent results per line. */
  ResultStore results();

  /** Why the monitor is not ready ({@code /readyz} answers 503 with them); empty when ready. */
  default List<String> notReady() {
    return List.of();
  }

  /** The stored history ({@code /api/lines/<id>/history}), or null when none is kept. */
  default HistoryQuery history() {
    return null;
  }

  /** The AAA groups' login budgets now (docs/inventory.md, "AAA groups"); empty when none. */
  default List<AaaGroupInfo> aaaGroups() {
    return List.of();
  }

  /** The pool's state now, or null when there is no pool (yet). */
  PoolSnapshot pool();

  /** The lines' states (docs/monitor.md, "Line states"), or null when not tracked. */
  default LineStateTracker states() {
    return null;
  }

  /** The last raw outputs per line, for {@code /api/lines/<id>/outputs}, or null when not kept. */
  default RecentOutputs outputs() {
    return null;
  }

  /** The last state changes, for {@code /api/events}, or null when not kept. */
  default StateEvents events() {
    return null;
  }

  /** The cluster as this node sees it, or null when it runs alone. */
  default ClusterStatus cluster() {
    return null;
  }

  /** A source over fixed parts: {@code pool} may be null or return null. */
  static StatusSource of(
      Supplier<? extends List<LineInfo>> lines,
      Supplier<? extends List<DeviceInfo>> devices,
      ResultStore results,
      Supplier<PoolSnapshot> pool) {
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(results, "results");
    return new StatusSource() {
      @Override
      public List<LineInfo> lines() {
        return List.copyOf(lines.get());
      }

      @Override
      public List<DeviceInfo> devices() {
        return devices == null ? StatusSource.super.devices() : List.copyOf(devices.get());
      }

      @Override
      public ResultStore results() {
        return results;
      }

      @Override
      public PoolSnapshot pool() {
        return pool == null ? null : pool.get();
      }
    };
  }

  /** A source over the current inventory (e.g. the watcher's latest good one). */
  static StatusSource of(
      Supplier<Inventory> inventory, ResultStore results, Supplier<PoolSnapshot> pool) {
    Objects.requireNonNull(inventory, "inventory");
    return of(
        () -> LineInfo.of(inventory.get()), () -> DeviceInfo.of(inventory.get()), results, pool);
  }
}
