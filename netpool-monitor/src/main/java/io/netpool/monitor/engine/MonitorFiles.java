package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.settings.ServiceSettings;
import io.netpool.monitor.zabbix.ZabbixSection;

/**
 * How {@code monitor.yml} is read by the commands and the runtime's file watcher: the inventory
 * plus the sections registered here: {@code zabbix:} and the service settings ({@link
 * ServiceSettings}).
 */
public final class MonitorFiles {
  private MonitorFiles() {}

  /** A loader of {@code monitor.yml} with its {@code zabbix:} section and service settings. */
  public static InventoryLoader loader() {
    return ServiceSettings.register(
        new InventoryLoader().section(ZabbixSection.KEY, ZabbixSection::read));
  }
}
