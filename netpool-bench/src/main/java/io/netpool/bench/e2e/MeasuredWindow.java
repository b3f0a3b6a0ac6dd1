package io.netpool.bench.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The measured phase of a run, from {@code start} to {@code end} (wall clock): the resource meter
 * and the handshake count are read exactly at those instants by a timer thread. {@link #await}
 * hands the result over a {@code tail} after the end, so that probes due just before the end can
 * finish before the caller stops the variant (a stop would cancel them: counted as not done).
 */
final class MeasuredWindow implements AutoCloseable {
  private final Instant start;
  private final Instant end;
  private final Instant handOver;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "e2e-window");
            t.setDaemon(true);
            return t;
          });
  private final CompletableFuture<Result> result = new CompletableFuture<>();

  /**
   * @param start when the window opens
   * @param end when it closes
   * @param tail how long after {@code end} {@link #await} returns
   */
  MeasuredWindow(
      Instant start, Instant end, Duration tail, ResourceMeter meter, HandshakeCounter handshakes) {
    this.start = start;
    this.end = end;
    this.handOver = end.plus(tail);
    long[] atStart = new long[1];
    timer.schedule(
        () -> {
          atStart[0] = handshakes.created();
          meter.start();
        },
        millisUntil(start),
        TimeUnit.MILLISECONDS);
    // Same single timer thread: the end task sees what the start task wrote.
    timer.schedule(
        () -> {
          try {
            Result r = new Result(meter.stop(), handshakes.created() - atStart[0]);
            timer.schedule(() -> result.complete(r), millisUntil(handOver), TimeUnit.MILLISECONDS);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        },
        millisUntil(end),
        TimeUnit.MILLISECONDS);
  }

  private static long millisUntil(Instant t) {
    return Math.max(0, Duration.between(Instant.now(), t).toMillis());
  }

  double seconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }

  /** Waits until the window closed and its tail passed (at most {@code slack} longer). */
  Result await(Duration slack) throws InterruptedException, TimeoutException {
    try {
      return result.get(millisUntil(handOver) + slack.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("measuring the window failed", e.getCause());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * @param usage CPU, heap and threads in the window
   * @param handshakes SSH sessions the client started in the window
   */
  record Result(ResourceMeter.Usage usage, long handshakes) {}
}
