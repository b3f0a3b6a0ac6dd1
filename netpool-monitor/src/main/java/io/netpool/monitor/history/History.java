package io.netpool.monitor.history;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of a running monitor, wired: the file in the state folder, its writer (a {@link
 * io.netpool.monitor.sink.ResultSink}), the query behind {@code /api/lines/<id>/history}, and the
 * metrics.
 *
 * @param writer the sink to add to the monitor; closing it flushes and closes the file
 * @param query what the HTTP endpoint reads
 */
public record History(HistoryWriter writer, HistoryQuery query) {
  private static final Logger log = LoggerFactory.getLogger(History.class);

  /**
   * Opens {@code stateDir/history.sqlite} and starts its writer.
   *
   * @throws IOException naming the file when it cannot be opened
   */
  public static History open(Path stateDir, HistorySettings settings, MeterRegistry registry)
      throws IOException {
    HistoryStore store;
    try {
      store = HistoryStore.open(stateDir.resolve(HistoryStore.FILE_NAME), settings);
    } catch (HistoryException e) {
      throw new IOException(e.getMessage(), e);
    }
    HistoryWriter writer =
        new HistoryWriter(
            store, settings.queueSize(), Clock.systemUTC(), HistoryMetrics.writeTimer(registry));
    HistoryMetrics.register(registry, writer, store);
    log.info(
        "history in {}: raw results for {}, 5-minute rollups for {}",
        store.file(),
        settings.rawRetention(),
        settings.rollupRetention());
    return new History(writer, new HistoryQuery(store.reads(), settings));
  }
}
