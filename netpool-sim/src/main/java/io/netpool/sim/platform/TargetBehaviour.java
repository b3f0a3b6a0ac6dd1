package io.netpool.sim.platform;

/**
 * How a ping target answers: per-probe loss probability or an exact probe pattern, round-trip time
 * range, or unreachable.
 *
 * <p>A pattern is a string of probe outcomes repeated cyclically: {@code !} reply, {@code .}
 * timeout, {@code U} unreachable; for example {@code "!!.!!"} loses the third of every five probes.
 * Replies whose simulated round-trip time exceeds the ping's per-probe timeout are reported as
 * timeouts, in the platform's own unit (Huawei and H3C {@code -t} are milliseconds).
 *
 * @param lossProbability chance in [0, 1] that a probe is lost (ignored when a pattern is set)
 * @param pattern exact probe outcomes, or null
 * @param latencyMinMs smallest round-trip time in milliseconds
 * @param latencyMaxMs largest round-trip time in milliseconds
 * @param unreachable every probe answers with an ICMP unreachable (IOS {@code U.U.U})
 */
public record TargetBehaviour(
    double lossProbability,
    String pattern,
    double latencyMinMs,
    double latencyMaxMs,
    boolean unreachable) {

  /** Reachable, no loss, 2 to 20 ms. */
  public static final TargetBehaviour DEFAULT = new TargetBehaviour(0, null, 2, 20, false);

  public TargetBehaviour {
    if (!(lossProbability >= 0 && lossProbability <= 1)) {
      throw new IllegalArgumentException("lossProbability must be in [0, 1]: " + lossProbability);
    }
    if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
      throw new IllegalArgumentException(
          "latency range invalid: " + latencyMinMs + ".." + latencyMaxMs);
    }
    if (pattern != null && (pattern.isEmpty() || !pattern.matches("[!.U]+"))) {
      throw new IllegalArgumentException("pattern must consist of ! . U: " + pattern);
    }
  }

  /** Reachable with no loss and the default 2..20 ms latency. */
  public static TargetBehaviour reachable() {
    return DEFAULT;
  }

  /** Reachable with no loss and the given latency range. */
  public static TargetBehaviour latency(double minMs, double maxMs) {
    return new TargetBehaviour(0, null, minMs, maxMs, false);
  }

  /** Each probe is lost with this probability (seeded, reproducible). */
  public static TargetBehaviour loss(double probability) {
    return new TargetBehaviour(probability, null, 2, 20, false);
  }

  /** Every probe times out. */
  public static TargetBehaviour totalLoss() {
    return new TargetBehaviour(1, null, 2, 20, false);
  }

  /** Exact probe outcomes, repeated: {@code !} reply, {@code .} timeout, {@code U} unreachable. */
  public static TargetBehaviour pattern(String pattern) {
    return new TargetBehaviour(0, pattern, 2, 20, false);
  }

  /** Every probe gets an ICMP unreachable. */
  public static TargetBehaviour unreachableTarget() {
    return new TargetBehaviour(0, null, 1, 2, true);
  }

  public TargetBehaviour withLatency(double minMs, double maxMs) {
    return new TargetBehaviour(lossProbability, pattern, minMs, maxMs, unreachable);
  }

  public TargetBehaviour withLoss(double probability) {
    return new TargetBehaviour(probability, pattern, latencyMinMs, latencyMaxMs, unreachable);
  }
}
