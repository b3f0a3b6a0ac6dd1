package io.netpool.monitor.exec;

import io.netpool.monitor.check.FailureKind;
import java.time.Duration;
import java.util.List;

/**
 * What {@code netpool exec} did on one device.
 *
 * @param device the device id
 * @param host its host
 * @param port its port
 * @param platform its platform id
 * @param protocol {@code cli} or {@code ssh}, as the device says
 * @param sessionFailure null when a session came; else why none did (auth failed, unreachable, ...)
 * @param sessionError one line on the session failure, or null
 * @param sessionWait how long getting the session took (login included when it was new)
 * @param commands one result per command, in the order given; empty when no session came
 */
public record DeviceResult(
    String device,
    String host,
    int port,
    String platform,
    String protocol,
    FailureKind sessionFailure,
    String sessionError,
    Duration sessionWait,
    List<CommandResult> commands) {

  public DeviceResult {
    commands = List.copyOf(commands);
  }

  /** True when a session came and every command ran and was accepted. */
  public boolean ok() {
    return sessionFailure == null && commands.stream().allMatch(CommandResult::ok);
  }

  /** The first failure of this device (session first), or null. */
  public FailureKind firstFailure() {
    if (sessionFailure != null) {
      return sessionFailure;
    }
    return commands.stream()
        .map(CommandResult::failure)
        .filter(f -> f != null)
        .findFirst()
        .orElse(null);
  }
}
