package io.netpool.monitor.state;

/**
 * Receives state changes, in order per line and per router, on the thread that delivered the
 * deciding check result, never under a lock. Must not block for long.
 */
public interface StateListener {
  void lineChanged(StateChange change);

  default void routerChanged(RouterChange change) {}

  /** The line is gone from the inventory: forget what is kept for it. */
  default void lineRemoved(String lineId) {}
}
