package io.netpool.monitor.state;

import io.netpool.monitor.inventory.StatePolicy;
import java.util.Locale;

/**
 * The state of a line over time, as opposed to the status of one check: it changes only after
 * several checks agree ({@link StatePolicy}). The codes are a published contract (Zabbix item
 * {@code netpool.line.state}, Prometheus {@code netpool_line_state}): never renumber, only append.
 */
public enum LineCondition {
  /** Every probe answered (after {@code up_after} such checks in a row). */
  UP(0),
  /** Some probes lost. */
  DEGRADED(1),
  /** Every probe lost (down or unreachable). */
  DOWN(2),
  /**
   * Nothing measured: no check yet, the router failed (login refused, unreachable, host key,
   * circuit open: the cause names the router), or the checks fail (timeout, unreadable output).
   */
  UNKNOWN(3),
  /** The state changed {@code flap_changes} times within {@code flap_window}. */
  FLAPPING(4);

  private final int code;
  private final String wireName = name().toLowerCase(Locale.ROOT);

  LineCondition(int code) {
    this.code = code;
  }

  /** The number in Zabbix and Prometheus. */
  public int code() {
    return code;
  }

  /** The name in JSON, logs and pages, e.g. {@code down}. */
  public String wireName() {
    return wireName;
  }
}
