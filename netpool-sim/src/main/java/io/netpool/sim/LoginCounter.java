package io.netpool.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Logins in progress (accepted, not yet authenticated or closed), their peak, and their total. */
final class LoginCounter {
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong started = new AtomicLong();

  void started() {
    started.incrementAndGet();
    peak.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
  }

  void ended() {
    inProgress.decrementAndGet();
  }

  int inProgress() {
    return inProgress.get();
  }

  int peak() {
    return peak.get();
  }

  long total() {
    return started.get();
  }
}
