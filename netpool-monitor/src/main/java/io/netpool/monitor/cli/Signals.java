package io.netpool.monitor.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals as commands: SIGHUP ({@code systemctl reload netpool}) runs an action instead of ending
 * the JVM, which is what a HUP does to a Java process by default; SIGTERM and SIGINT end the run
 * through the normal graceful path, so the command exits 0.
 */
final class Signals {
  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Runs {@code action} on the signal {@code name} (HUP, TERM, INT) where the JVM allows it, until
   * the returned handle is closed, which puts the previous handler back.
   */
  static AutoCloseable on(String name, Runnable action) {
    try {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, s -> action.run());
      return () -> Signal.handle(signal, previous);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("SIG{} cannot be handled here: {}", name, e.toString());
      return () -> {};
    }
  }
}
