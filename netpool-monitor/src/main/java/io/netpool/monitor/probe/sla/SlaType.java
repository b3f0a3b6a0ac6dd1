package io.netpool.monitor.probe.sla;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.check.ProbeReading.Unit;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ProbeSelection;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.Rejections;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.ProbeType;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.ProbeCommand;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The SLA probe ({@code probe: sla}): reads the results of an SLA operation the router runs itself
 * (Cisco IP SLA, Juniper RPM, Huawei and H3C NQA) with the command of its platform's {@code probes:
 * sla:} entry, parsed by the parser of that entry's format ({@link SlaFormats}).
 *
 * <p>Its measurement (used when {@code sla} is a line's first probe type): probes sent and
 * received, loss and round-trip times of the operation's latest run. An operation printed without
 * counts (Cisco icmp-echo: one probe per run) counts as one probe, received when its return code is
 * a success; a jitter run that prints replies and the packets lost each way (Cisco udp-jitter) sent
 * their sum. The reading adds the rest: jitter and one-way delay per direction, MOS, ICPIF, the
 * return code and the last run's time as printed.
 *
 * <p>Outcomes: no such operation {@link FailureKind#SLA_NOT_CONFIGURED}, not running {@link
 * FailureKind#SLA_NOT_RUNNING} (also results that count 0 probes sent: nothing ran yet), results
 * unchanged for longer than twice the line's {@code frequency} {@link FailureKind#SLA_STALE} (the
 * values are kept in the reading, marked {@code stale}), a rejected command {@link
 * FailureKind#COMMAND_FAILED}, anything else unreadable {@link FailureKind#UNPARSEABLE_OUTPUT} (the
 * output is saved for sending in).
 */
public final class SlaType implements ProbeType {
  /** A show command answers at once; the margin covers slow control planes. */
  static final Duration COMMAND_TIME = Duration.ofSeconds(10);

  private final ProbeConfig config;
  private final SlaFreshness freshness = new SlaFreshness();

  public SlaType(ProbeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return ProbeSelection.SLA;
  }

  @Override
  public String command(LineSpec line, DeviceSpec router) {
    return slaCommand(router).fill(line.probes().keys());
  }

  private static ProbeCommand slaCommand(DeviceSpec router) {
    return router
        .platform()
        .profile()
        .probe(ProbeSelection.SLA)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "platform " + router.platform().id() + " has no probes: sla: command"));
  }

  /**
   * Parses an SLA output of a platform (for {@code netpool parse --probe sla}).
   *
   * @throws IllegalArgumentException when the platform has no SLA command or netpool no parser of
   *     its format
   */
  public static SlaStats parse(PlatformProfile platform, String output) {
    ProbeCommand command =
        platform
            .probe(ProbeSelection.SLA)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "platform " + platform.name() + " has no probes: sla: command"));
    SlaParser parser = SlaFormats.parser(command.format());
    if (parser == null) {
      throw new IllegalArgumentException(
          "no parser for sla format '" + command.format() + "'; known: " + SlaFormats.names());
    }
    return parser.parse(output);
  }

  /** True when {@code command} is the SLA command of {@code platform} (a saved output's). */
  public static boolean isSlaCommand(PlatformProfile platform, String command) {
    return command != null
        && platform
            .probe(ProbeSelection.SLA)
            .map(
                c ->
                    command.startsWith(
                        c.command()
                            .substring(
                                0,
                                c.command().indexOf('{') < 0
                                    ? c.command().length()
                                    : c.command().indexOf('{'))))
            .orElse(false);
  }

  @Override
  public Duration deadline(LineSpec line) {
    return COMMAND_TIME.plus(config.commandMargin());
  }

  @Override
  public Reading read(
      LineSpec line, DeviceSpec router, String output, String command, Instant finished) {
    String format = slaCommand(router).format();
    SlaParser parser = SlaFormats.parser(format);
    if (parser == null) {
      return failure(
          FailureKind.INTERNAL,
          "no parser for sla format '" + format + "'; known: " + SlaFormats.names(),
          command);
    }
    SlaStats stats = parser.parse(output); // never throws: SlaParser.guarded
    return switch (stats.outcome()) {
      case NOT_CONFIGURED ->
          failure(FailureKind.SLA_NOT_CONFIGURED, orDefault(stats, "no such operation"), command);
      case NOT_RUNNING ->
          failure(
              FailureKind.SLA_NOT_RUNNING,
              orDefault(stats, "the operation is not running"),
              command);
      case UNREADABLE -> unreadable(stats, output, command);
      case READ ->
          Integer.valueOf(0).equals(stats.sent())
              ? failure(
                  FailureKind.SLA_NOT_RUNNING,
                  "the operation has sent no probe yet (its latest run counts 0 sent)",
                  command)
              : measured(line, stats, command, finished);
    };
  }

  Reading measured(LineSpec line, SlaStats s, String command, Instant finished) {
    Duration unchanged = freshness.unchangedFor(line.id(), s.progress(), finished);
    Duration frequency = line.probes().frequency();
    PingResult measurement = measurement(s);
    if (SlaFreshness.stale(unchanged, frequency)) {
      String message =
          "stale: the operation's last run ("
              + (s.lastRun() == null ? "as printed" : s.lastRun())
              + ") has not changed for "
              + unchanged.toSeconds()
              + " s, more than twice its frequency of "
              + frequency.toSeconds()
              + " s";
      return new Reading(
          PingResult.error(message),
          FailureKind.SLA_STALE,
          reading("stale", s, measurement, command)
              .failure(FailureKind.SLA_STALE, message)
              .build());
    }
    if (measurement.status() == PingStatus.ERROR) {
      return new Reading(
          measurement,
          FailureKind.UNPARSEABLE_OUTPUT,
          reading("error", s, measurement, command)
              .failure(FailureKind.UNPARSEABLE_OUTPUT, measurement.error())
              .build());
    }
    return new Reading(
        measurement,
        null,
        reading(measurement.status().wireName(), s, measurement, command).build());
  }

  /** Loss and round-trip times of the latest run, as a ping result. */
  static PingResult measurement(SlaStats s) {
    Integer sent = s.sent();
    Integer received = s.received();
    if (sent == null && received != null && (s.lostSd() != null || s.lostDs() != null)) {
      // jitter runs print replies and the packets lost each way, not the packets sent
      sent =
          received + (s.lostSd() == null ? 0 : s.lostSd()) + (s.lostDs() == null ? 0 : s.lostDs());
    } else if (sent == null && received == null && s.returnOk() != null) {
      sent = 1; // one probe per run (icmp-echo), received when the run succeeded
      received = s.returnOk() ? 1 : 0;
    }
    if (sent == null || received == null || sent <= 0) {
      return PingResult.error(
          "the output has no probe counts and no return code; the results cannot be judged");
    }
    BigDecimal loss =
        s.lossPercent() != null
            ? BigDecimal.valueOf(s.lossPercent())
            : BigDecimal.valueOf((sent - received) * 100.0 / sent);
    PingStatus status =
        received == 0
            ? PingStatus.DOWN
            : loss.signum() > 0 || received < sent ? PingStatus.DEGRADED : PingStatus.OK;
    boolean replies = received > 0;
    return new PingResult(
        sent,
        received,
        loss,
        replies ? decimal(s.rttMinMs()) : null,
        replies ? decimal(s.rttAvgMs()) : null,
        replies ? decimal(s.rttMaxMs()) : null,
        status,
        null);
  }

  private static BigDecimal decimal(Double v) {
    return v == null ? null : BigDecimal.valueOf(v);
  }

  /**
   * The reading: what the router printed, with the probe counts and loss of the measurement where
   * the router prints them only in parts (a Cisco jitter run: replies and the packets lost each
   * way), so that every platform's reading has its loss.
   */
  private static ProbeReading.Builder reading(
      String status, SlaStats s, PingResult measured, String command) {
    boolean counted = measured.status() != PingStatus.ERROR;
    return ProbeReading.builder(ProbeSelection.SLA, status)
        .command(command)
        .fact("operationType", s.operationType())
        .fact("lastRun", s.lastRun())
        .fact("returnCode", s.returnCode())
        .value("sent", Unit.COUNT, s.sent() != null || !counted ? s.sent() : measured.sent())
        .value(
            "received",
            Unit.COUNT,
            s.received() != null || !counted ? s.received() : measured.received())
        .value(
            "loss",
            Unit.PERCENT,
            s.lossPercent() != null || !counted ? s.lossPercent() : measured.lossPercent())
        .value("lost_sd", Unit.COUNT, s.lostSd())
        .value("lost_ds", Unit.COUNT, s.lostDs())
        .value("rtt_min", Unit.MS, s.rttMinMs())
        .value("rtt_avg", Unit.MS, s.rttAvgMs())
        .value("rtt_max", Unit.MS, s.rttMaxMs())
        .value("jitter_sd", Unit.MS, s.jitterSdMs())
        .value("jitter_ds", Unit.MS, s.jitterDsMs())
        .value("owd_sd", Unit.MS, s.owdSdMs())
        .value("owd_ds", Unit.MS, s.owdDsMs())
        .value("mos", Unit.SCORE, s.mos())
        .value("icpif", Unit.SCORE, s.icpif());
  }

  private Reading unreadable(SlaStats s, String output, String command) {
    String rejected = Rejections.rejectedLine(output);
    if (rejected != null) {
      return failure(FailureKind.COMMAND_FAILED, "command rejected: " + rejected, command);
    }
    return failure(
        FailureKind.UNPARSEABLE_OUTPUT, "unreadable sla output: " + orDefault(s, "?"), command);
  }

  private Reading failure(FailureKind kind, String message, String command) {
    return new Reading(PingResult.error(message), kind, failed(kind, message, command));
  }

  private static String orDefault(SlaStats s, String fallback) {
    return s.message() == null || s.message().isBlank() ? fallback : s.message();
  }
}
