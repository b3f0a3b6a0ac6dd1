package io.netpool.sim;

/**
 * Told of every login the simulator sees: a connection accepted by a device (not refused), until
 * the client authenticated or the connection closed. Called on the server's I/O threads: keep it
 * short and never block.
 */
@FunctionalInterface
public interface LoginListener {
  /**
   * @param device the device that accepted the connection
   * @param nanoTime {@link System#nanoTime()} at the accept
   */
  void loginStarted(SimulatedDevice device, long nanoTime);
}
