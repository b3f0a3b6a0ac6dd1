package io.netpool.monitor.zabbix.delivery;

/**
 * Connecting or waiting for the reply took longer than its timeout. The server may have received
 * and processed the values anyway.
 */
public final class ZabbixTimeoutException extends ZabbixSenderException {

  ZabbixTimeoutException(String message) {
    super(message, null);
  }

  ZabbixTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
