package io.netpool.monitor.cli;

import picocli.CommandLine;

/** Entry point of the {@code netpool} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (see {@link NetpoolCommand}). */
  public static int run(String... args) {
    return new CommandLine(new NetpoolCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }
}
