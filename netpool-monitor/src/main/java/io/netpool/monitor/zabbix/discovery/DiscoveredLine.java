package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import java.util.Objects;

/**
 * A line found in Zabbix: the host it comes from, the line (with its Zabbix route) and its router.
 */
public record DiscoveredLine(HostRef host, LineSpec line, DeviceSpec router) {
  public DiscoveredLine {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(router, "router");
  }
}
