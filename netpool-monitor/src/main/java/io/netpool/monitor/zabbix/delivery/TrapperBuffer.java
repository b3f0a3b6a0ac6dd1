package io.netpool.monitor.zabbix.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The hand-off inside a {@link TrapperQueue}: a bounded FIFO of values between the offering
 * threads, the sender and the spool writer, together with the sink's lifecycle (started, closing,
 * the close deadline). One lock and one condition guard all of it; every method takes the lock for
 * its own work only, and no caller holds it during I/O (sending, spool reads and writes happen
 * outside, between calls).
 */
final class TrapperBuffer {
  /** What {@link #offerAll} did. */
  record Offered(int accepted, boolean firstDropOfOutage) {}

  private final int capacity;
  private final int batchSize;
  private final long lingerNanos;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private final ArrayDeque<ZabbixValue> values = new ArrayDeque<>();
  private int inFlight; // taken by the sender, not yet answered
  private int appending; // taken by the spool writer, not yet in the spool
  private boolean started;
  private boolean closing;
  private boolean writerDone;
  private long closeDeadlineNanos;
  private long droppedInOutage;

  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejectedOffers = new AtomicLong();

  TrapperBuffer(TrapperQueueConfig config) {
    this.capacity = config.bufferCapacity();
    this.batchSize = config.batchSize();
    this.lingerNanos = config.linger().toNanos();
  }

  // ---- lifecycle ----

