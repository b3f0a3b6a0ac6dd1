package io.netpool.monitor.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The stable per-line phase that spreads checks over their interval.
 *
 * <p>{@code fraction(id) = mix64(fnv1a64(utf8(id))) >>> 11 / 2^53}, a number in {@code [0, 1)}:
 * FNV-1a 64-bit over the line id's UTF-8 bytes, then the SplitMix64 finalizer (so ids that differ
 * only in their last character still land far apart), keeping the top 53 bits. It depends on the
 * line id only: the same line gets the same phase after a restart, on another host, and after a
 * reload that changes anything but its id.
 */
public final class Phase {
  private Phase() {}

  /** The line's phase fraction in {@code [0, 1)}. */
  public static double fraction(String lineId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : lineId.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h = mix64(h);
    return (h >>> 11) * 0x1.0p-53;
  }

  /** {@code fraction(lineId) × interval}, in nanoseconds. */
  public static long offsetNanos(String lineId, Duration interval) {
    return (long) (fraction(lineId) * interval.toNanos());
  }

  /** {@code fraction(lineId) × interval}. */
  public static Duration offset(String lineId, Duration interval) {
    return Duration.ofNanos(offsetNanos(lineId, interval));
  }

  /**
   * The slot of a check due at {@code due}: which {@code phase + k × interval} window holds it
   * ({@code k}). Every node computes the same number, so two results of a line with the same slot
   * are two answers to one scheduled check.
   */
  public static long slot(String lineId, Duration interval, Instant due) {
    long t = Math.addExact(Math.multiplyExact(due.getEpochSecond(), 1_000_000_000L), due.getNano());
    return Math.floorDiv(t - offsetNanos(lineId, interval), interval.toNanos());
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
