package io.netpool.pool;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A factory whose behaviour per device is set by the test: succeed, fail, block until a latch opens
 * (a slow or hung device), fail health checks. It counts creations and closes.
 */
final class FakeFactory implements ProtocolFactory<FakeDriver> {

  /** What create() does for a device. */
  interface Behaviour {
    void beforeCreate(Device device) throws IOException, InterruptedException;
  }

  private final Protocol protocol;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final AtomicInteger serials = new AtomicInteger();
  final AtomicInteger createCalls = new AtomicInteger();
  final AtomicInteger createdOk = new AtomicInteger();
  final AtomicInteger checkCalls = new AtomicInteger();
  final List<FakeDriver> drivers = new CopyOnWriteArrayList<>();
  volatile Behaviour checkBehaviour = d -> {};

  /** Calls to create() running right now (a hung device shows up here until interrupted). */
  final AtomicInteger inCreate = new AtomicInteger();

  /** Calls to create() that ended because the calling thread was interrupted. */
  final AtomicInteger createsInterrupted = new AtomicInteger();

  FakeFactory(Protocol protocol) {
    this.protocol = protocol;
  }

  FakeFactory() {
    this(Protocol.SSH);
  }

  FakeFactory on(String deviceId, Behaviour b) {
    behaviours.put(deviceId, b);
    return this;
  }

  FakeFactory healthy(String deviceId) {
    behaviours.remove(deviceId);
    return this;
  }

  static Behaviour failing(String message) {
    return d -> {
      throw new IOException(message);
    };
  }

  static Behaviour blockedUntil(CountDownLatch latch) {
    return d -> latch.await();
  }

  /**
   * Counts down {@code entered}, then blocks until {@code gate} opens; an interrupt ends the wait
   * (create then fails as interrupted).
   */
  static Behaviour enterThenBlock(CountDownLatch entered, CountDownLatch gate) {
    return d -> {
      entered.countDown();
      gate.await();
    };
  }

  /**
   * Counts down {@code entered}, then blocks until {@code gate} opens, ignoring interrupts (a
   * device stuck in a blocking socket read): the driver is created when the gate opens, with the
   * interrupt status restored and counted in {@code interrupts}.
   */
  static Behaviour enterThenBlockIgnoringInterrupts(
      CountDownLatch entered, CountDownLatch gate, AtomicInteger interrupts) {
    return d -> {
      entered.countDown();
      boolean interrupted = false;
      while (true) {
        try {
          gate.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          interrupts.incrementAndGet();
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** The drivers created for one device, in creation order. */
  List<FakeDriver> driversOf(String deviceId) {
    return drivers.stream().filter(d -> d.device.id().equals(deviceId)).toList();
  }

  /**
   * Drivers on which nobody called close(). Unlike {@link #openDrivers()} this also counts drivers
   * that were dropped ({@link FakeDriver#drop()}) but never closed by the pool.
   */
  List<FakeDriver> unclosedDrivers() {
    return drivers.stream().filter(d -> d.closeCalls.get() == 0).toList();
  }

  /** Drivers closed more than once: a sign that two parties thought they owned the session. */
  List<FakeDriver> closedMoreThanOnce() {
    return drivers.stream().filter(d -> d.closeCalls.get() > 1).toList();
  }

  /** Drivers created and not closed. */
  long openDrivers() {
    return drivers.stream().filter(FakeDriver::isOpen).count();
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public FakeDriver create(Device device, Duration timeout) throws IOException {
    createCalls.incrementAndGet();
    inCreate.incrementAndGet();
    try {
      Behaviour b = behaviours.get(device.id());
      if (b != null) {
        try {
          b.beforeCreate(device);
        } catch (InterruptedException e) {
          createsInterrupted.incrementAndGet();
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      FakeDriver d = new FakeDriver(protocol, device, serials.incrementAndGet());
      drivers.add(d);
      createdOk.incrementAndGet();
      return d;
    } finally {
      inCreate.decrementAndGet();
    }
  }

  @Override
  public void check(FakeDriver driver, Duration timeout) throws IOException {
    checkCalls.incrementAndGet();
    try {
      checkBehaviour.beforeCreate(driver.device);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (!driver.healthy || !driver.isOpen()) {
      throw new IOException("unhealthy");
    }
  }
}
