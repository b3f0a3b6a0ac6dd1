package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

  @Test
  void equalDeviceInstancesShareOneSlot() throws Exception {
    pool(PoolConfig.builder());
    Device again = Device.of("r1", "10.0.0.1", "cisco_iosxe"); // another instance, same device
    FakeDriver first;
    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH)) {
      first = lease.driver();
    }
    for (Device d : new Device[] {again, r1, again}) {
      try (Lease<FakeDriver> lease = pool.acquire(d, Protocol.SSH)) {
        assertThat(lease.driver()).isSameAs(first);
      }
    }
    assertThat(factory.createCalls).hasValue(1);
  }

  @Test
  void aRedefinedDeviceGetsNewSessionsThoughItsOldInstanceWasLookedUpBefore() throws Exception {
    pool(PoolConfig.builder());
    FakeDriver old;
    try (Lease<FakeDriver> lease = pool.acquire(r1, Protocol.SSH)) {
      old = lease.driver();
    }
    Device moved = r1.withPort(2222);
    FakeDriver fresh;
    try (Lease<FakeDriver> lease = pool.acquire(moved, Protocol.SSH)) {
      fresh = lease.driver();
      assertThat(fresh).isNotSameAs(old);
      assertThat(lease.device()).isSameAs(moved);
    }
    try (Lease<FakeDriver> lease = pool.acquire(moved, Protocol.SSH)) {
      assertThat(lease.driver()).isSameAs(fresh);
    }
    assertThat(factory.createCalls).hasValue(2);
  }

  @Test
  void thousandsOfDevicesEachGetTheirOwnSessionBackWhileTheLookupTableGrows() throws Exception {
    pool(PoolConfig.builder());
    Device[] fleet = new Device[3_000];
    java.util.Map<Device, FakeDriver> first = new java.util.IdentityHashMap<>();
    for (int i = 0; i < fleet.length; i++) {
      fleet[i] = Device.of("r" + i, "10.1." + (i / 250) + "." + (i % 250), "cisco_iosxe");
      try (Lease<FakeDriver> lease = pool.acquire(fleet[i], Protocol.SSH)) {
        first.put(fleet[i], lease.driver());
      }
    }
    for (int round = 0; round < 2; round++) {
      for (Device d : fleet) {
        try (Lease<FakeDriver> lease = pool.acquire(d, Protocol.SSH)) {
          assertThat(lease.device()).isSameAs(d);
          assertThat(lease.driver()).isSameAs(first.get(d));
        }
      }
    }
    assertThat(factory.createCalls).hasValue(fleet.length);
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