  /**
   * Marks the sink started. False when it already was; throws when it is closed.
   *
   * @param target named in the exception
   */
  boolean markStarted(String target) {
    lock.lock();
    try {
      if (closing) {
        throw new IllegalStateException("sink for " + target + " is closed");
      }
      if (started) {
        return false;
      }
      started = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Closes a sink that was never started; throws when it was. */
  void markDiscarded(String target) {
    lock.lock();
    try {
      if (started) {
        throw new IllegalStateException("sink for " + target + " was started");
      }
      closing = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Begins closing with a deadline {@code timeoutNanos} from now (only the first call counts) and
   * wakes every waiter. True when the sink was never started, so the caller starts its threads for
   * the drain.
   */
  boolean beginClose(long timeoutNanos) {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      closing = true;
      closeDeadlineNanos = System.nanoTime() + timeoutNanos;
      changed.signalAll();
      if (started) {
        return false;
      }
      started = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The close deadline, or 0 while the sink is not closing. */
  long closeDeadlineOrZero() {
    lock.lock();
    try {
      return closing ? closeDeadlineNanos : 0L;
    } finally {
      lock.unlock();
    }
  }

  /** Values not delivered: buffered, being spooled, and in flight if the sender is still alive. */
  long undelivered(boolean senderAlive) {
    lock.lock();
    try {
      return values.size() + appending + (senderAlive ? inFlight : 0);
    } finally {
      lock.unlock();
    }
  }

  // ---- offering threads ----

  /**
   * Appends values in order, dropping the oldest beyond capacity; accepts none when closing. Wakes
   * the sender when the buffer was empty or a batch is full.
   */
  Offered offerAll(Collection<ZabbixValue> offeredValues) {
    lock.lock();
    try {
      if (closing) {
        rejectedOffers.addAndGet(offeredValues.size());
        return new Offered(0, false);
      }
      int drops = 0;
      for (ZabbixValue v : offeredValues) {
        Objects.requireNonNull(v, "value");
        if (values.size() >= capacity) {
          values.pollFirst();
          drops++;
        }
        values.addLast(v);
      }
      boolean firstDrop = false;
      if (drops > 0) {
        dropped.addAndGet(drops);
        firstDrop = droppedInOutage == 0;
        droppedInOutage += drops;
      }
      offered.addAndGet(offeredValues.size());
      int size = values.size();
      if (size == offeredValues.size() || size >= Math.min(batchSize, capacity)) {
        changed.signalAll();
      }
      return new Offered(offeredValues.size(), firstDrop);
    } finally {
      lock.unlock();
    }
  }

  // ---- the sender, in memory ----

  /**
   * Waits for values, then for the batch to fill up to {@code linger}, and removes up to {@code
   * batchSize} values from the head. Null when the sink is closed and done (buffer empty or close
   * deadline passed).
   */
  List<ZabbixValue> takeBatch() throws InterruptedException {
    lock.lock();
    try {
      while (values.isEmpty()) {
        if (closing) {
          return null;
        }
        changed.await();
      }
      if (!lingerForBatch(values::size)) {
        return null;
      }
      int n = Math.min(batchSize, values.size());
      List<ZabbixValue> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(values.pollFirst());
      }
      inFlight = n;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a failed batch to the head of the buffer, dropping the oldest beyond capacity. */
  void putBack(List<ZabbixValue> batch) {
    lock.lock();
    try {
      inFlight = 0;
      for (int i = batch.size() - 1; i >= 0; i--) {
        values.addFirst(batch.get(i));
      }
      int over = values.size() - capacity;
      if (over > 0) {
        for (int i = 0; i < over; i++) {
          values.pollFirst();
        }
        dropped.addAndGet(over);
        droppedInOutage += over;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The request in flight ended without a put-back (answered, refused or dropped). */
  void finishInFlight() {
    lock.lock();
    try {
      inFlight = 0;
    } finally {
      lock.unlock();
    }
  }

  /** A request succeeded: ends the one in flight and returns the drops of the outage before it. */
  long deliveredTakingOutageDrops() {
    lock.lock();
    try {
      inFlight = 0;
      long drops = droppedInOutage;
      droppedInOutage = 0;
      return drops;
    } finally {
      lock.unlock();
    }
  }

  // ---- the sender and the spool writer, with a spool ----

  /**
   * Waits until the spool holds values, then for a batch to fill up to {@code linger}. False when
   * the sink is closed and done (spool writer finished and spool empty, or close deadline passed).
   */
  boolean awaitSpooled(ZabbixSpool spool) throws InterruptedException {
    lock.lock();
    try {
      while (spool.values() == 0) {
        if (closing && writerDone) {
          return false;
        }
        changed.await();
      }
      return lingerForBatch(spool::values);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The spool writer's take: everything buffered, after waiting up to {@code idleNanos} for values.
   * Empty when none came (the writer still trims the spool); null when closing and empty.
   */
  List<ZabbixValue> takeForSpool(long idleNanos) throws InterruptedException {
    lock.lock();
    try {
      if (values.isEmpty() && !closing) {
        changed.awaitNanos(idleNanos);
      }
      if (values.isEmpty() && closing) {
        return null;
      }
      List<ZabbixValue> chunk = new ArrayList<>(values);
      values.clear();
      appending = chunk.size();
      return chunk;
    } finally {
      lock.unlock();
    }
  }

  /** The spool writer's chunk is in the spool (or lost): wakes the sender. */
  void appended() {
    lock.lock();
    try {
      appending = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The spool writer has ended. */
  void writerDone() {
    lock.lock();
    try {
      writerDone = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Values waiting here and in the spool plus those in the request being sent. */
  long buffered(ZabbixSpool spool) {
    lock.lock();
    try {
      return values.size() + inFlight + appending + (spool == null ? 0 : spool.values());
    } finally {
      lock.unlock();
    }
  }

  // ---- backoff ----

  /**
   * Waits out a backoff. Returns early (true) when close() is called meanwhile, so the drain starts
   * at once; returns false when the close deadline has passed.
   */
  boolean awaitBackoff(long nanos) throws InterruptedException {
    lock.lock();
    try {
      boolean closingAtStart = closing;
      long until = System.nanoTime() + nanos;
      while (true) {
        if (closing) {
          long leftToClose = closeDeadlineNanos - System.nanoTime();
          if (leftToClose <= 0) {
            return false;
          }
          if (!closingAtStart) {
            return true;
          }
        }
        long now = System.nanoTime();
        long wait = until - now;
        if (closing) {
          wait = Math.min(wait, closeDeadlineNanos - now);
        }
        if (wait <= 0) {
          return !closing || closeDeadlineNanos - System.nanoTime() > 0;
        }
        changed.awaitNanos(wait);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * With the lock held: waits up to {@code linger} for {@code size} to reach a batch unless
   * closing; false when the close deadline has passed.
   */
  private boolean lingerForBatch(LongSupplier size) throws InterruptedException {
    long left = lingerNanos;
    while (!closing && left > 0 && size.getAsLong() < batchSize) {
      left = changed.awaitNanos(left);
    }
    return !(closing && System.nanoTime() - closeDeadlineNanos >= 0);
  }

  // ---- counters ----

  long offered() {
    return offered.get();
  }

  long dropped() {
    return dropped.get();
  }

  long rejectedOffers() {
    return rejectedOffers.get();
  }
}
