package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.inventory.Durations;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.zabbix.ZabbixSection;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.DiscoveredLine;
import io.netpool.monitor.zabbix.discovery.HostProblem;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException;
import io.netpool.monitor.zabbix.discovery.ZabbixDiscovery;
import io.netpool.monitor.zabbix.discovery.ZabbixInventorySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netpool check-config -c monitor.yml}: validates an inventory without running it, and runs
 * one Zabbix discovery when the file has a {@code zabbix: discovery} section.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Validates an inventory file and prints every problem with file, line, column and field.",
      "Secret references (env, file) are resolved, so a missing variable is reported too.",
      "With a zabbix: discovery section, runs one discovery and prints the lines found "
          + "and every line host that cannot be monitored, with the reasons."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:valid (and discovery found no host with a problem)",
      "1:invalid (problems printed on stderr)",
      "2:usage error",
      "3:the file is valid, but discovery failed or found hosts with problems"
    })
final class CheckConfigCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml).")
  Path config;

  @Option(names = "--no-discovery", description = "Do not ask the Zabbix API; check the file only.")
  boolean noDiscovery;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InventoryLoader.MonitorFile file;
    try {
      file = MonitorFiles.loader().readMonitorFile(config);
    } catch (InventoryException e) {
      for (Problem p : e.problems()) {
        err.println(p);
      }
      err.printf("%s: invalid: %d problem(s)%n", config, e.problems().size());
      err.flush();
      return 1;
    }
    Inventory inventory = file.inventory();
    out.printf(
        "%s: valid: %d devices, %d lines%n",
        config, inventory.devices().size(), inventory.lines().size());
    for (Problem warning : inventory.warnings()) {
      out.println("warning: " + warning);
    }
    int code = 0;
    ZabbixSettings zabbix = ZabbixSection.of(file);
    if (zabbix != null && zabbix.discovers() && !noDiscovery) {
      code = discover(zabbix, inventory, out, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  private static int discover(
      ZabbixSettings zabbix, Inventory inventory, PrintWriter out, PrintWriter err) {
    try (ZabbixDiscovery discovery = new ZabbixDiscovery(zabbix, System::getenv)) {
      ZabbixInventorySource.Discovered d;
      try {
        d = ZabbixInventorySource.discoverOnce(discovery, inventory);
      } catch (ZabbixApiException e) {
        err.printf("zabbix: discovery from %s failed: %s%n", discovery.describe(), e.getMessage());
        return 3;
      }
      out.printf(
          "zabbix: Zabbix %s at %s, hosts monitored by %s with tag %s=%s: %d lines, %d hosts with"
              + " problems%n",
          d.result().version(),
          discovery.describe(),
          d.result().scope(),
          zabbix.discovery().tagName(),
          zabbix.discovery().tagValue(),
          d.discoveredLines(),
          d.problems().size());
      Set<String> withProblems =
          d.problems().stream().map(p -> p.host().hostid()).collect(Collectors.toSet());
      for (DiscoveredLine l : d.result().lines()) {
        if (withProblems.contains(l.host().hostid())) {
          continue;
        }
        out.printf(
            "  line %s: %s, router %s (%s/%s), target %s every %s -> Zabbix host %s%n",
            l.line().id(),
            l.host(),
            l.router().id(),
            l.router().platform().id(),
            l.router().protocol(),
            l.line().target(),
            Durations.format(l.line().interval()),
            l.line().zabbixRoute());
      }
      for (HostProblem p : d.problems()) {
        err.println("zabbix: " + p);
      }
      return d.problems().isEmpty() ? 0 : 3;
    }
  }
}
