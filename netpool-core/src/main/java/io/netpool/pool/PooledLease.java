package io.netpool.pool;

/**
 * One lease of a session: the session and the stamp it was lent under (see {@link PooledSession}).
 * A new small object per lease, so that a stale reference (a lease closed earlier) can never close
 * or use the session after it was lent to someone else: ending a lease is one CAS on the session's
 * word that requires this lease's stamp. Leases that carry hold times or the lender's stack for
 * leak reports are {@link TrackedLease}s; plain ones stay at 24 bytes.
 */
class PooledLease<D extends ProtocolDriver> implements Lease<D> {
  final PooledSession session;
  final long stamp;

  PooledLease(PooledSession session, long stamp) {
    this.session = session;
    this.stamp = stamp;
  }

  /** System.nanoTime() at lend, when listeners need hold times; else 0. */
  long startNanos() {
    return 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public D driver() {
    if (!session.leaseOpen(stamp)) {
      throw new IllegalStateException("lease of " + session + " is closed");
    }
    return (D) session.driver;
  }

  @Override
  public Device device() {
    return session.device;
  }

  @Override
  public boolean isOpen() {
    return session.leaseOpen(stamp);
  }

  @Override
  public void close() {
    session.slot.host.giveBack(session, stamp, startNanos(), null);
  }

  @Override
  public void invalidate(Throwable cause) {
    session.slot.host.giveBack(
        session,
        stamp,
        startNanos(),
        cause == null ? new IllegalStateException("invalidated") : cause);
  }

  @Override
  public String toString() {
    return "Lease[" + session + (isOpen() ? "" : " closed") + "]";
  }
}
