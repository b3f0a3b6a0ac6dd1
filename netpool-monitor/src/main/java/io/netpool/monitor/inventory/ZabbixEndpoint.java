package io.netpool.monitor.inventory;

import java.util.Objects;

/**
 * The trapper address of a Zabbix server or proxy: where {@code sender data} requests go.
 *
 * @param host host name or IP address
 * @param port trapper port (10051 by default)
 */
public record ZabbixEndpoint(String host, int port) {

  /** Zabbix's default trapper port. */
  public static final int DEFAULT_PORT = 10051;

  public ZabbixEndpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a bare IPv6 address
   * without brackets is a host without a port.
   *
   * @throws IllegalArgumentException with a message quoting the text
   */
  public static ZabbixEndpoint parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty address; write HOST or HOST:PORT");
    }
    String host = t;
    String port = null;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' has no closing ']'");
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        port = rest.substring(1);
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = t.substring(t.indexOf(':') + 1);
    }
    if (host.isBlank() || !host.matches("[A-Za-z0-9_.:%-]{1,253}")) {
      throw new IllegalArgumentException("'" + text + "' is not a host name or IP address");
    }
    if (port == null) {
      return new ZabbixEndpoint(host, DEFAULT_PORT);
    }
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return new ZabbixEndpoint(host, p);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + port + "' in '" + text + "' is not a port 1..65535");
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
