package io.netpool.monitor.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps a runtime up until Ctrl-C (or a duration), then closes it gracefully. */
final class Runner {
  private Runner() {}

  static void runUntilStopped(AutoCloseable runtime, Duration duration) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(30, TimeUnit.SECONDS); // let the main thread finish closing
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "netpool-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // SIGTERM and Ctrl-C stop like --duration does, so the command returns and exits 0; the hook
    // stays for any other way the JVM is asked to end.
    try (AutoCloseable term = Signals.on("TERM", stop::countDown);
        AutoCloseable interrupt = Signals.on("INT", stop::countDown)) {
      if (duration == null) {
        stop.await();
      } else {
        stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
      }
    } finally {
      try {
        runtime.close();
      } finally {
        closed.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it waits for `closed`
        }
      }
    }
  }
}
