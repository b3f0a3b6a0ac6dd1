package io.netpool.monitor.sink;

import io.netpool.monitor.check.CheckResult;

/**
 * Receives every check result. Sinks are called from the scheduler's threads, concurrently, and
 * must not block for long (buffer and deliver on their own thread if they do I/O). Add a sink by
 * implementing this in {@code io.netpool.monitor.sink.<name>}.
 */
public interface ResultSink extends AutoCloseable {

  void accept(CheckResult result);

  /** Flushes what is buffered; called once at shutdown. */
  @Override
  default void close() {}
}
