package io.netpool.monitor.zabbix.delivery;

import java.io.IOException;

/**
 * A {@code sender data} request that did not get a usable answer. The subclass says why:
 *
 * <ul>
 *   <li>{@link ZabbixConnectionException}: the connection could not be made or broke while writing
 *       (refused, unreachable, unknown host, reset);
 *   <li>{@link ZabbixTimeoutException}: connect or reply took longer than its timeout;
 *   <li>{@link ZabbixProtocolException}: the reply was missing, truncated, oversized, had a bad
 *       header or unreadable JSON;
 *   <li>{@link ZabbixResponseException}: the server answered, but not {@code "success"}.
 * </ul>
 */
public abstract sealed class ZabbixSenderException extends IOException
    permits ZabbixConnectionException,
        ZabbixTimeoutException,
        ZabbixProtocolException,
        ZabbixResponseException {

  ZabbixSenderException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether sending the same values again later can succeed. Connection problems, timeouts and
   * broken replies can be transient; an explicit non-success answer is about the request itself.
   */
  public abstract boolean retryable();
}
