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
      if (previous == SignalHandler.SIG_IGN) {
        // The JVM leaves a signal the process was started ignoring (nohup, some supervisors)
        // ignored: the action can never run. Say so rather than fail silently.
        log.warn(
            "SIG{} is ignored by this process (inherited from its parent, as under nohup): it"
                + " does nothing here{}",
            name,
            "HUP".equals(name)
                ? "; monitor.yml is still reloaded when it changes, and systemd's"
                    + " ExecReload sends a HUP that works"
                : "");
      }
      return () -> Signal.handle(signal, previous);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("SIG{} cannot be handled here: {}", name, e.toString());
      return () -> {};
    }
  }
}
