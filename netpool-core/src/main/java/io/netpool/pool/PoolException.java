package io.netpool.pool;

/** Base class of the pool's typed failures. Messages never contain credentials. */
public abstract class PoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Device device;
  private final transient Protocol protocol;

  PoolException(String message, Device device, Protocol protocol, Throwable cause) {
    super(message, cause);
    this.device = device;
    this.protocol = protocol;
  }

  /** The device the failed operation was for, or {@code null} for pool-wide failures. */
  public Device device() {
    return device;
  }

  /** The protocol the failed operation was for, or {@code null}. */
  public Protocol protocol() {
    return protocol;
  }
}
