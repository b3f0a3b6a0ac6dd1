package io.netpool.monitor.schedule;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One check in flight. Its {@link Slot} (changed only by CAS) says which due time it stands for,
 * its phase, and the earlier due times skipped while it waited for its router whose results are
 * still to be delivered. The timer, the check's thread and close() race only through that CAS, so
 * every due time gets exactly one result.
 */
final class CheckExecution {
  static final int ROUTER_WAIT = 0;
  static final int GLOBAL_WAIT = 1;
  static final int RUNNING = 2;
  static final int CANCELLED = 3;

  /**
   * @param due the due time the check stands for
   * @param deadlineNanos its next due time (epoch nanos): the global permit is awaited until then
   * @param phase {@link #ROUTER_WAIT}, {@link #GLOBAL_WAIT}, {@link #RUNNING} or {@link #CANCELLED}
   * @param skipped due times skipped (router busy) whose results are not delivered yet
   */
  record Slot(Instant due, long deadlineNanos, int phase, List<Instant> skipped) {}

  final LineState line;
  final LineBinding binding;
  final AtomicReference<Slot> slot;
  final AtomicBoolean delivered = new AtomicBoolean();
  volatile Thread thread;

  CheckExecution(LineState line, LineBinding binding, Instant due, long deadlineNanos) {
    this.line = line;
    this.binding = binding;
    this.slot = new AtomicReference<>(new Slot(due, deadlineNanos, ROUTER_WAIT, List.of()));
  }

  /**
   * The line's next due time came while this check still waits for its router: it stands for {@code
   * due} now, and the due time it stood for is skipped. False once it has its router permit (then
   * the due time is an overrun, as before) or was cancelled.
   */
  boolean supersede(Instant due, long deadlineNanos) {
    for (; ; ) {
      Slot s = slot.get();
      if (s.phase != ROUTER_WAIT) {
        return false;
      }
      List<Instant> skipped = new ArrayList<>(s.skipped);
      skipped.add(s.due);
      if (slot.compareAndSet(s, new Slot(due, deadlineNanos, ROUTER_WAIT, List.copyOf(skipped)))) {
        return true;
      }
    }
  }

  /** Takes the skipped due times whose results are still to be delivered (by the caller). */
  List<Instant> takeSkipped() {
    for (; ; ) {
      Slot s = slot.get();
      if (s.skipped.isEmpty()) {
        return List.of();
      }
      if (slot.compareAndSet(s, new Slot(s.due, s.deadlineNanos, s.phase, List.of()))) {
        return s.skipped;
      }
    }
  }

  /**
   * Router permit granted: ends the router wait if no skipped due time is pending. Returns the slot
   * (with pending skips when the router wait goes on: deliver them first), or null when cancelled.
   */
  Slot leaveRouterWait() {
    for (; ; ) {
      Slot s = slot.get();
      if (s.phase != ROUTER_WAIT) {
        return null;
      }
      if (!s.skipped.isEmpty()) {
        return s;
      }
      Slot next = new Slot(s.due, s.deadlineNanos, GLOBAL_WAIT, List.of());
      if (slot.compareAndSet(s, next)) {
        return next;
      }
    }
  }

  /** Global permit taken: the check runs. False when close() cancelled it first. */
  boolean start() {
    for (; ; ) {
      Slot s = slot.get();
      if (s.phase != GLOBAL_WAIT) {
        return false;
      }
      if (slot.compareAndSet(s, new Slot(s.due, s.deadlineNanos, RUNNING, List.of()))) {
        return true;
      }
    }
  }

  /**
   * close(): cancels a check that has not started. Returns the slot it had (its due time and the
   * skipped due times to report), or null when it runs already (or was cancelled).
   */
  Slot cancel() {
    for (; ; ) {
      Slot s = slot.get();
      if (s.phase != ROUTER_WAIT && s.phase != GLOBAL_WAIT) {
        return null;
      }
      if (slot.compareAndSet(s, new Slot(s.due, s.deadlineNanos, CANCELLED, List.of()))) {
        return s;
      }
    }
  }

  CheckResult failed(Instant due, FailureKind kind, String message) {
    Instant now = Instant.now();
    return CheckResult.failed(
        binding.line.id(),
        binding.router.id(),
        binding.line.target(),
        due,
        now,
        now,
        kind,
        message,
        null);
  }

  CheckResult shutdownResult(String message) {
    return failed(slot.get().due(), FailureKind.SHUTDOWN, message);
  }
}
