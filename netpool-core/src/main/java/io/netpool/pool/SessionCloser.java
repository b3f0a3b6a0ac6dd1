package io.netpool.pool;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closes sessions and rebuilds them, on workers.
 *
 * <p>Close: a session that someone moved to CLOSING is closed on its own worker, so a driver whose
 * close hangs holds up only that session (and its permits), never other closes or rebuilds. The
 * single winner of CLOSING → CLOSED, in a finally after the driver's close, gives the permits back
 * ({@link DeviceSlot#closed}).
 *
 * <p>Rebuild: REBUILDING sessions wait in one queue served by at most {@link
 * PoolConfig#rebuildWorkers()} workers, which close each and then ask its device for exactly one
 * successor. Each session enters the queue once, because only the winner of the CAS into REBUILDING
 * calls {@link #rebuild}.
 */
final class SessionCloser {
  private final Executor io;
  private final PoolEvents events;
  private final int rebuildWorkers;
  private final ConcurrentLinkedQueue<PooledSession> rebuildQueue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger rebuilders = new AtomicInteger();
  private final LongAdder closedSessions = new LongAdder();

  SessionCloser(Executor io, PoolEvents events, int rebuildWorkers) {
    this.io = io;
    this.events = events;
    this.rebuildWorkers = rebuildWorkers;
  }

  /** Sessions that reached CLOSED. */
  long closedCount() {
    return closedSessions.sum();
  }

  /** Closes a CLOSING session on a worker; {@code reason} (if not null) is reported. */
  void close(PooledSession s, EvictionReason reason) {
    close(s, reason, null);
  }

  /** {@link #close(PooledSession, EvictionReason)}, then runs {@code then} on the same worker. */
  private void close(PooledSession s, EvictionReason reason, Runnable then) {
    events.evicted(s, reason);
    Runnable task =
        () -> {
          closeNow(s);
          if (then != null) {
            then.run();
          }
        };
    try {
      io.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private void closeNow(PooledSession s) {
    try {
      closeQuietly(s.driver);
    } finally {
      if (s.moveTo(ConnectionState.CLOSING, ConnectionState.CLOSED)) {
        closedSessions.increment();
        events.closed(s);
        s.slot.closed(s);
      }
    }
  }

  static void closeQuietly(ProtocolDriver driver) {
    try {
      driver.close();
    } catch (Throwable t) {
      PoolEvents.log()
          .debug("closing a session failed: {}", DeviceUnavailableException.describe(t));
    }
  }

  // ---------------------------------------------------------------- rebuild

  /** Queues a REBUILDING session; called once per session, by the winner of the CAS into it. */
  void rebuild(PooledSession s, EvictionReason reason) {
    events.rebuildQueued(s, reason);
    s.slot.creations.oweSuccessor();
    rebuildQueue.add(s);
    startRebuilder();
  }

  private void startRebuilder() {
    for (; ; ) {
      int n = rebuilders.get();
      if (n >= rebuildWorkers || rebuildQueue.isEmpty()) {
        return;
      }
      if (rebuilders.compareAndSet(n, n + 1)) {
        try {
          io.execute(this::drainRebuilds);
        } catch (RejectedExecutionException e) {
          rebuilders.decrementAndGet();
          drainRebuilds(); // closing: do it here
        }
        return;
      }
    }
  }

  private void drainRebuilds() {
    PooledSession s;
    while ((s = rebuildQueue.poll()) != null) {
      if (s.moveTo(ConnectionState.REBUILDING, ConnectionState.CLOSING)) {
        PooledSession done = s;
        close(s, null, () -> events.rebuildDone(done, done.slot.creations.requestSuccessor()));
      }
    }
    rebuilders.decrementAndGet();
    startRebuilder(); // work that arrived after our last poll
  }
}
