package io.netpool.monitor.zabbix.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One value for a Zabbix trapper item.
 *
 * @param host the Zabbix host's technical name ({@code host.host}, not the visible name)
 * @param key the item key, e.g. {@code netpool.ping.loss}
 * @param value the value as text; Zabbix converts it to the item's type of information
 * @param clock when the value was measured; sent as {@code clock} (seconds) and {@code ns}. May be
 *     null: the server then stamps the value with its receive time.
 */
public record ZabbixValue(String host, String key, String value, Instant clock) {

  public ZabbixValue {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
  }
}
