package io.netpool.monitor.zabbix.discovery;

import java.util.List;
import java.util.Objects;

/**
 * What one discovery found.
 *
 * @param version the server's version
 * @param scope {@code proxy NAME} or {@code the server}
 * @param lines the valid lines, by line id
 * @param problems hosts that are not monitored, by hostid
 */
public record DiscoveryResult(
    ZabbixVersion version, String scope, List<DiscoveredLine> lines, List<HostProblem> problems) {
  public DiscoveryResult {
    Objects.requireNonNull(scope, "scope");
    lines = List.copyOf(lines);
    problems = List.copyOf(problems);
  }
}
