package io.netpool.monitor.check;

import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one scheduled check of one line: exactly one per due time, whatever happened.
 *
 * @param lineId the line checked
 * @param routerId the router the ping ran on
 * @param target the line's peer address
 * @param due when the check was due
 * @param started when it started (after waiting for a session); null when it was skipped
 * @param finished when the result was known
 * @param ping the parsed measurement; for failed checks a result with status error
 * @param failure why there is no measurement, or null when the ping ran and was parsed
 * @param command the command sent, or null if none was
 * @param skipReason why the check was skipped (status {@link PingStatus#SKIPPED}), else null
 * @param transport how the session that ran the command reached the router, or null when no session
 *     was used (skipped, or failed before one was lent)
 * @param readings what the line's probe types other than ping read ({@code probe: sla}), in the
 *     order they ran; empty for a ping-only line
 * @param slot which window of the line's schedule the check belongs to: {@code floor((due - phase)
 *     / interval)}, the same number on every node (docs/cluster.md, "Slots"); null when not
 *     scheduled ({@code netpool ping})
 */
public record CheckResult(
    String lineId,
    String routerId,
    String target,
    Instant due,
    Instant started,
    Instant finished,
    PingResult ping,
    FailureKind failure,
    String command,
    SkipReason skipReason,
    SessionTransport transport,
    List<ProbeReading> readings,
    Long slot) {

  public CheckResult {
    Objects.requireNonNull(lineId, "lineId");
    readings = readings == null ? List.of() : List.copyOf(readings);
    Objects.requireNonNull(ping, "ping");
    if ((skipReason != null) != (ping.status() == PingStatus.SKIPPED)) {
      throw new IllegalArgumentException(
          "a skip reason goes with status skipped and only with it: " + skipReason + ", " + ping);
    }
  }

  /** A result without a slot (not scheduled). */
  public CheckResult(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant started,
      Instant finished,
      PingResult ping,
      FailureKind failure,
      String command,
      SkipReason skipReason,
      SessionTransport transport,
      List<ProbeReading> readings) {
    this(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        ping,
        failure,
        command,
        skipReason,
        transport,
        readings,
        null);
  }

  /** A result without readings of other probe types. */
  public CheckResult(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant started,
      Instant finished,
      PingResult ping,
      FailureKind failure,
      String command,
      SkipReason skipReason,
      SessionTransport transport) {
    this(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        ping,
        failure,
        command,
        skipReason,
        transport,
        List.of());
  }

  /** A result without a known transport. */
  public CheckResult(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant started,
      Instant finished,
      PingResult ping,
      FailureKind failure,
      String command,
      SkipReason skipReason) {
    this(
        lineId, routerId, target, due, started, finished, ping, failure, command, skipReason, null);
  }

  /** A check that ran (measured or failed): no skip reason. */
  public CheckResult(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant started,
      Instant finished,
      PingResult ping,
      FailureKind failure,
      String command) {
    this(lineId, routerId, target, due, started, finished, ping, failure, command, null);
  }

  /**
   * A due check that was skipped without measuring: it says nothing about the line, whose last
   * measured result stays in force (shown as late).
   */
  public static CheckResult skipped(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant finished,
      SkipReason reason) {
    return new CheckResult(
        lineId,
        routerId,
        target,
        due,
        null,
        finished,
        PingResult.skipped(),
        null,
        null,
        Objects.requireNonNull(reason, "reason"));
  }

  /** A check that failed before or instead of a measurement. */
  public static CheckResult failed(
      String lineId,
      String routerId,
      String target,
      Instant due,
      Instant started,
      Instant finished,
      FailureKind failure,
      String message,
      String command) {
    return new CheckResult(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        PingResult.error(message),
        Objects.requireNonNull(failure, "failure"),
        command);
  }

  /** This result with the transport of the session that ran it. */
  public CheckResult withTransport(SessionTransport t) {
    return new CheckResult(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        ping,
        failure,
        command,
        skipReason,
        t,
        readings,
        slot);
  }

  /** This result in slot {@code s} of its line's schedule. */
  public CheckResult withSlot(Long s) {
    return new CheckResult(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        ping,
        failure,
        command,
        skipReason,
        transport,
        readings,
        s);
  }

  /** This result with the readings of the line's other probe types. */
  public CheckResult withReadings(List<ProbeReading> r) {
    return new CheckResult(
        lineId,
        routerId,
        target,
        due,
        started,
        finished,
        ping,
        failure,
        command,
        skipReason,
        transport,
        r,
        slot);
  }

  /** The reading of probe type {@code probe}, or null. */
  public ProbeReading reading(String probe) {
    for (ProbeReading r : readings) {
      if (r.probe().equals(probe)) {
        return r;
      }
    }
    return null;
  }

  public PingStatus status() {
    return ping.status();
  }

  /** True when the check was skipped ({@link #skipReason()} says why). */
  public boolean isSkipped() {
    return skipReason != null;
  }

  /** True when a command was sent, i.e. the check held one of its router's sessions. */
  public boolean gotSession() {
    return skipReason == null && command != null;
  }

  /** Time from due to result (scheduling lag, session wait and the ping itself). */
  public Duration latency() {
    return due == null || finished == null ? Duration.ZERO : Duration.between(due, finished);
  }
}
