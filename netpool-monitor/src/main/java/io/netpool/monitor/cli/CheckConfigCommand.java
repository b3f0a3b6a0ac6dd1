package io.netpool.monitor.cli;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpool check-config -c monitor.yml}: validates an inventory without running it. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Validates an inventory file and prints every problem with file, line, column and field.",
      "Secret references (env, file) are resolved, so a missing variable is reported too."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:valid", "1:invalid (problems printed on stderr)", "2:usage error"})
final class CheckConfigCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml).")
  Path config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Inventory inventory = InventoryLoader.load(config);
      out.printf(
          "%s: valid: %d devices, %d lines%n",
          config, inventory.devices().size(), inventory.lines().size());
      for (Problem warning : inventory.warnings()) {
        out.println("warning: " + warning);
      }
      out.flush();
      return 0;
    } catch (InventoryException e) {
      for (Problem p : e.problems()) {
        err.println(p);
      }
      err.printf("%s: invalid: %d problem(s)%n", config, e.problems().size());
      err.flush();
      return 1;
    }
  }
}
