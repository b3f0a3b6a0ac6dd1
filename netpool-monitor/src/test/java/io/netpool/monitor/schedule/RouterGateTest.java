package io.netpool.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The router's permits: arrival order, a place kept across wake-ups, nothing lost on leave. */
class RouterGateTest {
  private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(5);

  @Test
  void grantsUpToTheCapThenInArrivalOrderKeepingPlacesAcrossWakeUps() throws Exception {
    RouterGate gate = new RouterGate(1);
    RouterGate.Waiter first = gate.join();
    assertThat(first.granted()).isTrue();
    RouterGate.Waiter second = gate.join();
    RouterGate.Waiter third = gate.join();
    assertThat(gate.waiting()).isEqualTo(2);
    // waking up without a permit (a due time passed) keeps the place
    assertThat(gate.await(second, SHORT)).isFalse();
    assertThat(gate.await(third, SHORT)).isFalse();
    RouterGate.Waiter fourth = gate.join();
    gate.release();
    assertThat(second.granted()).isTrue();
    assertThat(third.granted()).isFalse();
    assertThat(fourth.granted()).isFalse();
    gate.release();
    assertThat(third.granted()).isTrue();
    assertThat(fourth.granted()).isFalse();
    assertThat(gate.free()).isZero();
  }

  @Test
  void leavingGivesUpThePlaceOrGivesBackAPermitGrantedMeanwhile() {
    RouterGate gate = new RouterGate(1);
    RouterGate.Waiter holder = gate.join();
    RouterGate.Waiter quitter = gate.join();
    RouterGate.Waiter next = gate.join();
    gate.leave(quitter); // never granted: its place goes
    assertThat(gate.waiting()).isEqualTo(1);
    gate.release();
    assertThat(next.granted()).isTrue();
    assertThat(quitter.granted()).isFalse();
    gate.leave(next); // granted but unused: the permit comes back
    assertThat(gate.free()).isEqualTo(1);
    assertThat(gate.waiting()).isZero();
    assertThat(holder.granted()).isTrue();
  }
}
