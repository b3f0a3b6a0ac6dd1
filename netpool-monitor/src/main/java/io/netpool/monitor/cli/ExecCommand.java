package io.netpool.monitor.cli;

import io.netpool.monitor.engine.Monitor;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.exec.DeviceResult;
import io.netpool.monitor.exec.DeviceSelection;
import io.netpool.monitor.exec.ExecReport;
import io.netpool.monitor.exec.ExecRunner;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.settings.ServiceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netpool exec -c FILE (--device ID ... | --tag TAG ... | --all) [--json] COMMAND...}: runs
 * commands on devices of the inventory through the monitor's pool (docs/monitor.md, "netpool
 * exec").
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs each COMMAND, in order, on every selected device of the inventory, over the same"
          + " pooled SSH sessions the monitor uses (host keys, secrets, platform profiles and the"
          + " login budget apply), several devices at once. Prints each device's output in"
          + " inventory order, as text or one JSON document."
    },
    footerHeading = "%nExample:%n",
    footer = "  netpool exec -c monitor.yml --tag site=bj 'show clock' 'show version'",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every command ran and was accepted on every device",
      "1:a device failed (no session, a rejected command, a timeout)",
      "2:usage or inventory error (unknown device, no device with the tag)"
    })
final class ExecCommand implements Callable<Integer> {
  static final int DEFAULT_PARALLEL = 8;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml).")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  /** Exactly one way of choosing devices. */
  static final class Selection {
    @Option(
        names = "--device",
        paramLabel = "ID",
        split = ",",
        description = "A device id (repeat, or separate with commas).")
    List<String> devices;

    @Option(
        names = "--tag",
        paramLabel = "TAG",
        description =
            "Devices with this tag: KEY (any value) or KEY=VALUE; repeated, a device needs all.")
    List<String> tags;

    @Option(names = "--all", description = "Every device of the inventory.")
    boolean all;
  }

  @Option(names = "--json", description = "One JSON document instead of text.")
  boolean json;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PARALLEL,
      description = "Devices at once (default: ${DEFAULT-VALUE}); logins stay within the budget.")
  int parallel;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long each command may run (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Parameters(
      arity = "1..*",
      paramLabel = "COMMAND",
      description = "Commands, run in this order on each device (quote those with spaces).")
  List<String> commands;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (parallel < 1) {
      err.println("--parallel must be at least 1, was " + parallel);
      return 2;
    }
    Inventory inventory;
    MonitorConfig settings;
    try {
      InventoryLoader.MonitorFile file = MonitorFiles.loader().readMonitorFile(config);
      inventory = file.inventory();
      settings = oneLoginAttempt(MonitorConfig.of(ServiceSettings.of(file)));
    } catch (InventoryException e) {
      e.problems().stream().map(Problem::toString).forEach(err::println);
      return 2;
    }
    List<DeviceSpec> devices;
    try {
      devices = select(inventory);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<DeviceResult> results;
    // The monitor is never started: only its pool, factories and login gates are used.
    try (Monitor monitor = Monitor.builder(inventory).config(settings).build()) {
      ExecRunner runner =
          new ExecRunner(
              monitor.pool(),
              d -> d.toDevice(settings.ssh()),
              settings.pool().acquireTimeout(),
              timeout,
              parallel,
              Clock.systemUTC());
      results = runner.run(devices, commands);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ExecReport.json(results));
      out.flush();
    } else {
      ExecReport.text(results, out);
      err.println(ExecReport.summary(results));
      err.flush();
    }
    return results.stream().allMatch(DeviceResult::ok) ? 0 : 1;
  }

  /**
   * The monitor retries a failed login with back-off until the circuit opens (5 in a row); a
   * one-shot command must not: five refused logins can lock the account out at the AAA server. With
   * a threshold of 1 the first failure opens the circuit and the waiting acquire fails at once.
   */
  static MonitorConfig oneLoginAttempt(MonitorConfig settings) {
    return settings.withPool(
        settings.pool().toBuilder()
            .circuitBreaker(1, settings.pool().circuitBreakerCoolDown())
            .build());
  }

  private List<DeviceSpec> select(Inventory inventory) {
    if (selection.devices != null) {
      return DeviceSelection.byIds(inventory, selection.devices);
    }
    if (selection.tags != null) {
      return DeviceSelection.byTags(inventory, selection.tags);
    }
    List<DeviceSpec> all = DeviceSelection.all(inventory);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no devices in " + inventory.file());
    }
    return all;
  }
}
