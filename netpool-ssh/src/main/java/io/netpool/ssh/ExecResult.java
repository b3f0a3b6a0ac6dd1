package io.netpool.ssh;

import java.time.Duration;

/**
 * The result of one command run in an exec channel.
 *
 * @param command the command as sent
 * @param stdout standard output (UTF-8)
 * @param stderr standard error (UTF-8)
 * @param exitStatus the exit status, or {@code null} when the server sent none (killed by a signal,
 *     or a device that does not report it)
 * @param duration from opening the channel to its close
 */
public record ExecResult(
    String command, String stdout, String stderr, Integer exitStatus, Duration duration) {

  /** True when the server reported exit status 0. */
  public boolean succeeded() {
    return exitStatus != null && exitStatus == 0;
  }
}
