package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.ssh.HostKeyMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpool demo}: the monitor against an embedded simulated fleet. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts simulated routers (every platform, lines with loss, down and unreachable "
          + "peers, a router that refuses the login and one that hangs) on 127.0.0.1 and "
          + "monitors them with the live table and the status page, until Ctrl-C or "
          + "--duration."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped normally", "1:failure", "2:usage error"})
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      description = "Check interval of every line (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--write-inventory",
      paramLabel = "FILE",
      description = "Also write the generated inventory to FILE (it holds the demo's password).")
  Path writeInventory;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("netpool-demo");
    try (DemoFleet fleet = DemoFleet.start(seed, 0.05, interval)) {
      Path inventoryFile = dir.resolve("monitor.yml");
      byte[] yaml = fleet.inventoryYaml.getBytes(StandardCharsets.UTF_8);
      Files.write(inventoryFile, yaml);
      if (writeInventory != null) {
        Files.write(writeInventory, yaml);
      }
      Inventory inventory = new InventoryLoader().parse(inventoryFile, yaml);
      MonitorConfig base = MonitorConfig.defaults();
      MonitorConfig config =
          base.withSsh(
              base.ssh()
                  .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
                  .withKnownHostsFile(dir.resolve("known_hosts")));
      MonitorRuntime runtime =
          output
              .applyTo(MonitorRuntime.builder(inventory))
              .config(config)
              .stateDir(dir.resolve("state")) // the history, as with run, for this demo only
              .start();
      if (runtime.statusUri() != null) {
        System.err.println("netpool demo: status page " + runtime.statusUri());
      }
      Runner.runUntilStopped(runtime, output.duration);
    }
    return 0;
  }
}
