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
    Behaviour b = behaviours.get(device.id());
    if (b != null) {
      try {
        b.beforeCreate(device);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    FakeDriver d = new FakeDriver(protocol, device, serials.incrementAndGet());
    drivers.add(d);
    createdOk.incrementAndGet();
    return d;
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
