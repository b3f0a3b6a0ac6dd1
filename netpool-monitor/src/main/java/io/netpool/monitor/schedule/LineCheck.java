package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import java.time.Instant;

/**
 * Runs one check of one line on its router. Implemented by {@link
 * io.netpool.monitor.probe.run.ProbeCheck}; tests use fakes.
 *
 * <p>Contract: returns a result for every call (failures are results with a {@link
 * io.netpool.monitor.check.FailureKind}), bounded in time by the implementation's own deadlines. It
 * may throw {@link InterruptedException} when the scheduler shuts down; any other exception is
 * turned into a result with {@link io.netpool.monitor.check.FailureKind#INTERNAL} by the scheduler.
 */
@FunctionalInterface
public interface LineCheck {

  /**
   * @param line the line as it is defined now (the scheduler reads it at dispatch time)
   * @param router the line's router as it is defined now
   * @param due when the check was due
   */
  CheckResult check(LineSpec line, DeviceSpec router, Instant due) throws InterruptedException;
}
