package io.netpool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lossy cache from a {@link Device} instance and a protocol to the slot last found for them,
 * indexed by identity hashes. Callers that reuse their {@code Device} objects (the monitor builds
 * one per device definition) skip the map lookup by id, whose string hashing and comparison would
 * make acquire too big for the JIT to inline; anything else falls back to that lookup.
 *
 * <p>Entries are overwritten without coordination: a hit is only trusted when the slot's current
 * device is this very instance and the protocol matches, so a stale or colliding entry costs one
 * map lookup, never a wrong slot. Slots are never removed from the pool, so an entry cannot point
 * at a slot the pool has dropped. The table grows with the number of slots (at most one in {@code 1
 * / LOAD} entries used), replaced whole: the entries lost then are looked up again once.
 */
final class SlotHints {
  private static final int INITIAL = 1 << 10;
  private static final int MAX = 1 << 20;
  private static final int LOAD = 8; // about one device in eight then shares an entry

  // A plain array read through a VarHandle: an AtomicReferenceArray would add a dependent load.
  private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(DeviceSlot[].class);

  private final AtomicInteger slots = new AtomicInteger();
  private volatile DeviceSlot[] hints = new DeviceSlot[INITIAL];

  /** The slot last remembered for this device instance and protocol, or null. */
  DeviceSlot get(Device device, Protocol protocol) {
    DeviceSlot[] h = hints;
    DeviceSlot slot = (DeviceSlot) ENTRY.getAcquire(h, index(device, protocol, h.length));
    return slot != null && slot.protocol == protocol && slot.device() == device ? slot : null;
  }

  void remember(Device device, DeviceSlot slot) {
    DeviceSlot[] h = hints;
    ENTRY.setRelease(h, index(device, slot.protocol, h.length), slot);
  }

  /** The pool created a slot: grows the table when it gets crowded. */
  void slotCreated() {
    int n = slots.incrementAndGet();
    int length = hints.length;
    if ((long) n * LOAD > length && length < MAX) {
      hints = new DeviceSlot[length * 2]; // a racing grow loses entries, nothing else
    }
  }

  int capacity() {
    return hints.length;
  }

  private static int index(Device device, Protocol protocol, int length) {
    return (System.identityHashCode(device) * 31 + System.identityHashCode(protocol))
        & (length - 1);
  }
}
