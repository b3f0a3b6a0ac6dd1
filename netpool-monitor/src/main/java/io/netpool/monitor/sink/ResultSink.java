package io.netpool.monitor.sink;

import io.netpool.monitor.check.CheckResult;
import java.util.Collection;

/**
 * Receives every check result. Sinks are called from the scheduler's threads, concurrently, and
 * must not block for long (buffer and deliver on their own thread if they do I/O). Add a sink by
 * implementing this in {@code io.netpool.monitor.sink.<name>} (or in its feature package, as Zabbix
 * does) and passing it to {@code MonitorRuntime.Builder.sink}.
 */
public interface ResultSink extends AutoCloseable {

  void accept(CheckResult result);

  /**
   * Called by the engine after every inventory change with the ids of the lines that remain: a sink
   * that keeps state per line drops the rest here, so removed lines leak nothing.
   */
  default void retainLines(Collection<String> lineIds) {}

  /**
   * Why this sink cannot deliver right now (its output failed, its server is unreachable), or null
   * when it can. A non-null answer makes the monitor not ready ({@code /readyz}).
   */
  default String problem() {
    return null;
  }

  /** Flushes what is buffered; called once at shutdown. */
  @Override
  default void close() {}
}
