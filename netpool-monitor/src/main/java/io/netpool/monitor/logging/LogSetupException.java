package io.netpool.monitor.logging;

/** The log file named in the settings cannot be written; the previous logging stays in force. */
public final class LogSetupException extends Exception {
  public LogSetupException(String message) {
    super(message);
  }
}
