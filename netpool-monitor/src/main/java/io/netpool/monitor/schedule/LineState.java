package io.netpool.monitor.schedule;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The scheduler's state of one line: its binding, next due time and the check in flight. */
final class LineState {
  final String id;
  volatile LineBinding binding;
  volatile boolean removed;
  volatile long nextDueNanos = Long.MIN_VALUE;
  // timer thread only
  long lastDueNanos = Long.MIN_VALUE;
  ScheduledFuture<?> future;
  final AtomicReference<CheckExecution> running = new AtomicReference<>();
  final LongAdder skipped = new LongAdder();

  LineState(String id, LineBinding binding) {
    this.id = id;
    this.binding = binding;
  }

  void cancel() {
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
    nextDueNanos = Long.MIN_VALUE;
  }
}
