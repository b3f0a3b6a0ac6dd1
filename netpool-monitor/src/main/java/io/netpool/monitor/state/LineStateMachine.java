package io.netpool.monitor.state;

import io.netpool.monitor.inventory.Durations;
import io.netpool.monitor.inventory.StatePolicy;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The state of one line with hysteresis and flapping (docs/monitor.md, "Line states"). Not
 * thread-safe: {@link LineStateTracker} applies one line's observations one at a time.
 *
 * <ul>
 *   <li>The first check sets the state at once (a line starts {@code unknown}: no check yet).
 *   <li>An up line leaves up after {@code down_after} checks in a row that are not ok; it then
 *       takes the state of the last of them (so 100 %, 60 %, 100 % loss is not up forever).
 *   <li>A line that is not up is up again after {@code up_after} ok checks in a row, and changes to
 *       another state that is not up after {@code down_after} checks in a row that agree on it.
 *   <li>Every change of that state is counted; with {@code flap_changes} changes within {@code
 *       flap_window} the reported state is {@code flapping} until the window holds fewer.
 * </ul>
 */
final class LineStateMachine {
  private LineCondition settled = LineCondition.UNKNOWN;
  private LineCondition reported = LineCondition.UNKNOWN;
  private String cause = "no check yet";
  private Instant since;
  private boolean checked;

  private LineCondition candidate;
  private int streak;
  private final ArrayDeque<Instant> changes = new ArrayDeque<>();

  LineCondition reported() {
    return reported;
  }

  String cause() {
    return cause;
  }

  /** When the reported state began; null before the first check. */
  Instant since() {
    return since;
  }

  /**
   * Applies one check.
   *
   * @return the change of the reported state, or null when it stays
   */
  StateChange apply(Observation o, Instant at, StatePolicy policy, String lineId, String routerId) {
    if (since == null) {
      since = at;
    }
    boolean wasFlapping = reported == LineCondition.FLAPPING;
    boolean settledChanged = settle(o, policy);
    if (settledChanged) {
      changes.addLast(at);
    }
    while (!changes.isEmpty() && changes.size() > Math.max(1, policy.flapChanges())) {
      changes.removeFirst(); // only the last flap_changes matter
    }
    while (!changes.isEmpty() && changes.peekFirst().isBefore(at.minus(policy.flapWindow()))) {
      changes.removeFirst();
    }
    boolean flapping = policy.flapChanges() > 0 && changes.size() >= policy.flapChanges();
    LineCondition next = flapping ? LineCondition.FLAPPING : settled;
    String nextCause;
    if (flapping) {
      nextCause =
          changes.size()
              + " state changes within "
              + Durations.format(policy.flapWindow())
              + "; last: "
              + o.cause();
    } else if (wasFlapping) {
      nextCause =
          "fewer than "
              + policy.flapChanges()
              + " state changes within "
              + Durations.format(policy.flapWindow())
              + "; last: "
              + o.cause();
    } else {
      nextCause = o.condition() == settled ? o.cause() : cause;
    }
    if (next == reported) {
      if (o.condition() == settled && !flapping) {
        cause = o.cause(); // e.g. the loss of the latest degraded check
      }
      return null;
    }
    StateChange change =
        new StateChange(
            lineId,
            routerId,
            at,
            reported,
            next,
            nextCause,
            next == LineCondition.UNKNOWN && o.routerFailure() != null);
    reported = next;
    cause = nextCause;
    since = at;
    return change;
  }

  /**
   * Moves the settled state by the hysteresis rules; true when it changed (not the first check).
   */
  private boolean settle(Observation o, StatePolicy policy) {
    LineCondition seen = o.condition();
    if (!checked) {
      checked = true;
      settled = seen;
      return false; // the first state is not a change that counts towards flapping
    }
    if (seen == settled) {
      candidate = null;
      streak = 0;
      return false;
    }
    if (settled == LineCondition.UP) {
      streak++; // any state that is not up counts against up
    } else {
      streak = seen == candidate ? streak + 1 : 1;
    }
    candidate = seen;
    int needed = seen == LineCondition.UP ? policy.upAfter() : policy.downAfter();
    if (streak < needed) {
      return false;
    }
    settled = seen;
    candidate = null;
    streak = 0;
    return true;
  }
}
