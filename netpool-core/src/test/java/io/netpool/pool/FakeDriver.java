package io.netpool.pool;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A driver that records its holders, so tests can assert a session never has two at once. */
final class FakeDriver implements ProtocolDriver {
  final Device device;
  final int serial;
  private final Protocol protocol;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicInteger holders = new AtomicInteger();
  final AtomicInteger closeCalls = new AtomicInteger();
  volatile boolean healthy = true;

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
    return open.get();
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
    open.set(false);
  }

  @Override
  public String toString() {
    return "FakeDriver[" + device.id() + "#" + serial + "]";
  }
}
