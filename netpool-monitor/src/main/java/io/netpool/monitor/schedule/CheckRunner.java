package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a check's virtual thread: waits for a permit of its router (delivering a router-busy
 * result for every due time that passes meanwhile), then for one of the global limit, runs the
 * check and delivers its one result. Permits go back in {@code finally}; the execution leaves its
 * line and the in-flight set last.
 */
final class CheckRunner {
  private static final Logger log = LoggerFactory.getLogger(LineScheduler.class);

  private final LineCheck check;
  private final Semaphore global;
  private final int maxConcurrentChecks;
  private final Function<DeviceSpec, RouterGate> gates;
  private final ResultDelivery delivery;
  private final Set<CheckExecution> inFlight;
  private final LongSupplier nowNanos;

  /**
   * @param gates the router's permits (looked up for each check: a reload may change its cap)
   * @param inFlight the scheduler's executions in flight; this runner removes each one it ends
   * @param nowNanos the scheduler's clock, epoch nanoseconds
   */
  CheckRunner(
      LineCheck check,
      Semaphore global,
      int maxConcurrentChecks,
      Function<DeviceSpec, RouterGate> gates,
      ResultDelivery delivery,
      Set<CheckExecution> inFlight,
      LongSupplier nowNanos) {
    this.check = check;
    this.global = global;
    this.maxConcurrentChecks = maxConcurrentChecks;
    this.gates = gates;
    this.delivery = delivery;
    this.inFlight = inFlight;
    this.nowNanos = nowNanos;
  }

  void run(CheckExecution e) {
    LineSpec line = e.binding.line;
    DeviceSpec router = e.binding.router;
    RouterGate gate = gates.apply(router);
    boolean routerPermit = false;
    boolean globalPermit = false;
    CheckResult result;
    try {
      CheckExecution.Slot slot = awaitRouter(e, gate);
      routerPermit = slot != null;
      // nobody else waited for the router when this check got its permit: it has caught up with
      // the streaks of skips begun before this mark
      boolean alone = gate.waiting() == 0;
      long busyMark = delivery.busyMark();
      if (slot == null) {
        result = e.shutdownResult("monitor shutting down before the check started");
      } else {
        globalPermit = global.tryAcquire(remaining(slot), TimeUnit.NANOSECONDS);
        if (!globalPermit) {
          result =
              e.failed(
                  slot.due(),
                  FailureKind.NO_SESSION,
                  "global limit of "
                      + maxConcurrentChecks
                      + " concurrent checks reached until this line's next due time");
        } else if (!e.start()) {
          // cancelled by close(), which delivered the shutdown result; deliver() ignores this one
          result = e.shutdownResult("monitor shutting down before the check started");
        } else {
          Duration lag = Duration.between(slot.due(), Instant.now());
          delivery.checkStarted(line.id(), router.id(), lag.isNegative() ? Duration.ZERO : lag);
          result = check.check(line, router, slot.due());
          if (result == null) {
            result = e.failed(slot.due(), FailureKind.INTERNAL, "the check returned no result");
          } else if (result.isSkipped()) {
            delivery.poolBusy(router.id(), gate.cap, line.id());
          } else if (alone && result.gotSession()) {
            delivery.caughtUp(router.id(), busyMark);
          }
        }
      }
    } catch (InterruptedException ie) {
      result = e.shutdownResult("monitor shutting down: check interrupted");
    } catch (RuntimeException | Error ex) {
      log.error("line {}: check failed with an exception", line.id(), ex);
      result = e.failed(e.slot.get().due(), FailureKind.INTERNAL, "check failed: " + ex);
    } finally {
      if (globalPermit) {
        global.release();
      }
      if (routerPermit) {
        gate.release();
      }
    }
    try {
      delivery.deliver(e, result);
    } finally {
      e.line.running.compareAndSet(e, null);
      inFlight.remove(e);
    }
  }

  /**
   * Waits for a permit of the router, delivering a skipped result for every due time that passes
   * meanwhile (the timer moves the execution on, {@link CheckExecution#supersede}).
   *
   * @return the slot the check runs for, holding a router permit; null when close() cancelled it
   */
  private CheckExecution.Slot awaitRouter(CheckExecution e, RouterGate gate)
      throws InterruptedException {
    RouterGate.Waiter w = gate.join();
    long parkNanos = Math.max(1, e.binding.line.interval().toNanos());
    try {
      boolean granted = false;
      for (; ; ) {
        deliverSkips(e, e.takeSkipped());
        if (granted) {
          CheckExecution.Slot s = e.leaveRouterWait();
          if (s == null || !s.skipped().isEmpty()) {
            if (s == null) {
              gate.release(); // cancelled: the permit goes back
              return null;
            }
            continue; // superseded again meanwhile: deliver that skip first
          }
          return s;
        }
        if (e.slot.get().phase() == CheckExecution.CANCELLED) {
          gate.leave(w);
          return null;
        }
        // parks until granted, or the timer moved this check on (unpark), or an interval passed
        granted = gate.await(w, parkNanos);
      }
    } catch (InterruptedException | RuntimeException ex) {
      gate.leave(w);
      throw ex;
    }
  }

  /** Delivers a skipped (router busy) result for each due time. */
  void deliverSkips(CheckExecution e, List<Instant> dues) {
    if (!dues.isEmpty()) {
      delivery.routerBusy(e, dues, gates.apply(e.binding.router).cap);
    }
  }

  private long remaining(CheckExecution.Slot slot) {
    return Math.max(0, slot.deadlineNanos() - nowNanos.getAsLong());
  }
}
