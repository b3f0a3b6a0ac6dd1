package io.netpool.pool;

/**
 * All that a {@link DeviceSlot} (and a lease of one of its sessions) knows of the pool that holds
 * it. The slot keeps its own state by CAS; whatever is pool-wide (settings, rules, events, the
 * global cap, workers and the scheduler) it reaches through here, the way HikariCP's ConcurrentBag
 * knows its pool only as an {@code IBagStateListener}.
 *
 * <p>No method blocks or does I/O on the caller: creations, checks and closes are handed to
 * workers.
 */
interface SlotHost {
  PoolConfig config();

  SessionRules rules();

  PoolEvents events();

  /** Global permits and the queue of devices starved of them. */
  GlobalCap globalCap();

  /** Closes CLOSING sessions and rebuilds REBUILDING ones, on workers. */
  SessionCloser closer();

  boolean isClosed();

  /** Starts a creation for {@code slot} on a worker; its permits are already reserved. */
  void startCreation(DeviceSlot slot);

  /** Health-checks, on a worker, a session the caller moved from IDLE to CHECKING. */
  void healthCheck(PooledSession s);

  /** Runs {@code task} on the scheduler after {@code delayNanos}; dropped once the pool closes. */
  void schedule(Runnable task, long delayNanos);

  /**
   * Ends the lease of {@code session} lent under {@code stamp} (close, or invalidate with a cause);
   * see {@link KeyedDevicePool#giveBack}. Takes the lease's fields, not the lease, so that a lease
   * object need not leave its caller's scope (and the JIT may scalar-replace it).
   */
  void giveBack(PooledSession session, long stamp, long startNanos, Throwable invalidatedBy);
}
