package io.netpool.monitor.cli;

import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.monitor.logging.LogSetup;
import io.netpool.monitor.logging.LogSetupException;
import io.netpool.monitor.settings.ServiceSettings;
import io.netpool.monitor.zabbix.ZabbixSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpool run -c monitor.yml}: monitors the inventory's lines until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every line of the inventory at its interval and reports the results: live "
          + "table, status page and /metrics on 127.0.0.1:9464, optional JSON lines and "
          + "Zabbix.",
      "The inventory is reloaded when the file changes; a bad file is reported and ignored.",
      "With a zabbix: discovery section, lines are also discovered from Zabbix hosts "
          + "and kept in step at each sync; results go to the proxy or server that monitors "
          + "each host."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped normally", "1:invalid inventory or failure", "2:usage error"})
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory (monitor.yml).")
  Path config;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    InventoryLoader.MonitorFile file;
    try {
      file = MonitorFiles.loader().readMonitorFile(config);
    } catch (InventoryException e) {
      for (Problem p : e.problems()) {
        spec.commandLine().getErr().println(p);
      }
      spec.commandLine().getErr().println(config + ": invalid; not started");
      return 1;
    }
    ServiceSettings settings = ServiceSettings.of(file);
    if (settings.logging() != null) {
      try {
        LogSetup.apply(settings.logging());
      } catch (LogSetupException e) {
        spec.commandLine()
            .getErr()
            .println(config + ": logging: " + e.getMessage() + "; not started");
        return 1;
      }
    }
    HangupReload reload = new HangupReload();
    // before the start: a HUP during it must not end the JVM (the default action)
    try (AutoCloseable hangup = Signals.on("HUP", reload::onHangup)) {
      MonitorRuntime runtime;
      try {
        runtime =
            output
                .applyTo(MonitorRuntime.builder(file.inventory()), settings.http())
                .settings(settings)
                .onLiveSettings(RunCommand::applyLogging)
                .stateDir(settings.stateDir())
                .zabbix(ZabbixSection.of(file))
                .watch(config)
                .start();
      } catch (IOException e) {
        spec.commandLine().getErr().println(config + ": " + e.getMessage() + "; not started");
        return 1;
      }
      reload.started(runtime::reload);
      Runner.runUntilStopped(runtime, output.duration);
    }
    return 0;
  }

  /** A reload's {@code logging:} section; a bad one keeps the logging in force. */
  private static void applyLogging(ServiceSettings s) {
    try {
      if (s.logging() == null) {
        LogSetup.reset(); // the section was removed: back to logback.xml
      } else {
        LogSetup.apply(s.logging());
      }
    } catch (LogSetupException e) {
      LoggerFactory.getLogger(RunCommand.class)
          .error("logging: {}; the logging in force stays", e.getMessage());
    }
  }
}
