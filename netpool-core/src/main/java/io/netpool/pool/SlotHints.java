package io.netpool.pool;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A lossy cache from a {@link Device} instance and a protocol to the slot last found for them,
 * indexed by the device's identity hash. Callers that reuse their {@code Device} objects (the
 * monitor does) skip the map lookup by id, whose string hashing and comparison would make acquire
 * too big for the JIT to inline; anything else falls back to that lookup.
 *
 * <p>Entries are overwritten without coordination: a hit is only trusted when the slot's current
 * device is this very instance and the protocol matches, so a stale or colliding entry costs one
 * map lookup, never a wrong slot. Slots are never removed from the pool, so an entry cannot point
 * at a slot the pool has dropped.
 */
final class SlotHints {
  private static final int SIZE = 4096; // devices per JVM are in the thousands: few collisions

  private final AtomicReferenceArray<DeviceSlot> hints = new AtomicReferenceArray<>(SIZE);

  /** The slot last remembered for this device instance and protocol, or null. */
  DeviceSlot get(Device device, Protocol protocol) {
    DeviceSlot slot = hints.getAcquire(index(device, protocol));
    return slot != null && slot.protocol == protocol && slot.device() == device ? slot : null;
  }

  void remember(Device device, DeviceSlot slot) {
    hints.setRelease(index(device, slot.protocol), slot);
  }

  private static int index(Device device, Protocol protocol) {
    return (System.identityHashCode(device) * 31 + System.identityHashCode(protocol)) & (SIZE - 1);
  }
}
