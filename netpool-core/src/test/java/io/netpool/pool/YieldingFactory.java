package io.netpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A factory for {@link PoolInterleavingTest}: its drivers pause at random (yield, spin or a short
 * park) whenever the pool asks {@link ProtocolDriver#isOpen()}, which the pool does at its
 * state-change points (claiming an idle session, returning one), and so does {@link #create}. The
 * pauses shake the thread interleavings of the pool's own code without touching it. Drivers record
 * their holders and closes.
 */
final class YieldingFactory implements ProtocolFactory<YieldingFactory.Driver> {
  final List<Driver> drivers = new CopyOnWriteArrayList<>();
  private final AtomicInteger serials = new AtomicInteger();
  private final int pausePercent;

  YieldingFactory(int pausePercent) {
    this.pausePercent = pausePercent;
  }

  /** Pauses the calling thread at random, in one of several ways, or not at all. */
  void maybePause() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    if (r.nextInt(100) >= pausePercent) {
      return;
    }
    switch (r.nextInt(4)) {
      case 0 -> Thread.yield();
      case 1 -> {
        for (int i = r.nextInt(200); i > 0; i--) {
          Thread.onSpinWait();
        }
      }
      case 2 -> LockSupport.parkNanos(r.nextLong(1_000, 50_000));
      default -> {}
    }
  }

  @Override
  public Protocol protocol() {
    return Protocol.SSH;
  }

  @Override
  public Driver create(Device device, Duration timeout) {
    maybePause();
    Driver d = new Driver(serials.incrementAndGet());
    drivers.add(d);
    return d;
  }

  @Override
  public void check(Driver driver, Duration timeout) {}

  /** A driver that counts holders and closes. */
  final class Driver implements ProtocolDriver {
    final int serial;
    final AtomicInteger holders = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    private volatile boolean open = true;

    Driver(int serial) {
      this.serial = serial;
    }

    @Override
    public Protocol protocol() {
      return Protocol.SSH;
    }

    @Override
    public boolean isOpen() {
      maybePause();
      return open;
    }

    boolean closed() {
      return !open;
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
      open = false;
    }

    @Override
    public String toString() {
      return "driver#" + serial;
    }
  }
}
