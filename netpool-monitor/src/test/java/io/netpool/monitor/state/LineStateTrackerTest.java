package io.netpool.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.pool.Protocol;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LineStateTrackerTest {
  static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

  final AtomicReference<Inventory> inventory = new AtomicReference<>(inventory("l1", "l2", "l3"));
  final LineStateTracker tracker = new LineStateTracker(inventory::get);
  final List<Object> events = new ArrayList<>();
  int second;

  LineStateTrackerTest() {
    tracker.listener(
        new StateListener() {
          @Override
          public void lineChanged(StateChange c) {
            events.add(c);
          }

          @Override
          public void routerChanged(RouterChange c) {
            events.add(c);
          }

          @Override
          public void lineRemoved(String lineId) {
            events.add("removed " + lineId);
          }
        });
  }

  static Inventory inventory(String... lines) {
    DeviceSpec r1 =
        new DeviceSpec(
            "r1",
            "10.0.0.1",
            22,
            PingPlatform.of("linux"),
            Protocol.SSH,
            "u",
            SecretRef.literal("p"),
            null,
            null,
            0,
            HostKeyPolicy.OFF,
            Map.of());
    List<LineSpec> specs = new ArrayList<>();
    for (String id : lines) {
      specs.add(
          new LineSpec(
              id,
              "r1",
              "192.0.2.1",
              null,
              null,
              5,
              Duration.ofSeconds(1),
              null,
              Duration.ofMinutes(1),
              Map.of()));
    }
    return new Inventory(Path.of("monitor.yml"), "d", List.of(r1), specs, List.of());
  }

  CheckResult ok(String line) {
    Instant t = T0.plusSeconds(second++);
    PingResult p =
        new PingResult(
            5,
            5,
            BigDecimal.ZERO,
            BigDecimal.ONE,
            BigDecimal.ONE,
            BigDecimal.ONE,
            PingStatus.OK,
            null);
    return new CheckResult(line, "r1", "192.0.2.1", t, t, t, p, null, "ping 192.0.2.1");
  }

  CheckResult refused(String line) {
    Instant t = T0.plusSeconds(second++);
    return CheckResult.failed(
        line, "r1", "192.0.2.1", t, t, t, FailureKind.AUTH_FAILED, "login refused", null);
  }

  @Test
  void aRefusingRouterIsOneRouterEventAndItsLinesAreUnknownByIt() {
    for (String l : List.of("l1", "l2", "l3")) {
      tracker.accept(ok(l));
    }
    events.clear();
    for (int round = 0; round < 2; round++) {
      for (String l : List.of("l1", "l2", "l3")) {
        tracker.accept(refused(l));
      }
    }
    assertThat(events).filteredOn(RouterChange.class::isInstance).hasSize(1);
    RouterChange router = (RouterChange) events.getFirst();
    assertThat(router.failure()).isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(router.lines()).isEqualTo(3);
    assertThat(events)
        .filteredOn(StateChange.class::isInstance)
        .hasSize(3)
        .allSatisfy(
            e -> {
              StateChange c = (StateChange) e;
              assertThat(c.to()).isEqualTo(LineCondition.UNKNOWN);
              assertThat(c.byRouter()).isTrue();
            });
    assertThat(tracker.failedRouters()).containsEntry("r1", FailureKind.AUTH_FAILED);

    events.clear();
    tracker.accept(ok("l1"));
    assertThat(events)
        .as("the first check that logs in makes the router usable")
        .first()
        .isInstanceOfSatisfying(RouterChange.class, c -> assertThat(c.failed()).isFalse());
    assertThat(tracker.failedRouters()).isEmpty();
  }

  @Test
  void skippedChecksChangeNothing() {
    tracker.accept(ok("l1"));
    events.clear();
    tracker.accept(
        CheckResult.skipped(
            "l1", "r1", "192.0.2.1", T0, T0, io.netpool.monitor.check.SkipReason.ROUTER_BUSY));
    assertThat(events).isEmpty();
    assertThat(tracker.state("l1").condition()).isEqualTo(LineCondition.UP);
  }

  @Test
  void removedLinesAreForgotten() {
    tracker.accept(ok("l1"));
    tracker.accept(ok("l2"));
    inventory.set(inventory("l2"));
    tracker.retainLines(List.of("l2"));
    assertThat(events).contains("removed l1").doesNotContain("removed l2");
    assertThat(tracker.state("l1").cause()).isEqualTo("no check yet");
  }

  @Test
  void aBrokenListenerDoesNotSilenceTheOthers() {
    LineStateTracker t = new LineStateTracker(inventory::get);
    List<StateChange> seen = new ArrayList<>();
    t.listener(
            c -> {
              throw new IllegalStateException("broken");
            })
        .listener(seen::add);
    t.accept(ok("l1"));
    assertThat(seen).hasSize(1);
  }
}
