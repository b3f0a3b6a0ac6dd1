package io.netpool.monitor.it.zabbix;

import io.netpool.monitor.cli.Main;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code netpool} command line run in this JVM on its own thread, as {@code Main.main} would
 * run it but returning the exit code instead of exiting: the test can watch it while it runs.
 */
final class InProcessCli {
  private final List<String> args;
  private final java.io.PrintWriter out;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

  private InProcessCli(List<String> args, java.io.Writer out) {
    this.args = List.copyOf(args);
    this.out = out == null ? null : new java.io.PrintWriter(out, true);
  }

  /** Starts {@code netpool ARGS...} on a new platform thread. */
  static InProcessCli start(List<String> args) {
    return start(args, null);
  }

  /** As {@link #start(List)}, the command's standard output going to {@code out}. */
  static InProcessCli start(List<String> args, java.io.Writer out) {
    InProcessCli cli = new InProcessCli(args, out);
    Thread.ofPlatform()
        .name("netpool-cli-" + args.getFirst())
        .start(
            () -> {
              try {
                cli.exitCode.complete(Main.run(cli.out, null, cli.args.toArray(String[]::new)));
              } catch (Throwable t) {
                cli.exitCode.completeExceptionally(t);
              }
            });
    return cli;
  }

  boolean isRunning() {
    return !exitCode.isDone();
  }

  /** Waits for the command to end and returns its exit code. */
  int awaitExit(Duration limit) throws InterruptedException, TimeoutException {
    try {
      return exitCode.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("netpool " + args + " threw", e.getCause());
    }
  }
}
