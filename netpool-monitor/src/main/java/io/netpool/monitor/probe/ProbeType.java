package io.netpool.monitor.probe;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingResult;
import java.time.Duration;
import java.time.Instant;

/**
 * One probe type: the command it sends on the line's router, how long it may run and what its
 * output means. Each type is a package of its own ({@code probe.ping}, {@code probe.sla}); the
 * session, the deadlines, rejected commands, lost sessions and raw outputs are the runner's ({@code
 * probe.run.ProbeCheck}), the same for every type.
 *
 * <p>Contract: {@link #read} never throws, whatever the output.
 */
public interface ProbeType {

  /** The name lines use in {@code probe:}. */
  String name();

  /**
   * The command for this line on this router, built from the router's platform data.
   *
   * @throws IllegalArgumentException or IllegalStateException when it cannot be built (the message
   *     says why)
   */
  String command(LineSpec line, DeviceSpec router);

  /** How long the command may run before it counts as timed out. */
  Duration deadline(LineSpec line);

  /**
   * What the output says.
   *
   * @param output what the router printed (exec: stdout, then stderr)
   * @param command the command sent
   * @param finished when the output was complete
   */
  Reading read(LineSpec line, DeviceSpec router, String output, String command, Instant finished);

  /**
   * The reading of a check in which this type's command failed or could not run; null for a type
   * whose result is the measurement alone (ping).
   */
  default ProbeReading failed(FailureKind kind, String message, String command) {
    return ProbeReading.builder(name(), "error").failure(kind, message).command(command).build();
  }

  /**
   * What one command of this type measured.
   *
   * @param measurement loss and round-trip times, the line's measurement when this type is its
   *     first; a result of status error when the failure is set
   * @param failure why there is no measurement, or null
   * @param reading the type's own reading for sinks, or null (ping: the measurement is all)
   */
  record Reading(PingResult measurement, FailureKind failure, ProbeReading reading) {}
}
