package io.netpool.monitor.ping;

import java.util.Locale;

/** Outcome class of one ping check. */
public enum PingStatus {
  /** Every probe answered. */
  OK,
  /** Some probes lost. */
  DEGRADED,
  /** Every probe lost (timeouts). */
  DOWN,
  /**
   * No probe answered and the device reported the target unreachable (no route, ICMP unreachable).
   */
  UNREACHABLE,
  /** The check itself failed: command rejected, bad address, output not understood. */
  ERROR;

  /** The JSON/wire name: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
