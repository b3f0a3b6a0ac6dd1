package io.netpool.pool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A driver that records its holders, so tests can assert a session never has two at once. */
final class FakeDriver implements ProtocolDriver {
  final Device device;
  final int serial;
  private final Protocol protocol;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicInteger holders = new AtomicInteger();
  final AtomicInteger closeCalls = new AtomicInteger();
  volatile boolean healthy = true;

  /**
   * Run once, by the next caller of {@link #isOpen()}, and then cleared: lets a test stop a pool
   * thread at the moment it asks the driver whether the transport is still there.
   */
  final AtomicReference<Runnable> onNextIsOpen = new AtomicReference<>();

  /** Counted down by the first {@link #close()} call, before it waits on {@link #closeGate}. */
  final CountDownLatch closeEntered = new CountDownLatch(1);

  /** When set, {@link #close()} waits for it; see {@link #blockCloseUntil}. */
  volatile CountDownLatch closeGate;

  FakeDriver(Protocol protocol, Device device, int serial) {
    this.protocol = protocol;
    this.device = device;
    this.serial = serial;
  }

  /** Marks the start of a use; fails the test run if someone else holds it. */
  void enter() {
    int n = holders.incrementAndGet();
    if (n != 1) {
      throw new AssertionError(
          "session " + serial + " of " + device.id() + " has " + n + " holders");
    }
    if (!open.get()) {
      throw new AssertionError("session " + serial + " of " + device.id() + " used after close");
    }
  }

  void exit() {
    holders.decrementAndGet();
  }

  /** Simulates the device dropping the connection. */
  void drop() {
    open.set(false);
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public boolean isOpen() {
    if (onNextIsOpen.get() != null) {
      Runnable hook = onNextIsOpen.getAndSet(null);
      if (hook != null) {
        hook.run();
      }
    }
    return open.get();
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
    closeEntered.countDown();
    CountDownLatch gate = closeGate;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    open.set(false);
  }

  /**
   * Makes every later {@link #close()} block until {@code gate} opens (or the closing thread is
   * interrupted): a device whose disconnect hangs. Off (null) by default.
   */
  void blockCloseUntil(CountDownLatch gate) {
    closeGate = gate;
  }

  @Override
  public String toString() {
    return "FakeDriver[" + device.id() + "#" + serial + "]";
  }
}
