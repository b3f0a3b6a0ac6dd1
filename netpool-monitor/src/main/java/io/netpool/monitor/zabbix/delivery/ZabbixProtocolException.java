package io.netpool.monitor.zabbix.delivery;

/**
 * The reply was missing, truncated, larger than allowed, had a bad header or could not be parsed.
 */
public final class ZabbixProtocolException extends ZabbixSenderException {

  ZabbixProtocolException(String message) {
    super(message, null);
  }

  ZabbixProtocolException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
