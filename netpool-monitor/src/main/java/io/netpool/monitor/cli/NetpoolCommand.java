package io.netpool.monitor.cli;

import picocli.CommandLine.Command;

/**
 * The {@code netpool} command. Exit codes: 0 success, 1 failure (invalid config, unreadable file,
 * failed run), 2 usage error (unknown option or value).
 */
@Command(
    name = "netpool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Monitors dedicated lines by pinging from their routers over pooled SSH sessions.",
    subcommands = {
      RunCommand.class,
      PingCommand.class,
      ExecCommand.class,
      DemoCommand.class,
      CheckConfigCommand.class,
      ParseCommand.class,
      ZabbixSetupCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (invalid config, unreadable input)", "2:usage error"})
public final class NetpoolCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
