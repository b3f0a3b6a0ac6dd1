package io.netpool.monitor.state;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.StatePolicy;
import io.netpool.monitor.sink.ResultSink;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns check results into line states and router states (docs/monitor.md, "Line states") and tells
 * its {@link StateListener}s of every change. A result sink; it must come before the sinks that
 * show states. Each line's machine is updated inside {@link ConcurrentHashMap#compute} (short, no
 * I/O); listeners are called afterwards, outside it, the router's change before the line's.
 */
public final class LineStateTracker implements ResultSink {
  private static final Logger log = LoggerFactory.getLogger(LineStateTracker.class);

  /**
   * The state of a line now.
   *
   * @param since when it began; null before the first check
   */
  public record LineState(LineCondition condition, String cause, Instant since) {}

  private static final LineState NO_CHECK_YET =
      new LineState(LineCondition.UNKNOWN, "no check yet", null);

  private final Supplier<Inventory> inventory;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, LineStateMachine> lines = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RouterStateMachine> routers = new ConcurrentHashMap<>();

  /**
   * @param inventory the inventory in force: each line's {@link StatePolicy}, routers' lines
   */
  public LineStateTracker(Supplier<Inventory> inventory) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
  }

  public LineStateTracker listener(StateListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
    return this;
  }

  @Override
  public void accept(CheckResult result) {
    Observation o = Observation.of(result);
    if (o == null) {
      return; // a skipped check measured nothing
    }
    Instant at = result.finished() != null ? result.finished() : Instant.now();
    Inventory inv = inventory.get();
    LineSpec line = inv.lines().get(result.lineId());
    StatePolicy policy = line == null ? StatePolicy.DEFAULT : line.state();
    StateChange[] lineChange = new StateChange[1];
    lines.compute(
        result.lineId(),
        (id, m) -> {
          LineStateMachine machine = m != null ? m : new LineStateMachine();
          lineChange[0] = machine.apply(o, at, policy, id, result.routerId());
          return machine;
        });
    RouterChange routerChange = null;
    if (result.routerId() != null) {
      RouterChange[] rc = new RouterChange[1];
      routers.compute(
          result.routerId(),
          (id, m) -> {
            RouterStateMachine machine = m != null ? m : new RouterStateMachine();
            rc[0] = machine.apply(result, at, policy.downAfter());
            return machine;
          });
      // counted only for a change (rare), not for every result
      routerChange = rc[0] == null ? null : rc[0].withLines(linesOf(inv, result.routerId()));
    }
    if (routerChange != null) {
      for (StateListener l : listeners) {
        RouterChange c = routerChange;
        notify(l, () -> l.routerChanged(c));
      }
    }
    if (lineChange[0] != null) {
      for (StateListener l : listeners) {
        notify(l, () -> l.lineChanged(lineChange[0]));
      }
    }
  }

  private static int linesOf(Inventory inv, String routerId) {
    int n = 0;
    for (LineSpec l : inv.lines().values()) {
      if (routerId.equals(l.router())) {
        n++;
      }
    }
    return n;
  }

  private static void notify(StateListener l, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) { // one broken listener must not silence the others
      log.warn("state listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
    }
  }

  /** The line's state now ({@code unknown}, "no check yet", before its first check). */
  public LineState state(String lineId) {
    LineStateMachine m = lines.get(lineId);
    return m == null ? NO_CHECK_YET : new LineState(m.reported(), m.cause(), m.since());
  }

  /** The routers that cannot be used now, with their failure. */
  public Map<String, FailureKind> failedRouters() {
    Map<String, FailureKind> out = new java.util.TreeMap<>();
    routers.forEach(
        (id, m) -> {
          FailureKind f = m.failure();
          if (f != null) {
            out.put(id, f);
          }
        });
    return out;
  }

  @Override
  public void retainLines(Collection<String> lineIds) {
    Set<String> keep = new HashSet<>(lineIds);
    for (String id : Set.copyOf(lines.keySet())) {
      if (!keep.contains(id) && lines.remove(id) != null) {
        listeners.forEach(l -> notify(l, () -> l.lineRemoved(id)));
      }
    }
    Set<String> usedRouters = new HashSet<>();
    inventory.get().lines().values().forEach(l -> usedRouters.add(l.router()));
    routers.keySet().retainAll(usedRouters);
  }
}
