package io.netpool.monitor.zabbix.delivery;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool writer of a spooled {@link TrapperQueue}, run on a thread of its own: moves the
 * hand-off buffer into the spool, one transaction per take, and keeps the spool in its bounds (also
 * once a minute when idle, for the age bound). Ends when the sink is closing and the buffer is
 * empty.
 */
final class SpoolWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TrapperQueue.class);
  private static final long IDLE_CHECK_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final TrapperBuffer buffer;
  private final ZabbixSpool spool;
  private final String target;
  private final BooleanSupplier failing;
  private final AtomicReference<String> lastError;
  private final AtomicLong writeErrors = new AtomicLong();

  /**
   * @param failing whether the sender is in an outage (a drop warning is repeated only after it)
   * @param lastError where a spool error is reported to the sink's status
   */
  SpoolWriter(
      TrapperBuffer buffer,
      ZabbixSpool spool,
      String target,
      BooleanSupplier failing,
      AtomicReference<String> lastError) {
    this.buffer = buffer;
    this.spool = spool;
    this.target = target;
    this.failing = failing;
    this.lastError = lastError;
  }

  /** Values lost because the spool could not store them. */
  long writeErrors() {
    return writeErrors.get();
  }

  @Override
  public void run() {
    boolean warnedDrops = false;
    boolean warnedWrite = false;
    try {
      while (true) {
        List<ZabbixValue> chunk = buffer.takeForSpool(IDLE_CHECK_NANOS);
        if (chunk == null) {
          return;
        }
        try {
          spool.append(chunk);
          warnedWrite = false;
        } catch (SpoolException e) {
          writeErrors.addAndGet(chunk.size());
          lastError.set(e.getMessage());
          if (!warnedWrite) {
            warnedWrite = true;
            log.error(
                "Zabbix sink lost {} values, the spool refused them: {}",
                chunk.size(),
                e.getMessage());
          }
        }
        buffer.appended();
        warnedDrops = enforceBounds(warnedDrops);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      buffer.writerDone();
    }
  }

  /** Trims the spool to its bounds; warns once per outage. Returns whether it has warned. */
  private boolean enforceBounds(boolean warnedDrops) {
    try {
      ZabbixSpool.Dropped d = spool.enforceBounds();
      if (d.any() && !warnedDrops) {
        log.warn(
            "Zabbix spool full, dropping the oldest values (by size {}, by age {}; further drops"
                + " of this outage are only counted): target={} spooled={} bytes={}",
            d.bySize(),
            d.byAge(),
            target,
            spool.values(),
            spool.bytes());
        return true;
      }
      if (!d.any() && !failing.getAsBoolean()) {
        return false; // the episode is over once Zabbix takes values again
      }
    } catch (SpoolException e) {
      log.error("Zabbix sink cannot trim its spool: {}", e.getMessage());
    }
    return warnedDrops;
  }
}
