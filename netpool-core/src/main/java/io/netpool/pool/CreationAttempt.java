package io.netpool.pool;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session creation on a worker thread, raced against its createTimeout. Exactly one of
 * "created", "failed" and "timed out" settles the attempt (a CAS). A driver that arrives after the
 * attempt was settled as timed out is closed at once, so a slow device can never leak a session or
 * a permit.
 */
final class CreationAttempt implements Runnable {
  private final KeyedDevicePool pool;
  private final DeviceSlot slot;
  private final Device device;
  private final int generation;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile Thread thread;
  private volatile ScheduledFuture<?> timeoutTask;

  CreationAttempt(KeyedDevicePool pool, DeviceSlot slot) {
    this.pool = pool;
    this.slot = slot;
    // Generation first: a redefinition sets the device and then bumps the generation, so this
    // order can only pair a new device with an old generation (the session is then retired as
    // stale), never an old device with the new generation.
    this.generation = slot.generation();
    this.device = slot.device();
  }

  void timeoutTask(ScheduledFuture<?> task) {
    this.timeoutTask = task;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      if (settled.get()) {
        return;
      }
      ProtocolDriver driver;
      try {
        driver = slot.factory.create(device, pool.config().createTimeout());
        if (driver == null) {
          throw new IOException("factory returned no session");
        }
      } catch (Throwable t) {
        if (settle()) {
          pool.creationFailed(slot, device, t, System.nanoTime() - startNanos);
        }
        return;
      }
      if (settle()) {
        pool.creationSucceeded(slot, driver, device, generation, startNanos);
      } else {
        pool.closeLateDriver(slot, driver);
      }
    } finally {
      pool.attemptEnded(this);
      thread = null;
    }
  }

  /** Called by the scheduler at createTimeout. */
  void timeout() {
    if (settled.compareAndSet(false, true)) {
      interrupt();
      pool.creationTimedOut(
          slot,
          device,
          new TimeoutException(
              "session creation to "
                  + device.id()
                  + " took longer than "
                  + pool.config().createTimeout().toMillis()
                  + " ms"));
    }
  }

  /** Called by a closing pool: settles the attempt as failed. */
  void abandon() {
    if (settled.compareAndSet(false, true)) {
      interrupt();
      slot.creationFailed(new PoolClosedException(device, slot.protocol));
    }
  }

  private boolean settle() {
    if (settled.compareAndSet(false, true)) {
      ScheduledFuture<?> t = timeoutTask;
      if (t != null) {
        t.cancel(false);
      }
      return true;
    }
    return false;
  }

  private void interrupt() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
