package io.netpool.sim.platform.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The results of one run of an SLA operation, in milliseconds, as every platform's renderer prints
 * them in its own words.
 *
 * @param number the run's number on the simulator's clock (start = number x frequency)
 * @param start when the run started
 * @param scheduled when the operation was (last) scheduled: its run counters count from there
 * @param runsSoFar runs since the device booted, this one included
 * @param failedRunsSoFar of those, runs in which no packet came back
 * @param rtts round-trip time per packet, null for a lost packet
 * @param sd one-way delay source to destination per received packet
 * @param ds one-way delay destination to source per received packet
 * @param lostSd packets lost on the way to the target
 * @param lostDs packets lost on the way back
 * @param mos mean opinion score, or NaN without a codec
 * @param icpif calculated planning impairment factor, or -1 without a codec
 */
public record SlaRun(
    long number,
    Instant start,
    Instant scheduled,
    long runsSoFar,
    long failedRunsSoFar,
    List<Double> rtts,
    List<Double> sd,
    List<Double> ds,
    int lostSd,
    int lostDs,
    double mos,
    int icpif) {

  public int sent() {
    return rtts.size();
  }

  public int received() {
    return (int) rtts.stream().filter(r -> r != null).count();
  }

  public boolean ok() {
    return received() > 0;
  }

  /** Round-trip times of the received packets. */
  public List<Double> receivedRtts() {
    return rtts.stream().filter(r -> r != null).toList();
  }

  /** The first packet's round-trip time, or null when it was lost (Cisco ICMP echo). */
  public Double firstRtt() {
    return rtts.get(0);
  }

  /** When the run's last packet was answered or timed out (start + packets x 20 ms + rtt). */
  public Instant end() {
    return start.plus(Duration.ofMillis(20L * rtts.size() + 50));
  }

  /** Jitter between consecutive received packets in one direction (absolute differences). */
  public static List<Double> jitters(List<Double> delays) {
    return java.util.stream.IntStream.range(1, delays.size())
        .mapToObj(i -> Math.abs(delays.get(i) - delays.get(i - 1)))
        .toList();
  }

  /** Signed differences between consecutive delays (positive and negative jitter). */
  public static List<Double> signedJitters(List<Double> delays) {
    return java.util.stream.IntStream.range(1, delays.size())
        .mapToObj(i -> delays.get(i) - delays.get(i - 1))
        .toList();
  }
}
