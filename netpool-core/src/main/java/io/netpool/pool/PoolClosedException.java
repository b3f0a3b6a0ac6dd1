package io.netpool.pool;

/** The pool is closed or closing: no session is lent any more. */
public final class PoolClosedException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolClosedException(Device device, Protocol protocol) {
    super(
        "pool is closed"
            + (device == null ? "" : " (acquire " + device.id() + "/" + protocol + ")"),
        device,
        protocol,
        null);
  }
}
