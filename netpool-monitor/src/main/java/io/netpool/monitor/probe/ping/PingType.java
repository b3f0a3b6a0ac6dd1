package io.netpool.monitor.probe.ping;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ProbeSelection;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.Rejections;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.ProbeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The ping probe: the platform's ping command toward the line's peer, parsed into loss and
 * round-trip times.
 *
 * <p>The command deadline is {@link #deadline}: {@code repeat × timeout} (the per-probe timeout
 * rounded up to whole seconds, since most platforms only take seconds, and at least 1 s per probe,
 * which covers Linux's one-second probe spacing), plus {@link ProbeConfig#commandMargin()}.
 *
 * <p>An output whose parse has status error is a rejected command ({@link
 * FailureKind#COMMAND_FAILED}) when the parser's error text is a line of the output (the parser
 * reports the device's error line verbatim) or a line of the output is a {@link Rejections
 * rejection}; otherwise it is unreadable ({@link FailureKind#UNPARSEABLE_OUTPUT}). The exit status
 * of an exec command is not used: Linux ping exits 1 for "no reply", which parses fine. A ping that
 * ran and was parsed has no failure kind even when every probe was lost.
 */
public final class PingType implements ProbeType {
  private final ProbeConfig config;

  public PingType(ProbeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return ProbeSelection.PING;
  }

  @Override
  public String command(LineSpec line, DeviceSpec router) {
    return router.platform().command(line.pingRequest());
  }

  @Override
  public Duration deadline(LineSpec line) {
    long perProbeSeconds = Math.max(1, (line.timeout().toMillis() + 999) / 1000);
    Duration rounded = Duration.ofSeconds(perProbeSeconds).multipliedBy(line.repeat());
    Duration worst = line.worstCase().compareTo(rounded) > 0 ? line.worstCase() : rounded;
    return worst.plus(config.commandMargin());
  }

  @Override
  public Reading read(
      LineSpec line, DeviceSpec router, String output, String command, Instant finished) {
    PingResult ping = router.platform().parse(output);
    if (ping.status() != PingStatus.ERROR) {
      return new Reading(ping, null, null);
    }
    String error = ping.error();
    if (error != null && !error.isBlank() && output.contains(error)) {
      return new Reading(
          PingResult.error("command rejected: " + error), FailureKind.COMMAND_FAILED, null);
    }
    String rejected = Rejections.rejectedLine(output);
    if (rejected != null) {
      return new Reading(
          PingResult.error("command rejected: " + rejected), FailureKind.COMMAND_FAILED, null);
    }
    return new Reading(ping, FailureKind.UNPARSEABLE_OUTPUT, null);
  }

  /** Ping's result is the measurement itself: no reading of its own. */
  @Override
  public ProbeReading failed(FailureKind kind, String message, String command) {
    return null;
  }
}
