package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.zabbix.ZabbixSection;
import io.netpool.monitor.zabbix.ZabbixSettings;
import io.netpool.monitor.zabbix.discovery.ZabbixApiClient;
import io.netpool.monitor.zabbix.discovery.ZabbixApiException;
import io.netpool.monitor.zabbix.discovery.ZabbixDiscovery;
import io.netpool.monitor.zabbix.discovery.ZabbixInventorySource;
import io.netpool.monitor.zabbix.setup.SetupLog;
import io.netpool.monitor.zabbix.setup.ZabbixSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netpool zabbix-setup -c monitor.yml}: imports the shipped templates and sets up the router
 * hosts and their trigger dependencies ({@link ZabbixSetup}) with the API of {@code zabbix: api}.
 */
@Command(
    name = "zabbix-setup",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Imports the shipped Zabbix templates (netpool line, netpool router) through the API of the"
          + " file's zabbix: api section.",
      "For every router with a Zabbix host of its own (a device's zabbix_host, or the macro"
          + " {$LINE_ROUTER_ZABBIX_HOST} with discovery), creates that host when it is missing,"
          + " links it to netpool router, and makes the line problems of its lines depend on its"
          + " router problem, so a broken router is one problem instead of one per line.",
      "Safe to run again after every inventory change. The API user needs write access to the"
          + " hosts and templates concerned."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (or, with --dry-run, nothing failed)",
      "1:invalid file, or no zabbix: api section",
      "2:usage error",
      "3:the API failed, or some routers or lines could not be set up (printed on stderr)"
    })
final class ZabbixSetupCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml) with a zabbix: api section.")
  Path config;

  @Option(names = "--dry-run", description = "Change nothing; print what would change.")
  boolean dryRun;

  @Option(names = "--no-import", description = "Do not import the templates.")
  boolean noImport;

  @Option(
      names = "--group",
      paramLabel = "NAME",
      description = "Host group of the router hosts it creates (default: ${DEFAULT-VALUE}).")
  String group = ZabbixSetup.DEFAULT_GROUP;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) {
    InventoryLoader.MonitorFile file;
    try {
      file = MonitorFiles.loader().readMonitorFile(config);
    } catch (InventoryException e) {
      e.problems().stream().map(Problem::toString).forEach(err::println);
      err.printf("%s: invalid: %d problem(s)%n", config, e.problems().size());
      return 1;
    }
    ZabbixSettings zabbix = ZabbixSection.of(file);
    if (zabbix == null || zabbix.api() == null) {
      err.printf("%s: no zabbix: api section: the setup needs the Zabbix API%n", config);
      return 1;
    }
    try {
      Inventory inventory = inventory(zabbix, file.inventory());
      List<ZabbixSetup.RouterLines> routers = ZabbixSetup.routers(inventory);
      SetupLog log;
      try (ZabbixApiClient api = ZabbixApiClient.of(zabbix.api())) {
        log = ZabbixSetup.run(api, routers, group, !noImport, dryRun);
      }
      log.actions().forEach(out::println);
      out.printf(
          "zabbix-setup: %d routers with a Zabbix host, %d changes%s, %d problems%n",
          routers.stream().filter(r -> r.routerHost() != null).count(),
          log.actions().size(),
          dryRun ? " (dry run: none made)" : "",
          log.problems().size());
      log.problems().forEach(p -> err.println("zabbix-setup: " + p));
      return log.problems().isEmpty() ? 0 : 3;
    } catch (ZabbixApiException e) {
      err.printf(
          "zabbix-setup: the Zabbix API at %s failed: %s%n", zabbix.api().url(), e.getMessage());
      return 3;
    }
  }

  /** The file's lines, plus the discovered ones when the file discovers lines. */
  private static Inventory inventory(ZabbixSettings zabbix, Inventory file)
      throws ZabbixApiException {
    if (!zabbix.discovers()) {
      return file;
    }
    try (ZabbixDiscovery discovery = new ZabbixDiscovery(zabbix, System::getenv)) {
      return ZabbixInventorySource.discoverOnce(discovery, file).inventory();
    }
  }
}
