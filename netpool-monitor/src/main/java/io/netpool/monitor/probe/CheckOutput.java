package io.netpool.monitor.probe;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.ping.PingStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What a router printed for one check's ping command, with the router's secrets masked ({@code
 * ******}): kept so that an operator can see it, and saved when it could not be read so that it can
 * be sent in (docs/monitor.md, "Raw outputs").
 *
 * @param platform the platform profile the output was parsed with
 * @param status the check's status
 * @param failure the check's failure kind, or null
 */
public record CheckOutput(
    String lineId,
    String routerId,
    String platform,
    String command,
    String output,
    Instant time,
    PingStatus status,
    FailureKind failure) {
  public CheckOutput {
    Objects.requireNonNull(lineId, "lineId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(time, "time");
  }

  /** True when the output could not be read as a ping result. */
  public boolean unparsed() {
    return failure == FailureKind.UNPARSEABLE_OUTPUT;
  }
}
