package io.netpool.monitor.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP ({@code systemctl reload netpool}) runs an action instead of ending the JVM, which is what
 * a HUP does to a Java process by default.
 */
final class Hangup {
  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  static void onHangup(Runnable action) {
    try {
      Signal.handle(new Signal("HUP"), s -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn(
          "SIGHUP cannot be handled here ({}); monitor.yml still reloads on change", e.toString());
    }
  }
}
