package io.netpool.pool;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners on one thread, in order, through a bounded queue. Publishing never
 * blocks: when the queue is full the event is dropped and counted. A listener that throws is logged
 * and skipped. With no listeners, publishing costs one field read.
 */
final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);
  private static final Consumer<PoolListener> STOP = l -> {};

  private final List<PoolListener> listeners;
  private final BlockingQueue<Consumer<PoolListener>> queue;
  private final LongAdder dropped = new LongAdder();
  private final Thread thread;

  EventBus(List<PoolListener> listeners, int capacity) {
    this.listeners = List.copyOf(listeners);
    if (this.listeners.isEmpty()) {
      this.queue = null;
      this.thread = null;
    } else {
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.thread = Thread.ofPlatform().daemon().name("netpool-events").unstarted(this::run);
      this.thread.start();
    }
  }

  /** True when anyone listens; callers skip building events (and reading clocks) otherwise. */
  boolean active() {
    return queue != null;
  }

  void publish(Consumer<PoolListener> event) {
    if (queue != null && !queue.offer(event)) {
      dropped.increment();
    }
  }

  long dropped() {
    return dropped.sum();
  }

  private void run() {
    try {
      while (true) {
        Consumer<PoolListener> event = queue.take();
        if (event == STOP) {
          return;
        }
        for (PoolListener l : listeners) {
          try {
            event.accept(l);
          } catch (RuntimeException | Error e) {
            log.warn("pool listener {} threw; event skipped", l.getClass().getName(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Delivers what is queued, then stops the thread (bounded wait). */
  void close(long timeoutMillis) {
    if (thread == null) {
      return;
    }
    try {
      if (!queue.offer(STOP, timeoutMillis, TimeUnit.MILLISECONDS)) {
        thread.interrupt();
      }
      thread.join(timeoutMillis);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(timeoutMillis);
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
