package io.netpool.monitor.status;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import java.util.List;
import java.util.Objects;

/**
 * What a view shows about a device: its id, platform and protocol. Deliberately no host, user name,
 * password, key or secret reference.
 *
 * @param id device id (the pool's key)
 * @param platform platform id such as {@code cisco_iosxe}
 * @param protocol protocol name such as {@code ssh} or {@code cli}
 */
public record DeviceInfo(String id, String platform, String protocol) {

  public DeviceInfo {
    Objects.requireNonNull(id, "id");
  }

  public static DeviceInfo of(DeviceSpec device) {
    return new DeviceInfo(device.id(), device.platform().id(), device.protocol().name());
  }

  /** The inventory's devices, in file order. */
  public static List<DeviceInfo> of(Inventory inventory) {
    return inventory.devices().values().stream().map(DeviceInfo::of).toList();
  }
}
