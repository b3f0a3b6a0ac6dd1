package io.netpool.monitor.state;

import io.netpool.monitor.check.FailureKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A router became unusable for its lines (its own failure, {@link FailureKind#atRouter()}) or
 * usable again: one event for the router instead of one problem per line.
 *
 * @param failure the router's failure, or null when it is usable again
 * @param lines how many lines the router has when the change happens
 */
public record RouterChange(String routerId, Instant at, FailureKind failure, int lines) {
  public RouterChange {
    Objects.requireNonNull(routerId, "routerId");
    Objects.requireNonNull(at, "at");
  }

  /** This change with the router's number of lines. */
  public RouterChange withLines(int n) {
    return new RouterChange(routerId, at, failure, n);
  }

  /** True when the router cannot be used. */
  public boolean failed() {
    return failure != null;
  }
}
