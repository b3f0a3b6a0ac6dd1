package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevicePoolBasicsTest {
  private final FakeFactory factory = new FakeFactory();
  private DevicePool pool;
  private final Device r1 = Device.of("r1", "10.0.0.1", "cisco_iosxe");

  private DevicePool pool(PoolConfig.Builder config) {
    pool = DevicePool.builder().config(config.build()).factory(factory).build();
    return pool;
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void lendsAndReusesOneSession() throws Exception {
    pool(PoolConfig.builder());
    FakeDriver first;
    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH)) {
      first = lease.driver();
    }
    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH)) {
      assertThat(lease.driver()).isSameAs(first);
    }
    assertThat(factory.createCalls).hasValue(1);
    PoolSnapshot snap = pool.snapshot();
    assertThat(snap.totals().total()).isEqualTo(1);
    assertThat(snap.totals().idle()).isEqualTo(1);
    assertThat(snap.device("r1", Protocol.SSH).orElseThrow().sessions().get(0).uses()).isEqualTo(2);
  }

  /** Borrows and returns a session of {@code d}, checking that the lease is for that device. */
  private FakeDriver driverOf(Device d) throws InterruptedException {
    try (Lease<FakeDriver> lease = pool.acquire(d, Protocol.SSH)) {
      assertThat(lease.device()).isEqualTo(d);
      return lease.driver();
    }
  }

  @Test
  void equalDeviceInstancesShareOneSlot() throws Exception {
    pool(PoolConfig.builder());
    Device again = Device.of("r1", "10.0.0.1", "cisco_iosxe"); // another instance, same device
    FakeDriver first = driverOf(r1);
    for (Device d : new Device[] {again, r1, again}) {
      assertThat(driverOf(d)).isSameAs(first);
    }
    assertThat(factory.createCalls).hasValue(1);
  }

  @Test
  void aRedefinedDeviceGetsNewSessionsThoughItsOldInstanceWasLookedUpBefore() throws Exception {
    pool(PoolConfig.builder());
    FakeDriver old = driverOf(r1);
    Device moved = r1.withPort(2222);
    FakeDriver fresh = driverOf(moved);
    assertThat(fresh).isNotSameAs(old);
    assertThat(driverOf(moved)).isSameAs(fresh);
    assertThat(factory.createCalls).hasValue(2);
  }

  @Test
  void thousandsOfDevicesEachGetTheirOwnSessionBackWhileTheLookupTableGrows() throws Exception {
    pool(PoolConfig.builder());
    Map<Device, FakeDriver> first = new IdentityHashMap<>();
    for (int i = 0; i < 3_000; i++) {
      Device d = Device.of("r" + i, "10.1." + (i / 250) + "." + (i % 250), "cisco_iosxe");
      first.put(d, driverOf(d));
    }
    for (int round = 0; round < 2; round++) {
      for (Map.Entry<Device, FakeDriver> e : first.entrySet()) {
        assertThat(driverOf(e.getKey())).isSameAs(e.getValue());
      }
    }
    assertThat(factory.createCalls).hasValue(first.size());
  }

  @Test
  void theLookupTableGrowsWithTheSlotsUpToItsBound() {
    SlotHints hints = new SlotHints();
    int start = hints.capacity();
    for (int i = 0; i < 1_000; i++) {
      hints.slotCreated();
    }
    assertThat(hints.capacity()).isGreaterThanOrEqualTo(8_000).isLessThanOrEqualTo(16_384);
    assertThat(start).isLessThan(hints.capacity());
    for (int i = 0; i < 1_000_000; i++) {
      hints.slotCreated();
    }
    assertThat(hints.capacity()).isEqualTo(1 << 20);
  }

  @Test
  void oneDeviceInstanceKeepsSeparateSessionsPerProtocol() throws Exception {
    FakeFactory cli = new FakeFactory(Protocol.CLI);
    pool =
        DevicePool.builder()
            .config(PoolConfig.builder().build())
            .factory(factory)
            .factory(cli)
            .build();
    for (int round = 0; round < 3; round++) {
      try (Lease<FakeDriver> ssh = pool.acquire(r1, Protocol.SSH);
          Lease<FakeDriver> shell = pool.acquire(r1, Protocol.CLI)) {
        assertThat(ssh.driver().protocol()).isEqualTo(Protocol.SSH);
        assertThat(shell.driver().protocol()).isEqualTo(Protocol.CLI);
      }
    }
    assertThat(factory.createCalls).hasValue(1);
    assertThat(cli.createCalls).hasValue(1);
  }

  @Test
  void closedLeaseIsUnusableAndSecondCloseIsNoOp() throws Exception {
    pool(PoolConfig.builder().maxSessionsPerDevice(1));
    Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH);
    lease.close();
    Lease<FakeDriver> other = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5));
    lease.close(); // must not return the session now lent to "other"
    assertThat(other.isOpen()).isTrue();
    assertThatThrownBy(lease::driver).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pool.acquire(r1, Protocol.SSH, Duration.ofMillis(50)))
        .isInstanceOf(AcquireTimeoutException.class)
        .hasMessageContaining("r1")
        .extracting(e -> ((AcquireTimeoutException) e).reason())
        .isEqualTo(AcquireTimeoutException.Reason.DEVICE_AT_CAP);
    other.close();
  }

  @Test
  void racingClosesOfOneLeaseReturnTheSessionExactlyOnce() throws Exception {
    pool(PoolConfig.builder().maxSessionsPerDevice(1));
    for (int round = 0; round < 500; round++) {
      Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5));
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      Runnable close =
          () -> {
            try {
              start.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            if (Thread.currentThread().getName().endsWith("1")) {
              lease.close();
            } else {
              lease.invalidate(null);
            }
          };
      Thread a = Thread.ofPlatform().name("closer-1").start(close);
      Thread b = Thread.ofPlatform().name("closer-2").start(close);
      a.join();
      b.join();
      assertThat(lease.isOpen()).isFalse();
      // Whichever close won, the device is back to one usable session and nothing is lent twice.
      Lease<FakeDriver> next = pool.acquire(r1, Protocol.SSH, Duration.ofSeconds(5));
      lease.close(); // stale: must not touch "next"
      assertThat(next.isOpen()).isTrue();
      PoolSnapshot.Counts counts =
          pool.snapshot().device("r1", Protocol.SSH).orElseThrow().counts();
      assertThat(counts.inUse()).isEqualTo(1);
      assertThat(counts.total()).isLessThanOrEqualTo(1);
      next.close();
    }
  }
}
