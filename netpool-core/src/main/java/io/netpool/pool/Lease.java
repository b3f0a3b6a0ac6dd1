package io.netpool.pool;

/**
 * A session lent by the pool. Use it in try-with-resources; every lease is either closed (the
 * session goes back) or invalidated (the session is discarded and replaced in the background).
 *
 * <p>Closing or invalidating twice is a no-op. After either, {@link #driver()} throws {@link
 * IllegalStateException}. A lease is a one-use handle: it never refers to a session lent to someone
 * else later.
 *
 * @param <D> the driver type
 */
public interface Lease<D extends ProtocolDriver> extends AutoCloseable {

  /** The session's driver. @throws IllegalStateException if the lease was closed or invalidated */
  D driver();

  /** The device this session belongs to. */
  Device device();

  /** True until the lease is closed or invalidated. */
  boolean isOpen();

  /** Returns the session to the pool. */
  @Override
  void close();

  /**
   * Returns the session as broken (for example after a command timed out and the channel may hold
   * stale output): it is never lent again, it is closed and replaced in the background.
   */
  void invalidate(Throwable cause);
}
