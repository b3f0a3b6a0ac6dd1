package io.netpool.monitor.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A line's state changed.
 *
 * @param lineId the line
 * @param routerId its router
 * @param at the time of the check that made the change
 * @param from the state before
 * @param to the state now
 * @param cause why (the deciding check's observation, or the flapping count)
 * @param byRouter true when the router's own failure is the cause (the router's change is the one
 *     problem; see {@link RouterChange})
 */
public record StateChange(
    String lineId,
    String routerId,
    Instant at,
    LineCondition from,
    LineCondition to,
    String cause,
    boolean byRouter) {
  public StateChange {
    Objects.requireNonNull(lineId, "lineId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
