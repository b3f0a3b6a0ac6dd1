package io.netpool.bench.e2e;

import io.netpool.monitor.ping.PingResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Collects every probe's outcome, from any thread, without locks. Only probes <b>due</b> inside the
 * measured window count (so every variant is judged on the same due times, whenever they finish): a
 * measured probe's due→done time goes into an HdrHistogram (microseconds), its parsed result is
 * verified against the plan, a failed probe is counted by failure kind.
 */
final class ProbeRecorder implements OutcomeSink {
  /** Failure kind of a check cancelled by the variant's own stop: not counted as an error. */
  static final String SHUTDOWN = "shutdown";

  private static final int MAX_SAMPLES = 5;

  private final Instant windowStart;
  private final Instant windowEnd;
  private final ClientFleet fleet;
  private final ResultVerifier verifier;
  private final Recorder latencies = new Recorder(3);
  private final LongAdder measured = new LongAdder();
  private final LongAdder wrong = new LongAdder();
  private final LongAdder outsideWindow = new LongAdder();
  private final LongAdder cancelledAtStop = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sampleCount = new AtomicInteger();

  ProbeRecorder(Instant windowStart, Instant windowEnd, ClientFleet fleet) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.fleet = fleet;
    this.verifier = new ResultVerifier(fleet.plan());
  }

  @Override
  public void record(String lineId, Instant due, Instant done, PingResult ping, String failure) {
    if (due.isBefore(windowStart) || !due.isBefore(windowEnd)) {
      outsideWindow.increment();
      return;
    }
    if (SHUTDOWN.equals(failure)) {
      cancelledAtStop.increment();
      return;
    }
    if (failure != null) {
      errors.computeIfAbsent(failure, k -> new LongAdder()).increment();
      sample("error " + failure + " on " + lineId + ": " + (ping == null ? "" : ping.error()));
      return;
    }
    String mismatch = verifier.mismatch(fleet.linePlan(lineId), ping);
    if (mismatch != null) {
      wrong.increment();
      sample("WRONG " + mismatch);
      return;
    }
    measured.increment();
    long micros = Math.max(0, Duration.between(due, done).toNanos() / 1_000);
    latencies.recordValue(micros);
  }

  private void sample(String text) {
    if (sampleCount.getAndIncrement() < MAX_SAMPLES) {
      samples.add(text);
    }
  }

  /** What was recorded so far (call after the variant has stopped). */
  Summary summary() {
    Histogram h = latencies.getIntervalHistogram();
    Map<String, Long> errs = new TreeMap<>();
    errors.forEach((k, v) -> errs.put(k, v.sum()));
    return new Summary(
        measured.sum(),
        wrong.sum(),
        errs,
        cancelledAtStop.sum(),
        outsideWindow.sum(),
        h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0,
        h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(90) / 1000.0,
        h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0,
        h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
        h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0,
        List.copyOf(samples));
  }

  /**
   * @param measured verified probes due in the window
   * @param wrong parsed results that differ from the plan (any is a failed benchmark)
   * @param errors failed probes due in the window, by failure kind
   * @param cancelledAtStop probes due in the window that the variant's stop cancelled
   * @param outsideWindow outcomes of probes due before or after the window (ignored)
   */
  record Summary(
      long measured,
      long wrong,
      Map<String, Long> errors,
      long cancelledAtStop,
      long outsideWindow,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      double meanMs,
      List<String> samples) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
