package io.netpool.monitor.it.zabbix;

/**
 * A Zabbix API call that failed: HTTP error, unreadable reply or a JSON-RPC error. The message
 * names the method and Zabbix's error, never the request's parameters (they may hold a password).
 */
public final class ZabbixApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ZabbixApiException(String message) {
    super(message);
  }

  ZabbixApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
