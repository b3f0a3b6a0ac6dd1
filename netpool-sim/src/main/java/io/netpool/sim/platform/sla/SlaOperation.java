package io.netpool.sim.platform.sla;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One SLA operation configured on a simulated router (Cisco IP SLA entry, Juniper RPM test, Huawei
 * or H3C NQA test instance): what it measures and how its target answers. The router runs it every
 * {@link #frequency}; the results of each run are drawn from these settings (see {@code
 * sla.SlaRuns}).
 *
 * @param kind ICMP echo or UDP jitter
 * @param target the target's IPv4 address
 * @param frequency time between two runs (at least one second)
 * @param latencyMinMs smallest round-trip time in ms
 * @param latencyMaxMs largest round-trip time in ms
 * @param lossProbability chance in [0, 1] that one packet is lost
 * @param jitterMs average jitter per direction in ms (UDP jitter)
 * @param packets packets sent per run (Cisco ICMP echo sends one per run whatever this says)
 * @param codec VoIP codec of a UDP jitter operation ({@code g711alaw}, {@code g729a}...), or null;
 *     with it MOS and ICPIF are computed
 * @param oneWayValid whether the clocks are synchronised, so one-way delays are measured
 * @param stale the operation stopped updating: its last run is frozen long in the past
 * @param notRunning configured but never started (not scheduled)
 */
