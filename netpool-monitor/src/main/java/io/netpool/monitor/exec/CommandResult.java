package io.netpool.monitor.exec;

import io.netpool.monitor.check.FailureKind;
import java.time.Duration;
import java.time.Instant;

/**
 * One command on one device.
 *
 * @param command the command as given
 * @param output what the device printed (secrets masked; exec: stdout then stderr), or null when
 *     the command did not run or printed nothing readable before failing
 * @param failure null when the command ran and the device accepted it; else why not
 * @param error one line on the failure (the device's error line, the timeout, the lost session), or
 *     null
 * @param started when the command was sent (null: not sent)
 * @param elapsed from sending to the last byte (zero when not sent)
 */
public record CommandResult(
    String command,
    String output,
    FailureKind failure,
    String error,
    Instant started,
    Duration elapsed) {

  public boolean ok() {
    return failure == null;
  }

  /** A command never sent because an earlier one of the same device broke its session. */
  static CommandResult notRun(String command, FailureKind kind, String why) {
    return new CommandResult(command, null, kind, why, null, Duration.ZERO);
  }
}
