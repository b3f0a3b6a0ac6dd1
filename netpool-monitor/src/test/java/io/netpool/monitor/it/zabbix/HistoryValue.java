package io.netpool.monitor.it.zabbix;

import java.time.Instant;

/**
 * One stored value as {@code history.get} returns it.
 *
 * @param clock seconds since the epoch
 * @param ns nanoseconds within the second
 * @param value as text (floats as Zabbix prints them, e.g. {@code 20} for {@code 20.00})
 */
public record HistoryValue(long clock, int ns, String value) {

  public Instant time() {
    return Instant.ofEpochSecond(clock, ns);
  }
}
