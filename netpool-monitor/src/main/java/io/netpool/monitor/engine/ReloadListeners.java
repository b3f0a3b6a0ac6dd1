package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryDiff;
import io.netpool.monitor.inventory.InventoryException;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.InventoryWatcher;
import io.netpool.monitor.zabbix.discovery.ZabbixInventorySource;

/**
 * The listeners between the inventory file watcher and the engine that {@link MonitorRuntime}
 * chains.
 */
final class ReloadListeners {
  private ReloadListeners() {}

  /** With discovery, a reloaded file is merged with the discovered lines before it is applied. */
  static InventoryWatcher.Listener fileToDiscovery(
      ZabbixInventorySource discovery, InventoryWatcher.Listener changes) {
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff fileDiff) {
        discovery.fileChanged(next);
      }

      @Override
      public void rejected(InventoryException error) {
        changes.rejected(error);
      }

      @Override
      public void sectionsRead(InventoryLoader.MonitorFile file) {
        changes.sectionsRead(file);
      }
    };
  }

  /** {@code changes}, also handing each reloaded file's service settings to {@code reload}. */
  static InventoryWatcher.Listener withSettings(
      InventoryWatcher.Listener changes, SettingsReload reload) {
    if (reload == null) {
      return changes;
    }
    return new InventoryWatcher.Listener() {
      @Override
      public void reloaded(Inventory next, InventoryDiff diff) {
        changes.reloaded(next, diff);
      }

      @Override
      public void rejected(InventoryException error) {
        changes.rejected(error);
      }

      @Override
      public void sectionsRead(InventoryLoader.MonitorFile file) {
        reload.read(file);
      }
    };
  }
}
