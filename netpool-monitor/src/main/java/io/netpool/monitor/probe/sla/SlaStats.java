package io.netpool.monitor.probe.sla;

import java.util.Objects;

/**
 * What a router printed about one of its own SLA operations (Cisco IP SLA, Juniper RPM, Huawei or
 * H3C NQA), as read by a {@link SlaParser}: the results of the operation's latest run, or why there
 * are none. Every value is the router's own and null when its output does not print it; nothing is
 * computed here except {@link #lossPercent} from the counts when the router printed only those.
 *
 * @param outcome whether the output held results
 * @param message for an outcome other than {@link Outcome#READ}: what the router said (its own
 *     line, verbatim) or why the output could not be read; else null
 * @param operationType the operation's type as printed, lower case ({@code icmp-echo}, {@code
 *     udp-jitter}, {@code icmp-ping}, {@code jitter}, ...)
 * @param lastRun the router's own text of the latest run's time (start or end, as it prints it)
 * @param returnCode the latest run's return code or completion as printed ({@code OK}, {@code
 *     Timeout}, {@code success}, {@code Response received}, ...)
 * @param returnOk whether that return code means the run succeeded; null when none is printed
 * @param sent probes sent in the latest run
 * @param received probe replies received in the latest run
 * @param lossPercent loss of the latest run in percent
 * @param lostSd packets lost from source to destination (jitter operations)
 * @param lostDs packets lost from destination to source (jitter operations)
 * @param rttMinMs minimum round-trip time in ms
 * @param rttAvgMs average round-trip time in ms
 * @param rttMaxMs maximum round-trip time in ms
 * @param jitterSdMs average jitter from source to destination in ms
 * @param jitterDsMs average jitter from destination to source in ms
 * @param owdSdMs average one-way delay from source to destination in ms, only when the router
 *     prints it as valid (clocks synchronised); null otherwise
 * @param owdDsMs average one-way delay from destination to source in ms, same rule
 * @param mos mean opinion score (VoIP codec operations)
 * @param icpif calculated planning impairment factor (VoIP codec operations)
 * @param progress a text that changes with every run of the operation (its last run time and, where
 *     printed, its run counters): the same text for longer than twice the operation's frequency
 *     means the operation stopped updating
 */
public record SlaStats(
    Outcome outcome,
    String message,
    String operationType,
    String lastRun,
    String returnCode,
    Boolean returnOk,
    Integer sent,
    Integer received,
    Double lossPercent,
    Integer lostSd,
    Integer lostDs,
    Double rttMinMs,
    Double rttAvgMs,
    Double rttMaxMs,
    Double jitterSdMs,
    Double jitterDsMs,
    Double owdSdMs,
    Double owdDsMs,
    Double mos,
    Double icpif,
    String progress) {

  /** Whether an output held an operation's results. */
  public enum Outcome {
    /** Results of the latest run were read. */
    READ,
    /** The router has no such operation (entry, owner/test, admin/test). */
    NOT_CONFIGURED,
    /** The operation exists but is not running (not scheduled, stopped, never run). */
    NOT_RUNNING,
    /** The output could not be read; {@link SlaStats#message} says why. */
    UNREADABLE
  }

  public SlaStats {
    Objects.requireNonNull(outcome, "outcome");
    if (lossPercent == null && sent != null && received != null && sent > 0) {
      lossPercent = Math.round((sent - received) * 10000.0 / sent) / 100.0;
    }
  }

  /** An output without results: {@code outcome} is not {@link Outcome#READ}. */
  public static SlaStats without(Outcome outcome, String message) {
    if (outcome == Outcome.READ) {
      throw new IllegalArgumentException("READ needs results");
    }
    return new SlaStats(
        outcome, message, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  /**
   * Builds a {@link Outcome#READ} result field by field (parsers fill what their output prints).
   */
  public static Builder read() {
    return new Builder();
  }

  /** Fills a {@link SlaStats} of outcome {@link Outcome#READ}. */
  public static final class Builder {
    private String operationType;
    private String lastRun;
    private String returnCode;
    private Boolean returnOk;
    private Integer sent;
    private Integer received;
    private Double lossPercent;
    private Integer lostSd;
    private Integer lostDs;
    private Double rttMinMs;
    private Double rttAvgMs;
    private Double rttMaxMs;
    private Double jitterSdMs;
    private Double jitterDsMs;
    private Double owdSdMs;
    private Double owdDsMs;
    private Double mos;
    private Double icpif;
    private String progress;

    private Builder() {}

    public Builder operationType(String v) {
      operationType = v;
      return this;
    }

    public Builder lastRun(String v) {
      lastRun = v;
      return this;
    }

    public Builder returnCode(String v, Boolean ok) {
      returnCode = v;
      returnOk = ok;
      return this;
    }

    public Builder counts(Integer sentCount, Integer receivedCount) {
      sent = sentCount;
      received = receivedCount;
      return this;
    }

    public Builder lossPercent(Double v) {
      lossPercent = v;
      return this;
    }

    public Builder lostPerDirection(Integer sd, Integer ds) {
      lostSd = sd;
      lostDs = ds;
      return this;
    }

    public Builder rtt(Double minMs, Double avgMs, Double maxMs) {
      rttMinMs = minMs;
      rttAvgMs = avgMs;
      rttMaxMs = maxMs;
      return this;
    }

    public Builder jitter(Double sdMs, Double dsMs) {
      jitterSdMs = sdMs;
      jitterDsMs = dsMs;
      return this;
    }

    public Builder oneWayDelay(Double sdMs, Double dsMs) {
      owdSdMs = sdMs;
      owdDsMs = dsMs;
      return this;
    }

    public Builder voice(Double meanOpinionScore, Double impairmentFactor) {
      mos = meanOpinionScore;
      icpif = impairmentFactor;
      return this;
    }

    public Builder progress(String v) {
      progress = v;
      return this;
    }

    public SlaStats build() {
      return new SlaStats(
          Outcome.READ,
          null,
          operationType,
          lastRun,
          returnCode,
          returnOk,
          sent,
          received,
          lossPercent,
          lostSd,
          lostDs,
          rttMinMs,
          rttAvgMs,
          rttMaxMs,
          jitterSdMs,
          jitterDsMs,
          owdSdMs,
          owdDsMs,
          mos,
          icpif,
          progress == null ? lastRun : progress);
    }
  }
}
