package io.netpool.monitor.zabbix.delivery;

/**
 * The server answered with a {@code response} other than {@code "success"} (for instance {@code
 * "failed"} for a request it could not accept). Not retryable: the same request would get the same
 * answer.
 */
public final class ZabbixResponseException extends ZabbixSenderException {

  private final String response;
  private final String info;

  ZabbixResponseException(String message, String response, String info) {
    super(message, null);
    this.response = response;
    this.info = info;
  }

  /** The {@code response} field as sent by the server (null when absent). */
  public String response() {
    return response;
  }

  /** The {@code info} field as sent by the server (null when absent). */
  public String info() {
    return info;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
