package io.netpool.sim.platform;

import io.netpool.sim.platform.sla.SlaOperation;
import io.netpool.sim.platform.sla.SlaRun;
import io.netpool.sim.platform.sla.SlaRuns;
import java.time.Instant;

/** Finds a session's SLA operation and its latest run, for the renderers of every platform. */
public final class SlaLookup {
  private SlaLookup() {}

  /**
   * The operation named {@code key} on this device and its latest run at the session's clock.
   *
   * @param operation null when the device has no such operation
   * @param run null when there is no operation or it never ran
   */
  public record Found(SlaOperation operation, SlaRun run) {}

  public static Found find(CliContext ctx, String key) {
    SlaOperation op = ctx.slaOperation(key);
    if (op == null || op.notRunning()) {
      return new Found(op, null);
    }
    Instant now = ctx.now().toInstant();
    return new Found(op, SlaRuns.latest(op, ctx.slaSeed(), key, now));
  }

  /** When the device booted, on the session's clock. */
  public static Instant bootTime(CliContext ctx) {
    return ctx.now().toInstant().minus(ctx.uptime());
  }
}
