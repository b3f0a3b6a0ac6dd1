package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;

/**
 * A TLS handshake or server check failed; the message names the server or proxy and the reason,
 * never a key. The sender reports it as a {@code ZabbixTlsException} (retried, values kept).
 */
public final class TlsHandshakeException extends IOException {
  public TlsHandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
