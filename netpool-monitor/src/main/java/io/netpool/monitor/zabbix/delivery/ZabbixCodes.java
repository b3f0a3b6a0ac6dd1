package io.netpool.monitor.zabbix.delivery;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.sink.prometheus.ProbeMetrics;

/**
 * The numbers the status and failure items carry. Numeric items because Zabbix value maps,
 * comparisons in triggers and graphs want numbers; the codes are a published contract (the shipped
 * template's value maps, docs/zabbix.md): never renumber, only append.
 */
public final class ZabbixCodes {

  /** Failure code of a check that measured (no failure). */
  public static final int NO_FAILURE = 0;

  private ZabbixCodes() {}

  /** The status code, the same as Prometheus' {@code netpool_line_status}: 0 ok .. 4 error. */
  public static int status(PingStatus status) {
    return ProbeMetrics.statusCode(status);
  }

  /**
   * The code of the router item ({@code netpool.router.failure}) for one check: 0 when the check
   * used a session of its router (whatever the ping said), the failure code when the failure is the
   * router's own ({@link FailureKind#atRouter()}), null when the check says nothing about the
   * router (skipped, no free session, shutdown, an internal error).
   */
  public static Integer routerFailure(PingStatus status, FailureKind kind) {
    if (status == PingStatus.SKIPPED) {
      return null;
    }
    if (kind == null) {
      return status == PingStatus.ERROR ? null : NO_FAILURE;
    }
    if (kind.atRouter()) {
      return failure(kind);
    }
    return switch (kind) {
      case COMMAND_TIMEOUT,
          COMMAND_FAILED,
          UNPARSEABLE_OUTPUT,
          SLA_NOT_CONFIGURED,
          SLA_NOT_RUNNING,
          SLA_STALE ->
          NO_FAILURE; // logged in
      default -> null;
    };
  }

  /** The failure code: 0 none, 1.. one per {@link FailureKind}, in a fixed order. */
  public static int failure(FailureKind kind) {
    if (kind == null) {
      return NO_FAILURE;
    }
    return switch (kind) {
      case ROUTER_UNREACHABLE -> 1;
      case AUTH_FAILED -> 2;
      case HOST_KEY_REJECTED -> 3;
      case ROUTER_UNAVAILABLE -> 4;
      case NO_SESSION -> 5;
      case COMMAND_TIMEOUT -> 6;
      case COMMAND_FAILED -> 7;
      case UNPARSEABLE_OUTPUT -> 8;
      case SHUTDOWN -> 9;
      case INTERNAL -> 10;
      case ENABLE_FAILED -> 11;
      case PROMPT_UNRECOGNISED -> 12;
      case SLA_NOT_CONFIGURED -> 13;
      case SLA_NOT_RUNNING -> 14;
      case SLA_STALE -> 15;
    };
  }
}
