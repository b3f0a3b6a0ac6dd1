package io.netpool.monitor.cli;

import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.zabbix.ZabbixSection;

/** How the commands read {@code monitor.yml}: the inventory plus the sections registered here. */
final class MonitorFiles {
  private MonitorFiles() {}

  /** A loader of {@code monitor.yml} with its {@code zabbix:} section. */
  static InventoryLoader loader() {
    return new InventoryLoader().section(ZabbixSection.KEY, ZabbixSection::read);
  }
}
