package io.netpool.monitor.inventory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread an inventory source (file watcher, Zabbix discovery) runs its work on, one
 * task at a time. Closing stops it, interrupting a task in flight, and waits for it, except when
 * called from that thread itself (a listener that closes its own source).
 */
public final class InventoryThread implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InventoryThread.class);

  private final String name;
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread thread;

  public InventoryThread(String name) {
    this.name = name;
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              thread = t;
              return t;
            });
    ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
  }

  public void execute(Runnable task) {
    executor.execute(task);
  }

  public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long periodNanos) {
    return executor.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  public boolean isShutdown() {
    return executor.isShutdown();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("{} thread did not stop within 10 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
