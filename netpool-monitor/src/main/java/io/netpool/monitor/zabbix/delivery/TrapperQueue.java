package io.netpool.monitor.zabbix.delivery;

import io.netpool.monitor.ping.PingResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers values to one Zabbix server or proxy with the trapper protocol, in the background.
 *
 * <ul>
 *   <li>{@link #offer} never blocks: values go into a bounded in-memory buffer; when it is full the
 *       oldest value is dropped and counted ({@link #droppedValues()}).
 *   <li>One background thread takes up to {@code batchSize} values per request (waiting up to
 *       {@code linger} for a batch to fill) and sends them, in offer order, on a fresh connection.
 *   <li>A failed request (connection, timeout, broken reply) puts its values back at the head of
 *       the buffer and is retried after an exponential backoff ({@code initialBackoff} doubled per
 *       failure, capped at {@code maxBackoff}, reset by a success). Delivery is at least once: a
 *       request that timed out may have been processed and is sent again.
 *   <li>An explicit non-success answer ({@code "response":"failed"}) is not retried: the batch is
 *       dropped and counted in {@link #rejectedValues()}.
 *   <li>Values the server did not accept (the {@code failed} count in its {@code info}) are logged
 *       and counted in {@link #failedValues()}; they are not retried, as the same values would be
 *       refused again.
 *   <li>{@link #close()} stops taking values and keeps delivering for at most {@code closeTimeout};
 *       what is still buffered then is counted in {@link #lostOnClose()} and logged.
 * </ul>
 *
 * <p>With a {@link ZabbixSpool} (durable delivery, docs/zabbix.md) the in-memory buffer is only a
 * hand-off: a second thread, the <em>spool writer</em>, moves its values into the spool file at
 * once (all values of one offer in one transaction) and enforces the spool's bounds; the sender
 * reads its batches from the spool and deletes them only after Zabbix answered, so a value is sent
 * again (twice at most) only when the process dies between the answer and the delete. A failed
 * request needs no put-back: its values are still in the spool. {@link #close()} leaves what was
 * not delivered in the spool for the next start ({@link #keptOnClose()}).
 *
 * <p>The buffer and the sink's lifecycle are a {@link TrapperBuffer} (one lock, held by no thread
 * during I/O); the spool writer is a {@link SpoolWriter}; this class starts and stops the threads,
 * sends, retries and reports.
 *
 * <p>All counters are cumulative and readable from any thread (for Prometheus and the status page).
 */
public final class TrapperQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrapperQueue.class);
  private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final TrapperQueueConfig config;
  private final ZabbixSender sender;
  private final PingResultItems items;
  private final String target;
  private final TrapperBuffer buffer;
  private final Thread worker;
  private final ZabbixSpool spool;
  private final SpoolWriter spoolWriter;
  private final Thread spoolWriterThread;

  private final AtomicLong sentValues = new AtomicLong();
  private final AtomicLong processedValues = new AtomicLong();
  private final AtomicLong failedValues = new AtomicLong();
  private final AtomicLong rejectedValues = new AtomicLong();
  private final AtomicLong lostOnClose = new AtomicLong();
  private final AtomicLong keptOnClose = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failedRequests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean failing;
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

  /** A sink for the configured server; call {@link #start()} to begin delivering. */
  public TrapperQueue(TrapperQueueConfig config) {
    this(
        config,
        new ZabbixSender(
            config.serverHost(),
            config.serverPort(),
            config.connectTimeout(),
            config.readTimeout(),
            config.maxReplyBytes(),
            Clock.systemUTC()));
  }

  /** A sink using the given sender (its own timeouts apply, not the config's). */
  public TrapperQueue(TrapperQueueConfig config, ZabbixSender sender) {
    this(config, sender, null);
  }

  /**
   * A sink whose values go through a spool (null: in memory only). The queue uses and closes the
   * spool.
   */
  public TrapperQueue(TrapperQueueConfig config, ZabbixSender sender, ZabbixSpool spool) {
    this.config = Objects.requireNonNull(config, "config");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.items = new PingResultItems(config.itemKeys());
    this.target = sender.target();
    this.spool = spool;
    this.buffer = new TrapperBuffer(config);
    this.worker = Thread.ofVirtual().name("zabbix-sink-" + target).unstarted(this::run);
    this.spoolWriter =
        spool == null ? null : new SpoolWriter(buffer, spool, target, this::failing, lastError);
    this.spoolWriterThread =
        spool == null
            ? null
            : Thread.ofVirtual().name("zabbix-spool-" + target).unstarted(spoolWriter);
  }

  /** A sink for the configured server whose values go through the spool. */
  public static TrapperQueue spooled(TrapperQueueConfig config, ZabbixSpool spool) {
    return new TrapperQueue(
        config,
        new ZabbixSender(
            config.serverHost(),
            config.serverPort(),
            config.connectTimeout(),
            config.readTimeout(),
            config.maxReplyBytes(),
            Clock.systemUTC()),
        Objects.requireNonNull(spool, "spool"));
  }

  private void startThreads() {
    worker.start();
    if (spoolWriterThread != null) {
      spoolWriterThread.start();
    }
  }

  /** Starts the background sender. Values offered before are kept and sent first. */
  public void start() {
    if (!buffer.markStarted(target)) {
      return;
    }
    startThreads();
    log.info(
        "Zabbix sink started: target={} batchSize={} bufferCapacity={} spool={} spooledValues={}",
        target,
        config.batchSize(),
        config.bufferCapacity(),
        spool == null ? "none (in memory)" : spool.file(),
        spool == null ? 0 : spool.values());
  }

  /** Releases a queue that was never started (it lost a race to another one); sends nothing. */
  public void discard() {
    buffer.markDiscarded(target);
    if (spool != null) {
      spool.close();
    }
  }

  public TrapperQueueConfig config() {
    return config;
  }

  /** The mapping of ping results to items used by {@link #offerResult}. */
  public PingResultItems items() {
    return items;
  }

  /**
   * Queues one value without blocking.
   *
   * @return false when the sink is closed (the value is counted in {@link #rejectedOffers()})
   */
  public boolean offer(ZabbixValue value) {
    Objects.requireNonNull(value, "value");
    return offerAll(List.of(value)) == 1;
  }

  /**
   * Queues values in order, without blocking.
   *
   * @return how many were accepted: all, or 0 when the sink is closed
   */
  public int offerAll(Collection<ZabbixValue> values) {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      return 0;
    }
    TrapperBuffer.Offered offered = buffer.offerAll(values);
    if (offered.firstDropOfOutage()) {
      log.warn(
          "Zabbix sink buffer full (capacity {}), dropping the oldest values: target={}"
              + " lastError={}",
          config.bufferCapacity(),
          target,
          lastError.get());
    }
    return offered.accepted();
  }

  /**
   * Maps a line's result with the configured item keys and queues the values.
   *
   * @param host the line's Zabbix host (technical name)
   * @param result the check's result
   * @param checkedAt when the check ran
   * @return values accepted (0 when closed)
   */
  public int offerResult(String host, PingResult result, Instant checkedAt) {
    return offerAll(items.toValues(host, result, checkedAt));
  }

  /**
   * Stops accepting values, delivers what is buffered within {@code closeTimeout}, then reports
   * (log and {@link #lostOnClose()}) what could not be delivered. Idempotent. A sink that was never
   * started is started for the drain.
   */
  @Override
  public void close() {
    if (buffer.beginClose(config.closeTimeout().toNanos())) {
      startThreads();
    }
    boolean interrupted = false;
    try {
      if (!worker.join(config.closeTimeout().plusNanos(CLOSE_GRACE_NANOS))) {
        // Stuck in a send that began before close(): interrupting a virtual thread in socket I/O
        // closes the socket.
        worker.interrupt();
        worker.join(Duration.ofNanos(CLOSE_GRACE_NANOS));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (spool != null) {
      interrupted |= closeSpool();
    }
    long lost = buffer.undelivered(worker.isAlive());
    if (lost == 0 || !lostOnClose.compareAndSet(0, lost)) {
      lost = 0; // nothing lost, or already reported by an earlier close()
    }
    if (spool != null && keptOnClose.get() > 0) {
      log.info(
          "Zabbix sink closed, {} undelivered values kept in the spool for the next start:"
              + " target={} spool={} lastError={}",
          keptOnClose.get(),
          target,
          spool.file(),
          lastError.get());
    }
    if (lost > 0) {
      log.warn(
          "Zabbix sink closed with {} undelivered values lost: target={} closeTimeout={}"
              + " lastError={}",
          lost,
          target,
          config.closeTimeout(),
          lastError.get());
    } else {
      log.info(
          "Zabbix sink closed: target={} sent={} failedByServer={} dropped={}",
          target,
          sentValues.get(),
          failedValues.get(),
          buffer.dropped());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- background sender ----

  private void run() {
    long backoffNanos = 0;
    long failuresInRow = 0;
    try {
      while (true) {
        List<ZabbixValue> batch;
        List<ZabbixSpool.Spooled> spooled = null;
        if (spool == null) {
          batch = buffer.takeBatch();
        } else {
          try {
            spooled = buffer.awaitSpooled(spool) ? spool.head(config.batchSize()) : null;
          } catch (SpoolException e) {
            lastError.set(e.getMessage());
            log.error(
                "Zabbix sink cannot read its spool, retry in {}: {}",
                config.maxBackoff(),
                e.getMessage());
            if (!buffer.awaitBackoff(config.maxBackoff().toNanos())) {
              return;
            }
            continue;
          }
          batch =
              spooled == null ? null : spooled.stream().map(ZabbixSpool.Spooled::value).toList();
        }
        if (batch == null) {
          return;
        }
        if (batch.isEmpty()) {
          continue;
        }
        long deadline = buffer.closeDeadlineOrZero();
        try {
          SenderResponse response = sender.send(batch, deadline);
          forget(spooled);
          delivered(batch, response, failuresInRow);
          failing = false;
          backoffNanos = 0;
          failuresInRow = 0;
        } catch (ZabbixSenderException e) {
          failedRequests.incrementAndGet();
          lastError.set(e.getMessage());
          if (!e.retryable()) {
            buffer.finishInFlight();
            forget(spooled);
            rejectedValues.addAndGet(batch.size());
            log.error(
                "Zabbix refused a request, {} values dropped: target={} error={}",
                batch.size(),
                target,
                e.getMessage());
            continue;
          }
          if (spool == null) {
            buffer.putBack(batch);
          } // else still in the spool
          failing = true;
          failuresInRow++;
          backoffNanos =
              backoffNanos == 0
                  ? config.initialBackoff().toNanos()
                  : Math.min(backoffNanos * 2, config.maxBackoff().toNanos());
          if (failuresInRow == 1) {
            log.warn(
                "Zabbix send failed, {} values kept for retry in {}: target={} error={}",
                batch.size(),
                Duration.ofNanos(backoffNanos),
                target,
                e.getMessage());
          } else {
            log.debug(
                "Zabbix send failed again ({} in a row), retry in {}: target={} error={}",
                failuresInRow,
                Duration.ofNanos(backoffNanos),
                target,
                e.getMessage());
          }
          if (!buffer.awaitBackoff(backoffNanos)) {
            return;
          }
          retries.incrementAndGet();
        } catch (RuntimeException e) {
          // Not expected; do not let one bad batch kill the sender or loop on it forever.
          buffer.finishInFlight();
          forget(spooled);
          failedRequests.incrementAndGet();
          rejectedValues.addAndGet(batch.size());
          lastError.set(e.toString());
          log.error("Zabbix sink dropped a batch of {} after an internal error", batch.size(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes what Zabbix answered for from the spool; a failure means it is sent again. */
  private void forget(List<ZabbixSpool.Spooled> spooled) {
    if (spooled == null) {
      return;
    }
    try {
      spool.remove(spooled);
    } catch (SpoolException e) {
      lastError.set(e.getMessage());
      log.error(
          "Zabbix sink cannot delete {} delivered values from its spool, they will be sent again: {}",
          spooled.size(),
          e.getMessage());
    }
  }

  /** Waits for the spool writer, counts what stays for the next start and closes the file. */
  private boolean closeSpool() {
    boolean interrupted = false;
    try {
      if (!spoolWriterThread.join(Duration.ofSeconds(10))) {
        log.warn("Zabbix spool writer still busy at close: target={}", target);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (!spoolWriterThread.isAlive() && !worker.isAlive()) {
      keptOnClose.set(spool.values());
      spool.close();
    }
    return interrupted;
  }

  private void delivered(List<ZabbixValue> batch, SenderResponse response, long failuresBefore) {
    long outageDrops = buffer.deliveredTakingOutageDrops();
    requests.incrementAndGet();
    sentValues.addAndGet(batch.size());
    processedValues.addAndGet(response.processed());
    failedValues.addAndGet(response.failed());
    lastSuccess.set(Instant.now());
    if (failuresBefore > 0 || outageDrops > 0) {
      log.info(
          "Zabbix reachable again after {} failed attempts, {} values dropped meanwhile: target={}",
          failuresBefore,
          outageDrops,
          target);
    }
    if (response.failed() > 0) {
      log.warn(
          "Zabbix did not accept {} of {} values (processed {}): target={} sample={} -- check"
              + " that the hosts and item keys exist, the items are of type Zabbix trapper with a"
              + " matching type of information, and their allowed hosts include this sender",
          response.failed(),
          response.total(),
          response.processed(),
          target,
          sample(batch));
    } else {
      log.debug("Zabbix accepted {} values: target={}", response.processed(), target);
    }
    if (response.total() != batch.size()) {
      log.warn(
          "Zabbix reported total {} for a request of {} values: target={}",
          response.total(),
          batch.size(),
          target);
    }
  }

  private static String sample(List<ZabbixValue> batch) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(3, batch.size()); i++) {
      ZabbixValue v = batch.get(i);
      sb.append(i == 0 ? "" : ", ").append(v.host()).append(':').append(v.key());
    }
    return sb.append(batch.size() > 3 ? ", ...]" : "]").toString();
  }

  // ---- counters ----

  /** Values accepted by {@link #offer}/{@link #offerAll}. */
  public long offeredValues() {
    return buffer.offered();
  }

  /** Values waiting in the buffer (and the spool) plus those in the request being sent. */
  public long bufferedValues() {
    return buffer.buffered(spool);
  }

  /** Oldest values dropped because the buffer was full. */
  public long droppedValues() {
    return buffer.dropped();
  }

  /** Values offered after close. */
  public long rejectedOffers() {
    return buffer.rejectedOffers();
  }

  /** Values in requests the server answered with success (processed or failed). */
  public long sentValues() {
    return sentValues.get();
  }

  /** Sum of the server's {@code processed} counts. */
  public long processedValues() {
    return processedValues.get();
  }

  /** Sum of the server's {@code failed} counts: values Zabbix did not accept. */
  public long failedValues() {
    return failedValues.get();
  }

  /** Values in requests the server refused outright (non-success response), not retried. */
  public long rejectedValues() {
    return rejectedValues.get();
  }

  /** The spool, or null when values are kept in memory only. */
  public ZabbixSpool spool() {
    return spool;
  }

  /** Values left in the spool by {@link #close()}, sent at the next start. */
  public long keptOnClose() {
    return keptOnClose.get();
  }

  /** Values lost because the spool could not store them. */
  public long spoolWriteErrors() {
    return spoolWriter == null ? 0 : spoolWriter.writeErrors();
  }

  /** Values still undelivered when {@link #close()} gave up. */
  public long lostOnClose() {
    return lostOnClose.get();
  }

  /** Requests answered with success. */
  public long requests() {
    return requests.get();
  }

  /** Request attempts that failed (connection, timeout, bad reply, refused). */
  public long failedRequests() {
    return failedRequests.get();
  }

  /** Attempts made again after a failure and its backoff. */
  public long retries() {
    return retries.get();
  }

  /** True from a failed send (values kept for retry) until the next successful one. */
  public boolean failing() {
    return failing;
  }

  /** Message of the last failure, or null. */
  public String lastError() {
    return lastError.get();
  }

  /** When the last request succeeded, or null. */
  public Instant lastSuccess() {
    return lastSuccess.get();
  }
}
