package io.netpool.monitor.status;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.RttStats;
import java.math.BigDecimal;
import java.time.Instant;

/** Check results for tests of the sinks, the store and the status server. */
public final class TestResults {
  public static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

  private TestResults() {}

  /** All 5 replies; RTT in ms as text, e.g. "1.5". */
  public static CheckResult ok(String line, String router, String target, String rttAvg) {
    return at(line, router, target, T0, measured(5, 5, "0", "1", rttAvg, "3", PingStatus.OK));
  }

  /** 4 of 5 replies, 20.00 % loss as the device printed it. */
  public static CheckResult degraded(String line, String router, String target) {
    return at(
        line,
        router,
        target,
        T0,
        measured(5, 4, "20.00", "10.5", "12.25", "20", PingStatus.DEGRADED));
  }

  /**
   * All 5 replies with per-reply times 1, 3, 2, 2, 4 ms (median 2, stddev 1.020, jitter 1.250), 0
   * duplicates, as a BSD-style platform prints them.
   */
  public static CheckResult withReplies(String line, String router, String target) {
    RttStats d =
        RttStats.of(
            java.util.stream.Stream.of("1", "3", "2", "2", "4").map(BigDecimal::new).toList());
    return at(
        line,
        router,
        target,
        T0,
        new PingResult(
            5,
            5,
            new BigDecimal("0.00"),
            BigDecimal.ONE,
            new BigDecimal("2.400"),
            new BigDecimal("4"),
            d,
            0,
            null,
            PingStatus.OK,
            null));
  }

  /** No reply. */
  public static CheckResult down(String line, String router, String target) {
    return at(
        line,
        router,
        target,
        T0,
        new PingResult(5, 0, new BigDecimal("100"), null, null, null, PingStatus.DOWN, null));
  }

  /** A check that failed: router unreachable. */
  public static CheckResult error(String line, String router, String target) {
    return CheckResult.failed(
        line,
        router,
        target,
        T0,
        T0.plusMillis(5),
        T0.plusSeconds(3),
        FailureKind.ROUTER_UNREACHABLE,
        "connect to router timed out",
        null);
  }

  /** A due check skipped because the router was busy, {@code seconds} after T0. */
  public static CheckResult skipped(String line, String router, String target, int seconds) {
    Instant due = T0.plusSeconds(seconds);
    return CheckResult.skipped(
        line, router, target, due, due.plusSeconds(1), SkipReason.ROUTER_BUSY);
  }

  /** A measured result finished at {@code due + 2 s}; {@code seq} goes into {@code sent}. */
  public static CheckResult sequenced(String line, int seq) {
    return at(
        line,
        "r1",
        "192.0.2.1",
        T0.plusSeconds(seq),
        new PingResult(
            seq,
            seq,
            BigDecimal.ZERO,
            BigDecimal.ONE,
            BigDecimal.ONE,
            BigDecimal.ONE,
            PingStatus.OK,
            null));
  }

  public static PingResult measured(
      int sent, int received, String loss, String min, String avg, String max, PingStatus status) {
    return new PingResult(
        sent,
        received,
        new BigDecimal(loss),
        new BigDecimal(min),
        new BigDecimal(avg),
        new BigDecimal(max),
        status,
        null);
  }

  public static CheckResult at(
      String line, String router, String target, Instant due, PingResult ping) {
    return new CheckResult(
        line,
        router,
        target,
        due,
        due.plusMillis(10),
        due.plusSeconds(2),
        ping,
        null,
        "ping " + target + " repeat 5 timeout 1");
  }
}
