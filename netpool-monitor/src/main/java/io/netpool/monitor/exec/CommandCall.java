package io.netpool.monitor.exec;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.Rejections;
import io.netpool.monitor.probe.Failures;
import io.netpool.monitor.probe.SecretMask;
import io.netpool.pool.Lease;
import io.netpool.pool.ProtocolDriver;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CommandFailedException;
import io.netpool.ssh.ExecDriver;
import io.netpool.ssh.ExecResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One command on a leased session, as a {@link CommandResult}: the CLI driver's rejection strings
 * and an exec channel's exit status say "rejected"; a timeout or any other I/O error invalidates
 * the lease (stale output may follow). Outputs and messages pass the device's {@link SecretMask}.
 */
final class CommandCall {
  private final Lease<ProtocolDriver> lease;
  private final Duration timeout;
  private final SecretMask mask;
  private final Clock clock;

  CommandCall(Lease<ProtocolDriver> lease, Duration timeout, SecretMask mask, Clock clock) {
    this.lease = lease;
    this.timeout = timeout;
    this.mask = mask;
    this.clock = clock;
  }

  CommandResult run(String command) throws InterruptedException {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try {
      ProtocolDriver driver = lease.driver();
      if (driver instanceof CliDriver cli) {
        String output = cli.send(command, timeout).output();
        return done(command, output, null, null, started, t0);
      }
      if (driver instanceof ExecDriver exec) {
        return execResult(command, exec.exec(command, timeout), started, t0);
      }
      lease.invalidate(new IllegalStateException("unsupported driver"));
      return done(
          command,
          null,
          FailureKind.INTERNAL,
          "unsupported driver " + driver.getClass().getSimpleName(),
          started,
          t0);
    } catch (CommandFailedException e) {
      // the device rejected the command; the session is fine
      return done(
          command,
          e.output(),
          FailureKind.COMMAND_FAILED,
          "command rejected: " + rejectedLine(e.output(), e.indicator()),
          started,
          t0);
    } catch (IOException e) {
      lease.invalidate(e);
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted during '" + command + "'");
      }
      FailureKind kind = Failures.kindOf(e);
      String prefix =
          kind == FailureKind.COMMAND_TIMEOUT
              ? "did not finish within " + timeout.toMillis() + " ms: "
              : "session lost: ";
      return done(command, null, kind, prefix + Failures.describe(e), started, t0);
    } catch (RuntimeException e) {
      lease.invalidate(e);
      return done(
          command, null, FailureKind.INTERNAL, "failed: " + Failures.describe(e), started, t0);
    }
  }

  /** stdout then stderr; a non-zero exit status or a rejection line is a rejected command. */
  private CommandResult execResult(String command, ExecResult r, Instant started, long t0) {
    String out = r.stdout() == null ? "" : r.stdout();
    String output =
        r.stderr() == null || r.stderr().isBlank()
            ? out
            : out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + r.stderr();
    if (r.exitStatus() != null && r.exitStatus() != 0) {
      return done(
          command,
          output,
          FailureKind.COMMAND_FAILED,
          "exit status " + r.exitStatus() + describeRejection(output),
          started,
          t0);
    }
    String rejected = Rejections.rejectedLine(output);
    if (r.exitStatus() == null && rejected != null) {
      // a device that reports no exit status: its error line is all there is
      return done(
          command,
          output,
          FailureKind.COMMAND_FAILED,
          "command rejected: " + rejected,
          started,
          t0);
    }
    return done(command, output, null, null, started, t0);
  }

  private static String describeRejection(String output) {
    String line = Rejections.rejectedLine(output);
    return line == null ? "" : ": " + line;
  }

  /** The output line holding the platform's error string, or the string itself. */
  private static String rejectedLine(String output, String indicator) {
    if (output != null && indicator != null) {
      for (String l : output.split("\n")) {
        if (l.contains(indicator)) {
          return l.strip();
        }
      }
    }
    return indicator == null ? "(no text)" : indicator;
  }

  private CommandResult done(
      String command, String output, FailureKind failure, String error, Instant started, long t0) {
    return new CommandResult(
        command,
        mask.apply(output),
        failure,
        mask.apply(error),
        started,
        Duration.ofNanos(System.nanoTime() - t0));
  }
}
