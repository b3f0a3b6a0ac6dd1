package io.netpool.pool;

/** One open session to a device, as made by a {@link ProtocolFactory} and lent by the pool. */
public interface ProtocolDriver extends AutoCloseable {

  /** The protocol this driver speaks. */
  Protocol protocol();

  /** False once the transport is known to be gone; the pool then discards the session. */
  boolean isOpen();

  /** Closes the session and its transport. Must not throw for an already closed session. */
  @Override
  void close();
}
