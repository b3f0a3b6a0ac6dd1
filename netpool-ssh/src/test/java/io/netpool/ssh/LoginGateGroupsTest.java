package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** AAA group budgets on top of a pool's login gate: invariants and the schedule, not timing. */
class LoginGateGroupsTest {
  private static final long LONG = TimeUnit.SECONDS.toNanos(60);
  private static final double FAST = 1_000_000; // rate not under test

  private static long in(long nanos) {
    return System.nanoTime() + nanos;
  }

  private static Device device(String id, String group) {
    Device d = Device.of(id, "127.0.0.1", "cisco_iosxe");
    return group == null
        ? d
        : d.withOptions(SessionOptions.of(AaaGroup.class, new AaaGroup(group)));
  }

  @Provide
  Arbitrary<List<Integer>> groupOfEachLogin() {
    // -1: no group; 0..2: one of three groups
    return Arbitraries.integers().between(-1, 2).list().ofMinSize(5).ofMaxSize(48);
  }

  /** Never more than a group's cap, nor the pool's, in progress; every login gets through. */
  @Property(tries = 40)
  void capsHoldPerGroupAndPoolWide(
      @ForAll("groupOfEachLogin") List<Integer> groupOfLogin,
      @ForAll @Size(3) List<@IntRange(min = 1, max = 4) Integer> groupCaps,
      @ForAll @IntRange(min = 1, max = 8) int poolCap)
      throws Exception {
    Map<String, LoginLimits> limits = new LinkedHashMap<>();
    for (int g = 0; g < 3; g++) {
      limits.put("g" + g, new LoginLimits(groupCaps.get(g), FAST));
    }
    LoginGate gate = new LoginGate(new LoginLimits(poolCap, FAST), new AaaGroupGates(limits));
    AtomicInteger[] inside = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    AtomicInteger[] maxInside = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    AtomicInteger all = new AtomicInteger();
    AtomicInteger maxAll = new AtomicInteger();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < groupOfLogin.size(); i++) {
        int g = groupOfLogin.get(i);
        Device d = device("r" + i, g < 0 ? null : "g" + g);
        fs.add(
            ex.submit(
                () -> {
                  try (LoginGate.Permit p = gate.enter(d, in(LONG))) {
                    maxAll.accumulateAndGet(all.incrementAndGet(), Math::max);
                    if (g >= 0) {
                      maxInside[g].accumulateAndGet(inside[g].incrementAndGet(), Math::max);
                    }
                    Thread.yield(); // let others try to get in meanwhile
                    if (g >= 0) {
                      inside[g].decrementAndGet();
                    }
                    all.decrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(maxAll.get()).isLessThanOrEqualTo(poolCap);
    for (int g = 0; g < 3; g++) {
      assertThat(maxInside[g].get()).as("group g" + g).isLessThanOrEqualTo(groupCaps.get(g));
      LoginGate groupGate = gate.groups().gate("g" + g);
      assertThat(groupGate.inFlight()).isZero();
      assertThat(groupGate.waiting()).isZero();
      int g0 = g;
      assertThat(groupGate.started()).isEqualTo(groupOfLogin.stream().filter(x -> x == g0).count());
    }
    assertThat(gate.started()).isEqualTo(groupOfLogin.size());
    assertThat(gate.inFlight()).isZero();
  }

  /**
   * The group's rate by its schedule: the slots its logins were given are one interval apart or
   * more, and no login entered before its slot.
   */
  @Property(tries = 5)
  void groupSlotsAreSpacedByTheGroupsRate(@ForAll @IntRange(min = 2, max = 12) int logins)
      throws Exception {
    LoginLimits groupLimits = new LoginLimits(logins, 200); // 5 ms apart
    LoginGate gate =
        new LoginGate(new LoginLimits(64, FAST), new AaaGroupGates(Map.of("tacacs", groupLimits)));
    List<long[]> slotAndEntry = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < logins; i++) {
        Device d = device("r" + i, "tacacs");
        fs.add(
            ex.submit(
                () -> {
                  try (LoginGate.Permit p = gate.enter(d, in(LONG))) {
                    long entered = System.nanoTime();
                    slotAndEntry.add(new long[] {p.groupPermit().slot(), entered});
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    long[] slots = slotAndEntry.stream().mapToLong(a -> a[0]).sorted().toArray();
    for (int i = 1; i < slots.length; i++) {
      assertThat(slots[i] - slots[i - 1]).isGreaterThanOrEqualTo(groupLimits.intervalNanos());
    }
    assertThat(slotAndEntry).allSatisfy(a -> assertThat(a[1]).isGreaterThanOrEqualTo(a[0]));
  }

  @net.jqwik.api.Example
  void aGroupAtItsCapHoldsBackNoDeviceOutsideIt() throws Exception {
    LoginGate gate =
        new LoginGate(
            new LoginLimits(4, FAST), new AaaGroupGates(Map.of("small", new LoginLimits(1, FAST))));
    LoginGate small = gate.groups().gate("small");
    try (LoginGate.Permit held = gate.enter(device("a", "small"), in(LONG))) {
      CompletableFuture<LoginGate.Permit> waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return gate.enter(device("b", "small"), in(LONG));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> small.waiting() == 1);
      // waiting for its group, b holds no pool-wide permit: an outsider gets in at once
      assertThat(gate.inFlight()).isEqualTo(1);
      try (LoginGate.Permit outsider = gate.enter(device("c", null), in(LONG))) {
        assertThat(gate.inFlight()).isEqualTo(2);
        assertThat(waiter).isNotDone();
      }
      held.close();
      waiter.get(10, TimeUnit.SECONDS).close();
    }
    assertThat(small.inFlight()).isZero();
    assertThat(gate.inFlight()).isZero();
  }

  @net.jqwik.api.Example
  void aRefusalByTheGroupNamesItAndAPoolRefusalReturnsTheGroupsPermit() throws Exception {
    LoginGate gate =
        new LoginGate(
            new LoginLimits(1, FAST), new AaaGroupGates(Map.of("g", new LoginLimits(1, FAST))));
    LoginGate g = gate.groups().gate("g");
    try (LoginGate.Permit held = gate.enter(device("a", "g"), in(LONG))) {
      assertThatThrownBy(() -> gate.enter(device("b", "g"), in(TimeUnit.MILLISECONDS.toNanos(50))))
          .isInstanceOf(LoginThrottledException.class)
          .hasMessageContaining("limited by AAA group g: 1 logins in progress");
      assertThat(gate.throttled()).isZero();
    }
    try (LoginGate.Permit outsider = gate.enter(device("c", null), in(LONG))) {
      // the pool is full: b passes its group, is refused by the pool, and gives the group back
      assertThatThrownBy(() -> gate.enter(device("b", "g"), in(TimeUnit.MILLISECONDS.toNanos(50))))
          .isInstanceOf(LoginThrottledException.class)
          .hasMessageNotContaining("AAA group");
      assertThat(g.inFlight()).isZero();
    }
    assertThat(gate.enter(device("b", "g"), in(LONG))).isNotNull();
  }

  @net.jqwik.api.Example
  void updateKeepsUnchangedGroupsAndReplacesChangedOnes() {
    AaaGroupGates groups =
        new AaaGroupGates(Map.of("same", new LoginLimits(2, 5), "changed", new LoginLimits(2, 5)));
    LoginGate same = groups.gate("same");
    LoginGate changed = groups.gate("changed");
    groups.update(
        Map.of(
            "same", new LoginLimits(2, 5),
            "changed", new LoginLimits(3, 5),
            "new", new LoginLimits(1, 1)));
    assertThat(groups.gate("same")).isSameAs(same);
    assertThat(groups.gate("changed")).isNotSameAs(changed);
    assertThat(groups.gate("changed").limits().maxConcurrentLogins()).isEqualTo(3);
    groups.update(Map.of("same", new LoginLimits(2, 5)));
    assertThat(groups.gate("new")).isNull();
    assertThat(groups.gateOf(device("x", "new"))).isNull();
    assertThat(groups.gateOf(device("y", "same"))).isSameAs(same);
  }
}
