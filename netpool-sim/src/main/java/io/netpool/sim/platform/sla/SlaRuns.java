package io.netpool.sim.platform.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the latest run of an operation from the simulator's clock: runs start at multiples of the
 * frequency; the values of a run are random but fixed per run (seeded by device, operation key and
 * run number), so reads within one period print the same results.
 */
public final class SlaRuns {
  private SlaRuns() {}

  /** A stale operation's last run lies in this window's previous one: at least a day old. */
  private static final Duration STALE_WINDOW = Duration.ofDays(1);

  /**
   * Operations are (re)scheduled at the start of each epoch week: their run counters count from
   * there. Derived from the clock alone, so the counters of a run never change between reads.
   */
  private static final long SCHEDULE_WINDOW_MS = Duration.ofDays(7).toMillis();

  /**
   * The latest run at {@code now}.
   *
   * @param seed the device's seed (simulator seed and device id)
   * @param key the operation's key as the router names it
   * @param now the simulator's clock
   */
  public static SlaRun latest(SlaOperation op, long seed, String key, Instant now) {
    long period = op.frequency().toMillis();
    long nowMs = now.toEpochMilli();
    long number = Math.floorDiv(nowMs, period);
    if (op.stale()) {
      // frozen at the first run of the window before the current one: one to two windows old
      long window = Math.max(STALE_WINDOW.toMillis(), 100 * period);
      long frozenAt = Math.floorDiv(nowMs, window) * window - window;
      number = Math.floorDiv(frozenAt, period);
    }
    long scheduledMs = Math.floorDiv(number * period, SCHEDULE_WINDOW_MS) * SCHEDULE_WINDOW_MS;
    long firstRun = Math.floorDiv(scheduledMs + period - 1, period);
    long runsSoFar = Math.max(1, number - firstRun + 1);
    return draw(op, seed, key, number, runsSoFar, Instant.ofEpochMilli(scheduledMs));
  }

  static SlaRun draw(
      SlaOperation op, long seed, String key, long number, long runsSoFar, Instant scheduled) {
    long h = seed * 0x9E3779B97F4A7C15L + key.hashCode();
    h = h * 0xBF58476D1CE4E5B9L + number;
    SplittableRandom r = new SplittableRandom(h);
    boolean jitter = op.kind() == SlaOperation.Kind.UDP_JITTER;
    int packets = op.packets();
    double centre = uniform(r, op.latencyMinMs(), op.latencyMaxMs());
    // per-direction delays vary uniformly over 3 x jitter: consecutive differences average jitter
    double spread = 3 * op.jitterMs();
    List<Double> rtts = new ArrayList<>(packets);
    List<Double> sd = new ArrayList<>();
    List<Double> ds = new ArrayList<>();
    int lostSd = 0;
    int lostDs = 0;
    for (int i = 0; i < packets; i++) {
      double a = Math.max(0, centre / 2 + spread * (r.nextDouble() - 0.5));
      double b = Math.max(0, centre / 2 + spread * (r.nextDouble() - 0.5));
      boolean lost = r.nextDouble() < op.lossProbability();
      boolean onTheWayOut = r.nextBoolean();
      if (lost) {
        rtts.add(null);
        if (onTheWayOut) {
          lostSd++;
        } else {
          lostDs++;
        }
      } else {
        rtts.add(a + b);
        sd.add(a);
        ds.add(b);
      }
    }
    long failed = failedRuns(op, runsSoFar, rtts.stream().allMatch(x -> x == null));
    double mos = Double.NaN;
    int icpif = -1;
    if (jitter && op.codec() != null) {
      int received = sd.size();
      double lossPct = 100.0 * (packets - received) / packets;
      double owd =
          received == 0 ? 0 : (sd.stream().mapToDouble(Double::doubleValue).sum() / received);
      icpif = voiceImpairment(lossPct, owd, op.codec());
      mos = received == 0 ? 1 : mos(icpif);
    }
    return new SlaRun(
        number,
        Instant.ofEpochMilli(number * op.frequency().toMillis()),
        scheduled,
        runsSoFar,
        failed,
        nullable(rtts),
        List.copyOf(sd),
        List.copyOf(ds),
        lostSd,
        lostDs,
        mos,
        icpif);
  }

  private static List<Double> nullable(List<Double> l) {
    return java.util.Collections.unmodifiableList(new ArrayList<>(l));
  }

  /** Failed runs so far: the configured loss applied to every run, consistent with this run. */
  private static long failedRuns(SlaOperation op, long runs, boolean thisFailed) {
    double p = Math.pow(op.lossProbability(), op.kind() == SlaOperation.Kind.ICMP_ECHO ? 1 : 3);
    long failed = Math.round(runs * p);
    if (thisFailed) {
      failed = Math.max(1, failed);
    } else {
      failed = Math.min(runs - 1, failed);
    }
    return failed;
  }

  private static double uniform(SplittableRandom r, double min, double max) {
    return max > min ? r.nextDouble(min, max) : min;
  }

  /**
   * ICPIF as IP SLA computes it (Idd + Ie): the delay impairment from the one-way delay and the
   * equipment impairment of the codec at this loss. Approximate, for plausible values only.
   */
  static int voiceImpairment(double lossPct, double oneWayMs, String codec) {
    double idd = oneWayMs < 150 ? 0 : (oneWayMs - 150) / 10;
    double ieBase = codec.toLowerCase(java.util.Locale.ROOT).startsWith("g729") ? 11 : 0;
    double ie = ieBase + lossPct * 2.5;
    return (int) Math.min(100, Math.round(idd + ie));
  }

  /** MOS from the E-model rating R = 93.2 - ICPIF, capped at 4.34 as IP SLA caps G.711. */
  static double mos(int icpif) {
    double rating = Math.max(0, 93.2 - icpif);
    double m = 1 + 0.035 * rating + 7e-6 * rating * (rating - 60) * (100 - rating);
    return Math.max(1, Math.min(4.34, Math.round(m * 100) / 100.0));
  }
}
