package io.netpool.bench;

import java.time.Duration;

/** The cost of opening or closing a real connection, simulated by sleeping in the caller. */
final class SimulatedCost {
  private SimulatedCost() {}

  /** Sleeps for {@code d} (nothing for zero); keeps the interrupt flag if interrupted. */
  static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
