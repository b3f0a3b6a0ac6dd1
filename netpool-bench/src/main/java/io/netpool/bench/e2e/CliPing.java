package io.netpool.bench.e2e;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CommandFailedException;
import java.io.IOException;
import java.time.Duration;

/**
 * The ping of the baseline variants: the same command builder, CLI driver call, deadline and parser
 * as the monitor's {@code ProbeCheck}, minus the pool.
 */
final class CliPing {
  /** {@code ProbeConfig}'s default command margin. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private CliPing() {}

  /**
   * Sends the line's ping on {@code driver}.
   *
   * @throws IOException the session timed out or broke: the caller must not reuse it
   */
  static ProbeOutcome ping(CliDriver driver, LineSpec line, PingPlatform platform)
      throws IOException {
    String command = platform.command(line.pingRequest());
    String output;
    try {
      output = driver.send(command, deadline(line)).output();
    } catch (CommandFailedException e) {
      return ProbeOutcome.failed(FailureKind.COMMAND_FAILED, "rejected: " + e.indicator());
    }
    PingResult r = platform.parse(output);
    return r.status() == PingStatus.ERROR
        ? ProbeOutcome.failed(FailureKind.UNPARSEABLE_OUTPUT, r.error())
        : ProbeOutcome.parsed(r);
  }

  /** {@code ProbeCheck.commandDeadline}: repeat × timeout (whole seconds, ≥ 1 s) + margin. */
  static Duration deadline(LineSpec line) {
    long perProbeSeconds = Math.max(1, (line.timeout().toMillis() + 999) / 1000);
    Duration rounded = Duration.ofSeconds(perProbeSeconds).multipliedBy(line.repeat());
    Duration worst = line.worstCase().compareTo(rounded) > 0 ? line.worstCase() : rounded;
    return worst.plus(MARGIN);
  }
}
