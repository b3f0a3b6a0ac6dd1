package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.SchedulerListener;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.sink.ResultSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link LineScheduler} puts out: results to the sinks (each check's exactly once), events
 * to the listeners, the router-busy log, and the counters of both. A failing sink or listener is
 * logged and never stops the others. Called from the timer thread and the check threads.
 */
final class ResultDelivery {
  private static final Logger log = LoggerFactory.getLogger(LineScheduler.class);

  private final List<ResultSink> sinks;
  private final List<SchedulerListener> listeners;
  private final FirstChecks firstChecks;
  private final RouterBusyLog busyLog = new RouterBusyLog(Clock.systemUTC());
  private final LongAdder delivered = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder busySkips = new LongAdder();

  ResultDelivery(
      List<ResultSink> sinks, List<SchedulerListener> listeners, FirstChecks firstChecks) {
    this.sinks = sinks;
    this.listeners = listeners;
    this.firstChecks = firstChecks;
  }

  /** Delivers the execution's final result, unless it was delivered already. */
  boolean deliver(CheckExecution e, CheckResult result) {
    if (!e.delivered.compareAndSet(false, true)) {
      return false;
    }
    deliverOne(result, e.binding.line.interval());
    return true;
  }

  /** Delivers a skipped (router busy) result for each due time; {@code cap}: the router's. */
  void routerBusy(CheckExecution e, List<Instant> dues, int cap) {
    LineBinding b = e.binding;
    for (Instant due : dues) {
      busySkips.increment();
      busyLog.skipped(b.router.id(), cap, b.line.id(), RouterBusyLog.Source.SCHEDULER);
      deliverOne(
          CheckResult.skipped(
              b.line.id(),
              b.router.id(),
              b.line.target(),
              due,
              Instant.now(),
              SkipReason.ROUTER_BUSY),
          b.line.interval());
    }
  }

  /** The pool had no session for the check in time (the check's result says skipped). */
  void poolBusy(String routerId, int cap, String lineId) {
    busySkips.increment();
    busyLog.skipped(routerId, cap, lineId, RouterBusyLog.Source.POOL);
  }

  /** Where the router-busy streaks stand now: see {@link RouterBusyLog#mark}. */
  long busyMark() {
    return busyLog.mark();
  }

  /**
   * A check that got its router permit with nobody else waiting (at {@code mark}) got its session.
   */
  void caughtUp(String routerId, long mark) {
    busyLog.caughtUp(routerId, mark);
  }

  /** Forgets the busy episodes of routers no longer in the inventory. */
  void retainRouters(Set<String> routerIds) {
    busyLog.retain(routerIds);
  }

  /** A due run of the line is skipped: its previous check still runs (or dispatch was late). */
  void runSkipped(LineState s, LineBinding b) {
    skipped.increment();
    s.skipped.increment();
    for (SchedulerListener l : listeners) {
      try {
        l.runSkipped(s.id, b.router.id());
      } catch (RuntimeException ex) {
        log.warn("scheduler listener {} failed on runSkipped", l, ex);
      }
    }
  }

  void linesScheduled(int n) {
    for (SchedulerListener l : listeners) {
      try {
        l.linesScheduled(n);
      } catch (RuntimeException ex) {
        log.warn("scheduler listener {} failed on linesScheduled", l, ex);
      }
    }
  }

  void checkStarted(String lineId, String routerId, Duration lag) {
    for (SchedulerListener l : listeners) {
      try {
        l.checkStarted(lineId, routerId, lag);
      } catch (RuntimeException ex) {
        log.warn("scheduler listener {} failed on checkStarted", l, ex);
      }
    }
  }

  long delivered() {
    return delivered.sum();
  }

  long skipped() {
    return skipped.sum();
  }

  long busySkips() {
    return busySkips.sum();
  }

  private void deliverOne(CheckResult unslotted, Duration interval) {
    CheckResult result = firstChecks.delivered(unslotted, interval);
    delivered.increment();
    for (ResultSink sink : sinks) {
      try {
        sink.accept(result);
      } catch (RuntimeException ex) {
        log.warn("result sink {} failed on line {}", sink, result.lineId(), ex);
      }
    }
  }
}
