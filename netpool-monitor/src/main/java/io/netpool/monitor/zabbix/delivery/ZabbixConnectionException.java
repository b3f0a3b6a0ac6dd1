package io.netpool.monitor.zabbix.delivery;

/** The connection to the trapper could not be made or broke while the request was written. */
public final class ZabbixConnectionException extends ZabbixSenderException {

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
