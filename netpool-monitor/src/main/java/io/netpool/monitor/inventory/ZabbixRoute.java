package io.netpool.monitor.inventory;

import java.util.Objects;

/**
 * Where a line's values go in Zabbix.
 *
 * @param host the Zabbix host's technical name ({@code host.host}) the items belong to
 * @param via the trapper of the proxy that monitors the host, or null for the default destination
 *     (the server: {@code zabbix.sender.server} or {@code --zabbix})
 */
public record ZabbixRoute(String host, ZabbixEndpoint via) {

  public ZabbixRoute {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
  }

  @Override
  public String toString() {
    return host + " via " + (via == null ? "the default destination" : via);
  }
}
