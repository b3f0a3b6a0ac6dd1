package io.netpool.monitor.check;

import java.util.Locale;

/**
 * Why a due check was skipped without measuring (status {@code skipped}). A skip says nothing about
 * the line: the line keeps its last measured status, shown as late.
 */
public enum SkipReason {
  /**
   * Every session the line's router may have was busy with its other checks until the line's next
   * due time (the scheduler's per-router limit), or for the whole session wait (the pool: device at
   * its session cap).
   */
  ROUTER_BUSY;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name in JSON, metrics and logs: lower case, {@code router_busy}. */
  public String wireName() {
    return wireName;
  }

  /** The wire name of {@code reason}, or null for none. */
  public static String wireName(SkipReason reason) {
    return reason == null ? null : reason.wireName;
  }
}
