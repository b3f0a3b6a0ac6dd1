package io.netpool.monitor.it.zabbix;

import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trapper items of a line host: the default keys with the types docs/zabbix.md prescribes (and
 * the shipped template has).
 */
final class LineItems {
  static final ZabbixItemKeys KEYS = ZabbixItemKeys.defaults();

  static final Map<String, ValueType> TYPES;

  static {
    Map<String, ValueType> m = new LinkedHashMap<>();
    m.put(KEYS.loss(), ValueType.FLOAT);
    m.put(KEYS.rttMin(), ValueType.FLOAT);
    m.put(KEYS.rttAvg(), ValueType.FLOAT);
    m.put(KEYS.rttMax(), ValueType.FLOAT);
    m.put(KEYS.rttMedian(), ValueType.FLOAT);
    m.put(KEYS.rttStddev(), ValueType.FLOAT);
    m.put(KEYS.jitter(), ValueType.FLOAT);
    m.put(KEYS.sent(), ValueType.UNSIGNED);
    m.put(KEYS.received(), ValueType.UNSIGNED);
    m.put(KEYS.status(), ValueType.UNSIGNED);
    m.put(KEYS.failure(), ValueType.UNSIGNED);
    m.put(KEYS.router(), ValueType.UNSIGNED);
    m.put(KEYS.state(), ValueType.UNSIGNED);
    m.put(KEYS.error(), ValueType.TEXT);
    TYPES = Collections.unmodifiableMap(m);
  }

  private LineItems() {}
}
