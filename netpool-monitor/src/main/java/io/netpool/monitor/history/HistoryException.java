package io.netpool.monitor.history;

/** The history file cannot be opened, written or read; the message names the file. */
public final class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
