package io.netpool.monitor.zabbix.delivery;

/** The connection to the trapper could not be made or broke while the request was written. */
public sealed class ZabbixConnectionException extends ZabbixSenderException
    permits ZabbixTlsException {

  ZabbixConnectionException(String message) {
    super(message, null);
  }

  ZabbixConnectionException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
