package io.netpool.monitor.it.zabbix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The template netpool ships ({@code zabbix/templates/netpool_line.yaml}), imported for real. */
final class ShippedTemplate {
  /** The file in the repository (the module's folder is the tests' working directory). */
  static final Path FILE = Path.of("..", "zabbix", "templates", "netpool_line.yaml");

  static final String NAME = "netpool line";

  private ShippedTemplate() {}

  /** Imports (or updates) the template with {@code configuration.import}; returns its id. */
  static String importInto(ZabbixAdmin admin) {
    try {
      admin.importConfiguration(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return admin.templateId(NAME).orElseThrow();
  }
}
