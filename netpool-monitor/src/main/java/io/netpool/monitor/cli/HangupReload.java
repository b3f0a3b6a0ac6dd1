package io.netpool.monitor.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGHUP as "reload", from before the monitor starts: a HUP that arrives while it is starting (a
 * {@code systemctl reload} right after the start) is kept and carried out once it runs, instead of
 * ending the JVM, which is what a HUP does to a Java process without a handler.
 *
 * <p>Either side may see the request first: the handler marks it and reloads if the runtime is
 * there; {@link #started} publishes the reload and runs it if a mark is left. Whoever clears the
 * mark reloads, so a request is never lost and never run twice.
 */
final class HangupReload {
  private final AtomicReference<Runnable> reload = new AtomicReference<>();
  private final AtomicBoolean requested = new AtomicBoolean();

  /** The signal's action. */
  void onHangup() {
    requested.set(true);
    reloadIfRequested();
  }

  /**
   * The monitor runs: {@code action} reloads it ({@code runtime::reload}); a request that came
   * during its start is carried out now.
   */
  void started(Runnable action) {
    reload.set(action);
    reloadIfRequested();
  }

  private void reloadIfRequested() {
    Runnable r = reload.get();
    if (r != null && requested.getAndSet(false)) {
      r.run();
    }
  }
}
