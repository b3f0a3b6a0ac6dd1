package io.netpool.monitor.cli;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Durations;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.settings.ServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpool ping --device D --target IP}: one ping from a router, printed as JSON. */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = {
      "Pings TARGET once from router DEVICE of the inventory, over the same pooled SSH "
          + "path the monitor uses, and prints the check result as JSON (status, loss, RTT, "
          + "failure)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a result was produced (any status, also error: see 'failure')",
      "1:invalid inventory",
      "2:usage error (unknown device, bad address)"
    })
final class PingCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml) holding the router.")
  Path config;

  @Option(names = "--device", required = true, description = "Router id in the inventory.")
  String device;

  @Option(names = "--target", required = true, description = "IPv4 or IPv6 address to ping.")
  String target;

  @Option(names = "--source", description = "Source address or interface.")
  String source;

  @Option(names = "--vrf", description = "VRF / vpn-instance / routing-instance.")
  String vrf;

  @Option(names = "--repeat", defaultValue = "5", description = "Probes (default: 5).")
  int repeat;

  @Option(
      names = "--timeout",
      defaultValue = "2s",
      description = "Per-probe timeout, e.g. 2s or 500ms (default: 2s).")
  String timeout;

  @Option(names = "--size", description = "Payload size in bytes.")
  Integer size;

  @Override
  public Integer call() throws Exception {
    Inventory inventory;
    MonitorConfig settings;
    try {
      InventoryLoader.MonitorFile file = MonitorFiles.loader().readMonitorFile(config);
      inventory = file.inventory();
      settings = MonitorConfig.of(ServiceSettings.of(file)); // known_hosts, timeouts, keepalive
    } catch (InventoryException e) {
      for (Problem p : e.problems()) {
        spec.commandLine().getErr().println(p);
      }
      return 1;
    }
    DeviceSpec router =
        inventory
            .device(device)
            .orElseThrow(
                () ->
                    new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "no device '" + device + "' in " + config));
    LineSpec line;
    try {
      Duration perProbe = Durations.parse(timeout);
      line =
          new LineSpec(
              "ping:" + device + ":" + target,
              device,
              target,
              source,
              vrf,
              repeat,
              perProbe,
              size,
              Duration.ofMinutes(1),
              Map.of());
      line.pingRequest(); // validates address, count, source and VRF
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (Monitor monitor = Monitor.builder(inventory).config(settings).build()) {
      CheckResult result = monitor.checkNow(line, router);
      spec.commandLine().getOut().println(CheckResultJson.toJson(result));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
