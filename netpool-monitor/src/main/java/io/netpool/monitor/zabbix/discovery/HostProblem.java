package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.ZabbixRoute;
import java.util.List;
import java.util.Objects;

/**
 * A line host that is not monitored, and why.
 *
 * @param host the host
 * @param route where an error value for the host goes, or null when that is unknown too
 * @param messages every problem found, e.g. {@code {$LINE_ROUTER_IP} is missing}; never a secret
 */
public record HostProblem(HostRef host, ZabbixRoute route, List<String> messages) {
  public HostProblem {
    Objects.requireNonNull(host, "host");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a host problem needs a message");
    }
  }

  /** The text of the error item sent to the host. */
  public String errorText() {
    return "invalid line macros: " + String.join("; ", messages);
  }

  @Override
  public String toString() {
    return host + ": " + String.join("; ", messages);
  }
}
