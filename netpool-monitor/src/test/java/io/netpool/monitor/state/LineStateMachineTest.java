package io.netpool.monitor.state;

import static io.netpool.monitor.state.LineCondition.DEGRADED;
import static io.netpool.monitor.state.LineCondition.DOWN;
import static io.netpool.monitor.state.LineCondition.FLAPPING;
import static io.netpool.monitor.state.LineCondition.UNKNOWN;
import static io.netpool.monitor.state.LineCondition.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.StatePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineStateMachineTest {
  static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
  static final StatePolicy NO_FLAP = new StatePolicy(2, 3, 0, Duration.ofHours(1));

  final LineStateMachine m = new LineStateMachine();
  final List<StateChange> changes = new ArrayList<>();
  int minute;

  static Observation seen(LineCondition c) {
    return new Observation(c, c.wireName() + " seen", null);
  }

  /** Applies checks one minute apart; returns the reported state after the last. */
  LineCondition check(StatePolicy p, LineCondition... seen) {
    for (LineCondition c : seen) {
      StateChange change = m.apply(seen(c), T0.plusSeconds(60L * minute++), p, "l1", "r1");
      if (change != null) {
        changes.add(change);
      }
    }
    return m.reported();
  }

  @Test
  void startsUnknownAndTheFirstCheckDecidesAtOnce() {
    assertThat(m.reported()).isEqualTo(UNKNOWN);
    assertThat(m.cause()).isEqualTo("no check yet");
    assertThat(check(NO_FLAP, DOWN)).isEqualTo(DOWN);
    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.from()).isEqualTo(UNKNOWN);
              assertThat(c.to()).isEqualTo(DOWN);
              assertThat(c.at()).isEqualTo(T0);
              assertThat(c.byRouter()).isFalse();
            });
    assertThat(m.since()).isEqualTo(T0);
  }

  @Test
  void downAfterChecksInARowBeforeLeavingUp() {
    check(NO_FLAP, UP);
    assertThat(check(NO_FLAP, DOWN)).as("one bad check").isEqualTo(UP);
    assertThat(check(NO_FLAP, UP, DOWN)).as("interrupted").isEqualTo(UP);
    assertThat(check(NO_FLAP, DOWN)).as("second in a row").isEqualTo(DOWN);
    assertThat(changes).extracting(StateChange::to).containsExactly(UP, DOWN);
    assertThat(changes.getLast().cause()).isEqualTo("down seen");
  }

  @Test
  void badChecksOfDifferentKindsStillLeaveUpWithTheLastOne() {
    check(NO_FLAP, UP);
    assertThat(check(NO_FLAP, DOWN, DEGRADED)).isEqualTo(DEGRADED);
  }

  @Test
  void upAfterOkChecksInARow() {
    check(NO_FLAP, DOWN);
    assertThat(check(NO_FLAP, UP, UP)).isEqualTo(DOWN);
    assertThat(check(NO_FLAP, DEGRADED)).isEqualTo(DOWN);
    assertThat(check(NO_FLAP, UP, UP)).isEqualTo(DOWN);
    assertThat(check(NO_FLAP, UP)).isEqualTo(UP);
  }

  @Test
  void betweenBadStatesTheNewOneMustRepeat() {
    check(NO_FLAP, DOWN);
    assertThat(check(NO_FLAP, DEGRADED, UNKNOWN, DEGRADED)).isEqualTo(DOWN);
    assertThat(check(NO_FLAP, DEGRADED)).isEqualTo(DEGRADED);
  }

  @Test
  void theCauseFollowsTheLatestCheckOfTheSameState() {
    check(NO_FLAP, DEGRADED);
    m.apply(new Observation(DEGRADED, "40% loss", null), T0.plusSeconds(600), NO_FLAP, "l1", "r1");
    assertThat(m.cause()).isEqualTo("40% loss");
  }

  @Test
  void aRouterFailureMakesTheLineUnknownByTheRouter() {
    check(NO_FLAP, UP);
    Observation router =
        new Observation(UNKNOWN, "router r1: auth_failed", FailureKind.AUTH_FAILED);
    assertThat(m.apply(router, T0.plusSeconds(600), NO_FLAP, "l1", "r1")).isNull();
    StateChange c = m.apply(router, T0.plusSeconds(660), NO_FLAP, "l1", "r1");
    assertThat(c.to()).isEqualTo(UNKNOWN);
    assertThat(c.byRouter()).isTrue();
    assertThat(c.cause()).isEqualTo("router r1: auth_failed");
  }

  @Test
  void changesWithinTheWindowMakeItFlappingUntilTheWindowEmpties() {
    StatePolicy p = new StatePolicy(1, 1, 4, Duration.ofMinutes(10));
    check(p, UP, DOWN, UP, DOWN); // first check + 3 changes
    assertThat(m.reported()).isEqualTo(DOWN);
    assertThat(check(p, UP)).as("4th change within 10 min").isEqualTo(FLAPPING);
    assertThat(m.cause()).startsWith("4 state changes within 10m");
    assertThat(check(p, DOWN, UP)).isEqualTo(FLAPPING);
    // stable for more than the window: back to the settled state
    assertThat(check(p, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP)).isEqualTo(UP);
    assertThat(changes.getLast().from()).isEqualTo(FLAPPING);
    assertThat(changes.getLast().cause()).startsWith("fewer than 4 state changes");
  }

  @Test
  void flapChangesZeroNeverFlaps() {
    for (int i = 0; i < 20; i++) {
      check(new StatePolicy(1, 1, 0, Duration.ofHours(1)), i % 2 == 0 ? UP : DOWN);
    }
    assertThat(changes).hasSize(20).noneMatch(c -> c.to() == FLAPPING);
  }
}
