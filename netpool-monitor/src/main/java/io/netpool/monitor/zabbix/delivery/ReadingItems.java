package io.netpool.monitor.zabbix.delivery;

import io.netpool.monitor.check.ProbeReading;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the readings of probe types other than ping ({@code probe: sla}) to Zabbix trapper values on
 * the line's host, with keys derived from the reading ({@link ProbeReading.Value#zabbixKey}):
 * {@code netpool.<probe>.status} (0 ok, 1 degraded, 2 down, 4 error, 6 stale), {@code
 * netpool.<probe>.failure} ({@link ZabbixCodes#failure}, 0 none), {@code netpool.<probe>.error}
 * (the message, when there is one) and one item per value the router printed ({@code
 * netpool.sla.rtt.avg}, {@code netpool.sla.jitter.sd}, ... times in seconds). A value the router
 * did not print is not sent (never 0). The shipped line template has these items for {@code sla}.
 */
final class ReadingItems {
  private ReadingItems() {}

  static List<ZabbixValue> toValues(String host, List<ProbeReading> readings, Instant clock) {
    List<ZabbixValue> out = new ArrayList<>();
    for (ProbeReading r : readings) {
      String prefix = "netpool." + r.probe() + ".";
      out.add(new ZabbixValue(host, prefix + "status", Integer.toString(r.statusCode()), clock));
      out.add(
          new ZabbixValue(
              host, prefix + "failure", Integer.toString(ZabbixCodes.failure(r.failure())), clock));
      if (r.message() != null) {
        out.add(
            new ZabbixValue(host, prefix + "error", PingResultItems.errorText(r.message()), clock));
      }
      for (ProbeReading.Value v : r.values()) {
        out.add(
            new ZabbixValue(
                host,
                v.zabbixKey(r.probe()),
                BigDecimal.valueOf(v.zabbixValue()).stripTrailingZeros().toPlainString(),
                clock));
      }
    }
    return out;
  }
}
