package io.netpool.monitor.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * When a line's state changes (docs/monitor.md, "Line states").
 *
 * @param downAfter checks in a row that must say "not up" before an up line leaves up (and that
 *     must agree before a line that is not up changes to another such state)
 * @param upAfter checks in a row that must be ok before a line that is not up is up again
 * @param flapChanges state changes within {@code flapWindow} that make the line flapping; 0 = never
 * @param flapWindow the window of {@code flapChanges}
 */
public record StatePolicy(int downAfter, int upAfter, int flapChanges, Duration flapWindow) {

  public static final int DEFAULT_DOWN_AFTER = 2;
  public static final int DEFAULT_UP_AFTER = 2;
  public static final int DEFAULT_FLAP_CHANGES = 5;
  public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofHours(1);

  /** The most checks a state change may wait for. */
  public static final int MAX_CHECKS = 100;

  /** The most changes {@code flapChanges} may ask for. */
  public static final int MAX_FLAP_CHANGES = 1000;

  /** The defaults: 2 checks down, 2 checks up, flapping at 5 changes within 1 h. */
  public static final StatePolicy DEFAULT =
      new StatePolicy(
          DEFAULT_DOWN_AFTER, DEFAULT_UP_AFTER, DEFAULT_FLAP_CHANGES, DEFAULT_FLAP_WINDOW);

  public StatePolicy {
    if (downAfter < 1 || downAfter > MAX_CHECKS || upAfter < 1 || upAfter > MAX_CHECKS) {
      throw new IllegalArgumentException("down_after and up_after must be 1.." + MAX_CHECKS);
    }
    if (flapChanges != 0 && (flapChanges < 2 || flapChanges > MAX_FLAP_CHANGES)) {
      throw new IllegalArgumentException("flap_changes must be 0 (off) or 2.." + MAX_FLAP_CHANGES);
    }
    Objects.requireNonNull(flapWindow, "flapWindow");
    if (flapWindow.isNegative() || flapWindow.isZero()) {
      throw new IllegalArgumentException("flap_window must be positive");
    }
  }
}
