package io.netpool.monitor.check;

import java.time.Duration;

/** Scheduler events for metrics and logs. Called on scheduler threads; must not block. */
public interface SchedulerListener {

  /** A check started {@code lag} after it was due (waiting for a global slot included). */
  default void checkStarted(String lineId, String routerId, Duration lag) {}

  /** A due check was skipped because the previous check of the line was still running. */
  default void runSkipped(String lineId, String routerId) {}

  /** The set of scheduled lines changed (start, reload). */
  default void linesScheduled(int count) {}
}
