package io.netpool.monitor.cli;

import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import io.netpool.ssh.platform.ProfileException;
import picocli.CommandLine;

/** Entry point of the {@code netpool} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (see {@link NetpoolCommand}). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /**
   * As {@link #run(String...)}, writing the command's output and errors to {@code out} and {@code
   * err} (null: standard output and error).
   */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    try {
      // A user's platform folder joins the shipped profiles for every command.
      Platforms.use(PlatformRegistry.fromEnvironment());
    } catch (ProfileException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "netpool: the platform profiles in "
              + PlatformRegistry.ENV_PLATFORMS_DIR
              + " are broken");
      return 1;
    }
    CommandLine cli =
        new CommandLine(new NetpoolCommand())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setUsageHelpAutoWidth(true); // the terminal's width when known, else 80 columns
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }
}
