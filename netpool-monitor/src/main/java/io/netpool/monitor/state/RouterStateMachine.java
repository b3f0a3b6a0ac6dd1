package io.netpool.monitor.state;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import java.time.Instant;

/**
 * Whether a router can be used by its lines' checks. It fails after {@code down_after} checks in a
 * row (of any of its lines) failed at the router, and is usable again with the first check that
 * used one of its sessions. Checks that say nothing about the router (skipped, no free session,
 * shutdown) leave it as it is. Not thread-safe: the tracker applies one router's checks one at a
 * time.
 */
final class RouterStateMachine {
  private FailureKind failure;
  private int failuresInARow;

  /** The router's change made by this check (its line count not filled in), or null. */
  RouterChange apply(CheckResult r, Instant at, int downAfter) {
    FailureKind kind = r.failure();
    if (kind != null && kind.atRouter()) {
      failuresInARow++;
      if (failure == null && failuresInARow >= downAfter) {
        failure = kind;
        return new RouterChange(r.routerId(), at, kind, 0);
      }
      return null;
    }
    if (!r.gotSession()) {
      return null; // says nothing about the router
    }
    failuresInARow = 0;
    if (failure == null) {
      return null;
    }
    failure = null;
    return new RouterChange(r.routerId(), at, null, 0);
  }

  FailureKind failure() {
    return failure;
  }
}
