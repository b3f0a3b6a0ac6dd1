package io.netpool.monitor.history;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Prometheus meters of the history: {@code netpool_history_results_written_total}, {@code
 * netpool_history_dropped_total{reason}} ({@code queue_full}, {@code write_error}), {@code
 * netpool_history_queue_depth}, {@code netpool_history_write_duration_seconds} (one batch) and
 * {@code netpool_history_file_bytes}.
 */
public final class HistoryMetrics {
  private HistoryMetrics() {}

  /** The timer of batch writes, as the writer's {@code writeNanos}. */
  public static LongConsumer writeTimer(MeterRegistry registry) {
    Timer t =
        Timer.builder("netpool.history.write.duration")
            .description("time to write one batch of results to the history file")
            .register(registry);
    return nanos -> t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Registers the writer's and the file's meters. */
  public static void register(MeterRegistry registry, HistoryWriter writer, HistoryStore store) {
    FunctionCounter.builder("netpool.history.results.written", writer, HistoryWriter::written)
        .description("check results written to the history file")
        .register(registry);
    FunctionCounter.builder(
            "netpool.history.dropped", writer, w -> w.dropped() - w.droppedByWriteErrors())
        .description("check results not kept in the history")
        .tag("reason", "queue_full")
        .register(registry);
    FunctionCounter.builder("netpool.history.dropped", writer, HistoryWriter::droppedByWriteErrors)
        .description("check results not kept in the history")
        .tag("reason", "write_error")
        .register(registry);
    Gauge.builder("netpool.history.queue.depth", writer, HistoryWriter::queued)
        .description("check results waiting for the history writer")
        .register(registry);
    Gauge.builder("netpool.history.file", store, HistoryStore::fileBytes)
        .description("size of the history file and its write-ahead log")
        .baseUnit("bytes")
        .register(registry);
  }
}
