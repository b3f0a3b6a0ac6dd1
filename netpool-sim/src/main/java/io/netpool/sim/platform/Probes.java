package io.netpool.sim.platform;

import java.util.List;
import java.util.random.RandomGenerator;

/** Decides each ping probe's outcome from the target's behaviour and a seeded generator. */
public final class Probes {
  private Probes() {}

  /** Outcome of one probe. */
  public enum Kind {
    REPLY,
    TIMEOUT,
    UNREACHABLE
  }

  /**
   * One probe.
   *
   * @param kind outcome
   * @param rttMs round-trip time of a reply (or of the ICMP error)
   * @param waitMs how long the probe takes in simulated time
   */
  public record Probe(Kind kind, double rttMs, double waitMs) {}

  /** Outcome of probe {@code index} with a per-probe timeout in milliseconds. */
  public static Probe next(
      TargetBehaviour b, RandomGenerator r, int index, double timeoutMs, boolean ciscoStyle) {
    double rtt =
        b.latencyMaxMs() > b.latencyMinMs()
            ? r.nextDouble(b.latencyMinMs(), b.latencyMaxMs())
            : b.latencyMinMs();
    double lossDraw = r.nextDouble();
    Kind kind;
    if (b.unreachable()) {
      // Routers rate-limit ICMP unreachables: IOS shows U.U.U
      kind = ciscoStyle && index % 2 == 1 ? Kind.TIMEOUT : Kind.UNREACHABLE;
    } else if (b.pattern() != null) {
      char c = b.pattern().charAt(index % b.pattern().length());
      kind = c == '!' ? Kind.REPLY : c == 'U' ? Kind.UNREACHABLE : Kind.TIMEOUT;
    } else {
      kind = lossDraw < b.lossProbability() ? Kind.TIMEOUT : Kind.REPLY;
    }
    if (kind == Kind.REPLY && rtt > timeoutMs) {
      kind = Kind.TIMEOUT;
    }
    double wait = kind == Kind.TIMEOUT ? timeoutMs : rtt;
    return new Probe(kind, rtt, wait);
  }

  /** min, avg, max, standard deviation of the replies' round-trip times; zeros if none. */
  public static double[] stats(List<Double> rtts) {
    if (rtts.isEmpty()) {
      return new double[] {0, 0, 0, 0};
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    double sum = 0;
    double sq = 0;
    for (double v : rtts) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      sq += v * v;
    }
    double avg = sum / rtts.size();
    double var = Math.max(0, sq / rtts.size() - avg * avg);
    return new double[] {min, avg, max, Math.sqrt(var)};
  }

  /** Formats like C's {@code %g}: up to 6 significant digits, no trailing zeros. */
  public static String g(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    java.math.BigDecimal bd =
        new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
    return bd.toPlainString();
  }

  /** Formats with three decimals, as BSD and iputils summaries do. */
  public static String f3(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
