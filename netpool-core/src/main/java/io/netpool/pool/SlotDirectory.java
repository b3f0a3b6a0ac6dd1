package io.netpool.pool;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every device's {@link DeviceSlot}, per protocol, by device id: a device seen for the first time
 * gets its slot here, and slots are never removed (so a {@link SlotHints} entry never points at a
 * slot the pool dropped). The hints are the acquire path's shortcut in front of this lookup; the
 * pool keeps {@link #hints()} in a field of its own, one load closer to the caller.
 */
final class SlotDirectory {
  private final SlotHost host;
  private final Map<Protocol, ProtocolFactory<ProtocolDriver>> factories;
  private final Map<Protocol, ConcurrentHashMap<String, DeviceSlot>> slots;
  private final SlotHints hints = new SlotHints();

  @SuppressWarnings("unchecked")
  SlotDirectory(SlotHost host, List<ProtocolFactory<?>> factoryList) {
    this.host = host;
    Map<Protocol, ProtocolFactory<ProtocolDriver>> f = new IdentityHashMap<>();
    Map<Protocol, ConcurrentHashMap<String, DeviceSlot>> s = new IdentityHashMap<>();
    for (ProtocolFactory<?> factory : factoryList) {
      f.put(factory.protocol(), (ProtocolFactory<ProtocolDriver>) factory);
      s.put(factory.protocol(), new ConcurrentHashMap<>());
    }
    this.factories = f;
    this.slots = s;
  }

  SlotHints hints() {
    return hints;
  }

  /**
   * The slot of {@code device} and {@code protocol}, created on first use, and remembered in the
   * hints for this device instance. A slot that holds an older definition of the device adopts this
   * one.
   *
   * @throws IllegalArgumentException no factory is registered for {@code protocol}
   */
  DeviceSlot find(Device device, Protocol protocol) {
    ConcurrentHashMap<String, DeviceSlot> byId = slots.get(protocol);
    if (byId == null) {
      throw new IllegalArgumentException(
          "no factory registered for protocol " + protocol + "; registered: " + factories.keySet());
    }
    DeviceSlot slot = byId.get(device.id());
    if (slot == null) {
      slot =
          byId.computeIfAbsent(
              device.id(),
              id -> {
                hints.slotCreated();
                return new DeviceSlot(host, factories.get(protocol), protocol, device);
              });
    }
    if (slot.device() != device) {
      slot.adopt(device);
    }
    hints.remember(device, slot);
    return slot;
  }

  /** The slots of the device with this id, one per protocol it was used with. */
  List<DeviceSlot> ofDevice(String deviceId) {
    List<DeviceSlot> out = new ArrayList<>();
    for (ConcurrentHashMap<String, DeviceSlot> byId : slots.values()) {
      DeviceSlot slot = byId.get(deviceId);
      if (slot != null) {
        out.add(slot);
      }
    }
    return out;
  }

  /** Every slot, a copy. */
  List<DeviceSlot> all() {
    List<DeviceSlot> out = new ArrayList<>();
    for (ConcurrentHashMap<String, DeviceSlot> byId : slots.values()) {
      out.addAll(byId.values());
    }
    return out;
  }
}
