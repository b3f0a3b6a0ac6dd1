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
  ERROR,
  /**
   * No measurement was tried: the check was skipped (the router's sessions were busy with its other
   * checks). Not a state of the line; it keeps its last measured status, shown as late.
   */
  SKIPPED;

  /** The JSON/wire name: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
