package io.netpool.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Health checks of sessions, on workers, each bounded by {@link PoolConfig#healthCheckTimeout()}:
 * housekeeping checks of IDLE sessions (nobody waits) and validation of a long-idle session before
 * it is lent (its borrower waits, at most for what is left of its timeout).
 *
 * <p>A checked session is CHECKING. Exactly one of the check and its watchdog settles it: passed
 * (back to IDLE, or to ACQUIRED for the borrower waiting for it) or failed/timed out (REBUILDING,
 * by CAS, so the session is rebuilt once). A borrower that gives up while the check runs loses
 * nothing: the check's own completion then decides the session's fate.
 */
final class SessionChecks {
  private final Duration timeout;
  private final Executor io;
  private final ScheduledExecutorService scheduler;
  private final PoolEvents events;
  private final SessionCloser closer;

  /** The pool's coarse clock, for {@link PooledSession#lastCheckedAt}. */
  private final LongSupplier clock;

  SessionChecks(
      Duration timeout,
      Executor io,
      ScheduledExecutorService scheduler,
      PoolEvents events,
      SessionCloser closer,
      LongSupplier clock) {
    this.timeout = timeout;
    this.io = io;
    this.scheduler = scheduler;
    this.events = events;
    this.closer = closer;
    this.clock = clock;
  }

  /** Housekeeping check of a session it moved from IDLE to CHECKING; nobody waits for it. */
  void healthCheck(PooledSession s) {
    start(s, true);
  }

  /**
   * Validate-on-borrow of an ACQUIRED session: the check runs on a worker like a housekeeping
   * check; the borrower waits for it at most its remaining budget. If the budget runs out first the
   * borrower walks away and the check's own completion decides the session's fate.
   */
  boolean validate(PooledSession s, long budgetNanos) {
    if (!s.moveTo(ConnectionState.ACQUIRED, ConnectionState.CHECKING)) {
      return false;
    }
    Check check = start(s, false);
    try {
      if (check.result.get(Math.max(0, budgetNanos), TimeUnit.NANOSECONDS)) {
        s.lastCheckedAt = clock.getAsLong();
        return s.moveTo(ConnectionState.CHECKING, ConnectionState.ACQUIRED);
      }
      return false;
    } catch (TimeoutException e) {
      return check.abandon() ? false : takeAfterRace(s, check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return check.abandon() ? false : takeAfterRace(s, check);
    } catch (ExecutionException e) {
      return false;
    }
  }

  private boolean takeAfterRace(PooledSession s, Check check) {
    if (check.result.join()) {
      s.lastCheckedAt = clock.getAsLong();
      return s.moveTo(ConnectionState.CHECKING, ConnectionState.ACQUIRED);
    }
    return false;
  }

  /**
   * One health check of a CHECKING session, on a worker, with a watchdog at healthCheckTimeout. A
   * failed or timed-out check moves the session to REBUILDING (exactly one of the worker and the
   * watchdog wins that CAS). A passed check either goes to the borrower waiting for it, or, when
   * nobody waits (housekeeping, or the borrower gave up), back to IDLE.
   */
  private final class Check {
    private static final int PENDING = 0;
    private static final int PASSED = 1;
    private static final int ABANDONED = 2;

    final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private final AtomicInteger outcome;
    private final PooledSession session;

    Check(PooledSession session, boolean unattended) {
      this.session = session;
      this.outcome = new AtomicInteger(unattended ? ABANDONED : PENDING);
    }

    /** The borrower gives up waiting; false if the check passed first (the borrower takes it). */
    boolean abandon() {
      return outcome.compareAndSet(PENDING, ABANDONED);
    }

    void passed() {
      if (outcome.compareAndSet(PENDING, PASSED)) {
        result.complete(true);
      } else if (session.moveTo(ConnectionState.CHECKING, ConnectionState.IDLE)) {
        session.lastCheckedAt = clock.getAsLong();
        result.complete(true);
        session.slot.afterIdle(session);
      } else {
        result.complete(false);
      }
    }

    void failed(Throwable cause) {
      if (session.moveTo(ConnectionState.CHECKING, ConnectionState.REBUILDING)) {
        events.healthCheckFailed(session, cause);
        closer.rebuild(session, EvictionReason.HEALTH);
      }
      result.complete(false);
    }
  }

  private Check start(PooledSession s, boolean unattended) {
    Check check = new Check(s, unattended);
    try {
      var watchdog =
          scheduler.schedule(
              () -> check.failed(new TimeoutException("health check timed out")),
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
      io.execute(
          () -> {
            Throwable failure = null;
            try {
              s.slot.factory.check(s.driver, timeout);
            } catch (Throwable t) {
              failure = t;
            }
            watchdog.cancel(false);
            if (failure == null) {
              check.passed();
            } else {
              check.failed(failure);
            }
          });
    } catch (RejectedExecutionException e) { // closing
      check.failed(new PoolClosedException(s.device, s.slot.protocol));
    }
    return check;
  }
}
