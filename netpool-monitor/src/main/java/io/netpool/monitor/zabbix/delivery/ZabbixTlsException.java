package io.netpool.monitor.zabbix.delivery;

/**
 * The TLS handshake with the trapper failed or its certificate was not the expected one: a wrong
 * PSK, an unknown CA, a subject or issuer that does not match. Retryable like any connection
 * problem: the values stay queued, and a corrected PSK file or certificate is used by the next
 * attempt. The message names the server or proxy and the reason, never a key.
 */
public final class ZabbixTlsException extends ZabbixConnectionException {

  public ZabbixTlsException(String message) {
    super(message);
  }

  public ZabbixTlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
