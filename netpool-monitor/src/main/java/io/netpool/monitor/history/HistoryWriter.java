package io.netpool.monitor.history;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.sink.ResultSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every result in the history, off the check path: {@link #accept} only offers the result to
 * a bounded queue and never waits, so a slow disk never delays a check. One thread, {@code
 * netpool-history}, writes what is queued in batches (one transaction each), rolls closed buckets
 * up every {@link #ROLLUP_EVERY} and enforces retention every {@link #RETENTION_EVERY}.
 *
 * <p>When the queue is full (the disk is slower than the checks), new results are dropped and
 * counted ({@link #dropped()}); the first drop of an episode is logged, and the end of the episode
 * with its count. {@link #close()} writes what is queued, then closes the file.
 */
public final class HistoryWriter implements ResultSink {
  private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

  static final Duration ROLLUP_EVERY = Duration.ofSeconds(30);
  static final Duration RETENTION_EVERY = Duration.ofMinutes(10);
  static final int MAX_BATCH = 2_000;
  // Buckets rolled up per pass while catching up (after a restart): the queue is drained between.
  static final int ROLLUP_BUCKETS_PER_PASS = 12;
  private static final long IDLE_POLL_MS = 1_000;
  private static final Object STOP = new Object();

  private final HistoryWrites writes;
  private final Clock clock;
  private final LongConsumer writeNanos;
  private final BlockingQueue<Object> queue;
  private final int capacity;
  private final Thread thread;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong writeErrors = new AtomicLong();
  private final AtomicLong droppedByWriteErrors = new AtomicLong();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private final AtomicLong droppedBeforeEpisode = new AtomicLong();
  private volatile String problem;
  private volatile boolean closed;

  /**
   * Starts the writer thread.
   *
   * @param writes the history file (closed by {@link #close()})
   * @param queueSize results waiting at most
   * @param writeNanos receives the duration of each batch's write (for the latency metric)
   */
  public HistoryWriter(HistoryWrites writes, int queueSize, Clock clock, LongConsumer writeNanos) {
    this.writes = Objects.requireNonNull(writes, "writes");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writeNanos = Objects.requireNonNull(writeNanos, "writeNanos");
    this.capacity = queueSize;
    this.queue = new ArrayBlockingQueue<>(queueSize + 1); // + 1: room for STOP
    this.thread = Thread.ofPlatform().name("netpool-history").daemon().unstarted(this::run);
    thread.start();
  }

  @Override
  public void accept(CheckResult result) {
    if (closed) {
      return;
    }
    if (queue.size() < capacity && queue.offer(result)) {
      return;
    }
    long n = dropped.incrementAndGet();
    if (dropping.compareAndSet(false, true)) {
      droppedBeforeEpisode.set(n - 1);
      log.warn(
          "history: the writer is behind ({} results queued); new results are not kept until it"
              + " catches up (counted in netpool_history_dropped_total)",
          capacity);
    }
  }

  /** Results written to the file. */
  public long written() {
    return written.get();
  }

  /** Results not kept: the queue was full, or their write failed. */
  public long dropped() {
    return dropped.get();
  }

  /** Results not kept because their write failed (part of {@link #dropped()}). */
  public long droppedByWriteErrors() {
    return droppedByWriteErrors.get();
  }

  /** Batches whose write failed. */
  public long writeErrors() {
    return writeErrors.get();
  }

  /** Results waiting for the writer. */
  public int queued() {
    return queue.size();
  }

  @Override
  public String problem() {
    return problem;
  }

  private void run() {
    long now = clock.millis();
    long nextRollup = now;
    long nextRetention = now;
    List<CheckResult> batch = new ArrayList<>(MAX_BATCH);
    boolean stop = false;
    while (!stop) {
      stop = take(batch, now < nextRollup ? Math.min(IDLE_POLL_MS, nextRollup - now) : 0);
      // STOP may have found no room when racing offers filled its reserved slot
      stop |= closed && queue.isEmpty();
      write(batch);
      now = clock.millis();
      if (now >= nextRollup || stop) {
        nextRollup =
            maintain(() -> writes.rollUp(clock.millis(), ROLLUP_BUCKETS_PER_PASS))
                ? now // behind: another pass right after the next batch
                : now + ROLLUP_EVERY.toMillis();
      }
      if (now >= nextRetention && !stop) {
        maintain(() -> logged(writes.enforceRetention(clock.millis())));
        nextRetention = now + RETENTION_EVERY.toMillis();
      }
    }
  }

  /** Fills {@code batch}; true when STOP was taken (the queue is then empty). */
  private boolean take(List<CheckResult> batch, long waitMs) {
    batch.clear();
    Object first;
    try {
      first = waitMs <= 0 ? queue.poll() : queue.poll(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    List<Object> taken = new ArrayList<>();
    if (first != null) {
      taken.add(first);
      queue.drainTo(taken, MAX_BATCH - 1);
    }
    boolean stop = false;
    for (Object o : taken) {
      if (o == STOP) {
        stop = true;
      } else {
        batch.add((CheckResult) o);
      }
    }
    return stop;
  }

  private void write(List<CheckResult> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      writes.append(batch, clock.millis());
      written.addAndGet(batch.size());
      problem = null;
    } catch (HistoryException e) {
      writeErrors.incrementAndGet();
      dropped.addAndGet(batch.size());
      droppedByWriteErrors.addAndGet(batch.size());
      if (problem == null) {
        log.error("history: {}; {} results not kept", e.getMessage(), batch.size());
      }
      problem = "history: " + e.getMessage();
    }
    writeNanos.accept(System.nanoTime() - t0);
    if (dropping.get() && queue.size() < capacity / 2 && dropping.compareAndSet(true, false)) {
      log.info(
          "history: the writer caught up; {} results were not kept meanwhile",
          dropped.get() - droppedBeforeEpisode.get());
    }
  }

  private interface Maintenance {
    boolean run();
  }

  /** Runs a rollup or retention pass; a failure is logged and retried at the next pass. */
  private boolean maintain(Maintenance m) {
    try {
      return m.run();
    } catch (HistoryException e) {
      log.error("history: {}", e.getMessage());
      return false;
    }
  }

  private static boolean logged(HistoryStore.Retention r) {
    if (r.rawRows() + r.rollupRows() > 0) {
      log.debug(
          "history retention: {} raw rows and {} rollups deleted", r.rawRows(), r.rollupRows());
    }
    return false;
  }

  /** Writes what is queued, rolls up what is due, and closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.offer(STOP); // room is reserved for it
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("history: interrupted while writing the last results; the file stays consistent");
      return;
    }
    writes.close();
    log.info("history closed: {} results written, {} not kept", written.get(), dropped.get());
  }
}
