package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.ZabbixEndpoint;
import java.util.Objects;

/**
 * A proxy as read from {@code proxy.get}.
 *
 * @param id proxyid
 * @param name its name ({@code host} on 6.x, {@code name} on 7.x)
 * @param passive true for a passive proxy (the server connects to it)
 * @param address where the proxy listens, as the API reports it for a passive proxy (its trapper
 *     port is the same); null for an active proxy, whose address the API does not know
 */
public record ZabbixProxy(String id, String name, boolean passive, ZabbixEndpoint address) {
  public ZabbixProxy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
