package io.netpool.pool;

import java.io.IOException;
import java.time.Duration;

/**
 * Opens and checks sessions of one protocol. The pool calls it only from its own worker threads and
 * never while holding a lock.
 *
 * @param <D> the driver type
 */
public interface ProtocolFactory<D extends ProtocolDriver> {

  /** The protocol this factory opens. */
  Protocol protocol();

  /**
   * Opens one authenticated session. Must return or throw within {@code timeout}; the pool also
   * gives up on its own at that deadline, interrupts the call and closes a session that arrives
   * late.
   */
  D create(Device device, Duration timeout) throws IOException;

  /**
   * Health probe of an idle session. Returns normally when healthy, throws otherwise. The default
   * only asks {@link ProtocolDriver#isOpen()}.
   */
  default void check(D driver, Duration timeout) throws IOException {
    if (!driver.isOpen()) {
      throw new IOException("session is closed");
    }
  }
}