public record SlaOperation(
    Kind kind,
    String target,
    Duration frequency,
    double latencyMinMs,
    double latencyMaxMs,
    double lossProbability,
    double jitterMs,
    int packets,
    String codec,
    boolean oneWayValid,
    boolean stale,
    boolean notRunning) {
  /** A dotted-quad IPv4 address (each part 0..255). */
  private static final java.util.regex.Pattern DOTTED_QUAD =
      java.util.regex.Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  /** What the operation measures. */
  public enum Kind {
    ICMP_ECHO,
    UDP_JITTER
  }

  public SlaOperation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(frequency, "frequency");
    if (frequency.toMillis() < 1000) {
      throw new IllegalArgumentException("frequency must be at least 1 s: " + frequency);
    }
    if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
      throw new IllegalArgumentException(
          "latency range invalid: " + latencyMinMs + ".." + latencyMaxMs);
    }
    if (!(lossProbability >= 0 && lossProbability <= 1)) {
      throw new IllegalArgumentException("lossProbability must be in [0, 1]: " + lossProbability);
    }
    if (!(jitterMs >= 0)) {
      throw new IllegalArgumentException("jitterMs must be >= 0: " + jitterMs);
    }
    if (packets < 1 || packets > 1000) {
      throw new IllegalArgumentException("packets must be 1..1000: " + packets);
    }
    if (codec != null && codec.isBlank()) {
      codec = null;
    }
    if (codec != null && kind != Kind.UDP_JITTER) {
      throw new IllegalArgumentException("a codec needs a UDP jitter operation");
    }
  }

  /** An ICMP echo every 60 s, 5 packets, 2..20 ms, no loss. */
  public static SlaOperation icmpEcho(String target) {
    return new SlaOperation(
        Kind.ICMP_ECHO, target, Duration.ofSeconds(60), 2, 20, 0, 0, 5, null, false, false, false);
  }

  /** A UDP jitter operation every 60 s, 10 packets, 2..20 ms, 1 ms jitter, no loss, no codec. */
  public static SlaOperation udpJitter(String target) {
    return new SlaOperation(
        Kind.UDP_JITTER,
        target,
        Duration.ofSeconds(60),
        2,
        20,
        0,
        1,
        10,
        null,
        false,
        false,
        false);
  }

  public SlaOperation withFrequency(Duration f) {
    return new SlaOperation(
        kind,
        target,
        f,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        packets,
        codec,
        oneWayValid,
        stale,
        notRunning);
  }

  public SlaOperation withLatency(double minMs, double maxMs) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        minMs,
        maxMs,
        lossProbability,
        jitterMs,
        packets,
        codec,
        oneWayValid,
        stale,
        notRunning);
  }

  public SlaOperation withLoss(double probability) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        probability,
        jitterMs,
        packets,
        codec,
        oneWayValid,
        stale,
        notRunning);
  }

  public SlaOperation withJitter(double ms) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        ms,
        packets,
        codec,
        oneWayValid,
        stale,
        notRunning);
  }

  public SlaOperation withPackets(int n) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        n,
        codec,
        oneWayValid,
        stale,
        notRunning);
  }

  /** A VoIP codec: MOS and ICPIF are then printed (UDP jitter only). */
  public SlaOperation withCodec(String c) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        packets,
        c,
        oneWayValid,
        stale,
        notRunning);
  }

  /** Whether the clocks are synchronised (one-way delays printed as measured). */
  public SlaOperation withOneWayValid(boolean valid) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        packets,
        codec,
        valid,
        stale,
        notRunning);
  }

  /** The operation stopped updating: it prints old results with an old last run time. */
  public SlaOperation withStale(boolean s) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        packets,
        codec,
        oneWayValid,
        s,
        notRunning);
  }

  /** Configured but never started. */
  public SlaOperation withNotRunning(boolean n) {
    return new SlaOperation(
        kind,
        target,
        frequency,
        latencyMinMs,
        latencyMaxMs,
        lossProbability,
        jitterMs,
        packets,
        codec,
        oneWayValid,
        stale,
        n);
  }

  /**
   * Parses the command-line form {@code KIND:TARGET[,option...]}: KIND {@code icmp-echo} or {@code
   * udp-jitter}; options {@code freq=60s} (or {@code 60}, {@code 5m}), {@code latency=2-20}, {@code
   * loss=10} (percent), {@code jitter=3} (ms), {@code packets=10}, {@code codec=g711alaw}, {@code
   * one-way} (clocks synchronised), {@code stale}, {@code not-running}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static SlaOperation parse(String text) {
    String[] parts = text.trim().split(",");
    int colon = parts[0].indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected KIND:TARGET, not '" + parts[0] + "'");
    }
    String kind = parts[0].substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String target = parts[0].substring(colon + 1).trim();
    if (!DOTTED_QUAD.matcher(target).matches()) {
      throw new IllegalArgumentException("target must be an IPv4 address: " + target);
    }
    SlaOperation op =
        switch (kind) {
          case "icmp-echo", "icmp_echo", "icmp" -> icmpEcho(target);
          case "udp-jitter", "udp_jitter", "jitter" -> udpJitter(target);
          default -> throw new IllegalArgumentException("unknown SLA kind: " + kind);
        };
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String v = eq < 0 ? "" : p.substring(eq + 1).trim();
      op =
          switch (name) {
            case "freq", "frequency" -> op.withFrequency(duration(v));
            case "latency" -> {
              String[] mm = v.split("-", 2);
              yield op.withLatency(
                  Double.parseDouble(mm[0]), Double.parseDouble(mm.length > 1 ? mm[1] : mm[0]));
            }
            case "loss" -> op.withLoss(Double.parseDouble(v) / 100.0);
            case "jitter" -> op.withJitter(Double.parseDouble(v));
            case "packets" -> op.withPackets(Integer.parseInt(v));
            case "codec" -> op.withCodec(v);
            case "one-way", "oneway" -> op.withOneWayValid(true);
            case "stale" -> op.withStale(true);
            case "not-running", "notrunning" -> op.withNotRunning(true);
            default -> throw new IllegalArgumentException("unknown SLA option: " + name);
          };
    }
    return op;
  }

  private static Duration duration(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    long unit = 1;
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    } else if (s.endsWith("s")) {
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      unit = 60;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      unit = 3600;
      s = s.substring(0, s.length() - 1);
    }
    return Duration.ofSeconds(Long.parseLong(s) * unit);
  }
}
