package io.netpool.monitor.zabbix.discovery;

import java.util.Objects;

/**
 * Which Zabbix host a discovered line or a problem is about, for messages.
 *
 * @param hostid the host's id
 * @param host its technical name
 * @param name its visible name
 * @param monitoredBy {@code server} or {@code proxy NAME}
 */
public record HostRef(String hostid, String host, String name, String monitoredBy) {
  public HostRef {
    Objects.requireNonNull(hostid, "hostid");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(monitoredBy, "monitoredBy");
  }

  /** {@code host 'h1' (hostid 10501, proxy dc1)}. */
  @Override
  public String toString() {
    return "host '" + host + "' (hostid " + hostid + ", " + monitoredBy + ")";
  }
}
