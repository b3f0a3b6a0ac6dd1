package io.netpool.monitor.state;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingResult;

/**
 * What one check says about its line's state.
 *
 * @param condition the state this check alone points to
 * @param cause why, in a few words (never a secret: failure kinds and counts only)
 * @param routerFailure the router's own failure when the check could not use the router, else null
 */
record Observation(LineCondition condition, String cause, FailureKind routerFailure) {

  /** The observation of a check, or null for a skipped check (it says nothing). */
  static Observation of(CheckResult r) {
    PingResult p = r.ping();
    return switch (r.status()) {
      case SKIPPED -> null;
      case OK -> new Observation(LineCondition.UP, "all " + p.sent() + " probes answered", null);
      case DEGRADED ->
          new Observation(LineCondition.DEGRADED, p.lossPercent().toPlainString() + "% loss", null);
      case DOWN -> new Observation(LineCondition.DOWN, "100% loss", null);
      case UNREACHABLE ->
          new Observation(LineCondition.DOWN, "100% loss, the router reports unreachable", null);
      case ERROR -> failed(r);
    };
  }

  private static Observation failed(CheckResult r) {
    FailureKind kind = r.failure();
    if (kind != null && kind.atRouter()) {
      return new Observation(
          LineCondition.UNKNOWN, "router " + r.routerId() + ": " + kind.wireName(), kind);
    }
    String what = kind == null ? "unknown error" : kind.wireName();
    return new Observation(LineCondition.UNKNOWN, "check failed: " + what, null);
  }
}
