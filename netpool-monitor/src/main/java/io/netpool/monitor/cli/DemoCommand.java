package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.ssh.HostKeyMode;
import java.io.IOException;
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

  @Option(
      names = "--nodes",
      defaultValue = "1",
      description =
          "Run a cluster of N nodes on this machine (docs/cluster.md): this process is node n1,"
              + " the others are `netpool run` processes; kill one to see its lines taken over"
              + " (default: ${DEFAULT-VALUE}, no cluster).")
  int nodes;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 9) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--nodes must be 1 to 9, not " + nodes);
    }
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
      DemoCluster cluster = nodes > 1 ? DemoCluster.start(dir, fleet.inventoryYaml, nodes) : null;
      MonitorRuntime runtime;
      try {
        runtime =
            output
                .applyTo(MonitorRuntime.builder(inventory))
                .config(config)
                .cluster(cluster == null ? null : cluster.self)
                .stateDir(dir.resolve("state")) // the history, as with run, for this demo only
                .start();
      } catch (IOException | RuntimeException e) {
        if (cluster != null) {
          cluster.close();
        }
        throw e;
      }
      if (runtime.statusUri() != null) {
        System.err.println("netpool demo: status page " + runtime.statusUri());
      }
      Runner.runUntilStopped(
          () -> {
            try {
              runtime.close();
            } finally {
              if (cluster != null) {
                cluster.close();
              }
            }
          },
          output.duration);
    }
    return 0;
  }
}
