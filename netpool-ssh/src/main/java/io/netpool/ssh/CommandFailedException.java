package io.netpool.ssh;

import java.io.IOException;

/**
 * The device rejected a command: its output contains one of the platform's failure strings (for
 * example {@code % Invalid input detected}). The session itself is fine and can be returned to the
 * pool.
 */
public class CommandFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String command;
  private final String output;
  private final String indicator;

  public CommandFailedException(String deviceId, String command, String output, String indicator) {
    this(deviceId, command, output, indicator, null);
  }

  /** With {@code note} (or null) added to the message: what may have caused the rejection. */
  public CommandFailedException(
      String deviceId, String command, String output, String indicator, String note) {
    super(
        "device "
            + deviceId
            + " rejected command '"
            + command
            + "': "
            + indicator
            + (note == null ? "" : " (" + note + ")"));
    this.command = command;
    this.output = output;
    this.indicator = indicator;
  }

  /** The command as sent. */
  public String command() {
    return command;
  }

  /** The device's output (echo and prompt removed). */
  public String output() {
    return output;
  }

  /** The failure string that was found. */
  public String indicator() {
    return indicator;
  }
}
