package io.netpool.monitor.zabbix.delivery;

/** The spool file cannot be opened, read or written; the message names the file. */
public final class SpoolException extends RuntimeException {
  public SpoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
