package io.netpool.ssh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link LoginGate} per AAA group, by name: the budgets of {@code aaa_groups:}. A device's
 * {@link AaaGroup} option picks its gate; a pool's {@link LoginGate} built with these passes every
 * login of a device in a group through the group's gate first, then its own.
 *
 * <p><b>Changes</b> ({@link #update}, from one thread at a time: the inventory's reload): a group
 * whose limits did not change keeps its gate (its counters and the logins in progress); a group
 * with new limits gets a new gate, used by every login that starts from then on, while logins
 * already past the old gate finish under it (so for the length of one login, the old gate's logins
 * in progress and the new limit may add up); a removed group's devices log in through the pool-wide
 * gate alone. The map is replaced as a whole (a volatile write): no lock.
 */
public final class AaaGroupGates {
  private volatile Map<String, LoginGate> gates = Map.of();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Gates for these groups (name to limits). */
  public AaaGroupGates(Map<String, LoginLimits> limits) {
    update(limits);
  }

  /** No groups. */
  public static AaaGroupGates none() {
    return new AaaGroupGates(Map.of());
  }

  /** Takes new groups and limits (see the class comment). */
  public void update(Map<String, LoginLimits> limits) {
    Objects.requireNonNull(limits, "limits");
    Map<String, LoginGate> old = gates;
    Map<String, LoginGate> next = new LinkedHashMap<>();
    limits.forEach(
        (name, l) -> {
          LoginGate kept = old.get(name);
          next.put(
              name,
              kept != null && kept.limits().equals(l)
                  ? kept
                  : new LoginGate(l, "AAA group " + name + ": "));
        });
    gates = Collections.unmodifiableMap(next);
    listeners.forEach(Runnable::run);
  }

  /** Runs {@code listener} after each {@link #update} (on the updating thread; keep it short). */
  public void onUpdate(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The gates by group name, in the order of {@code aaa_groups:}. */
  public Map<String, LoginGate> gates() {
    return gates;
  }

  /** The gate of {@code group}, or null when there is no such group. */
  public LoginGate gate(String group) {
    return gates.get(group);
  }

  /** The gate of the device's group, or null (no group, or a group no longer configured). */
  LoginGate gateOf(io.netpool.pool.Device device) {
    return device.options().get(AaaGroup.class).map(g -> gates.get(g.name())).orElse(null);
  }
}
