package io.netpool.monitor.probe;

/**
 * Receives the masked output of every check that got one, on the check's thread: must be fast and
 * never block on I/O (hand the work to a thread of its own).
 */
@FunctionalInterface
public interface CheckOutputListener {
  CheckOutputListener NONE = o -> {};

  void output(CheckOutput output);
}
