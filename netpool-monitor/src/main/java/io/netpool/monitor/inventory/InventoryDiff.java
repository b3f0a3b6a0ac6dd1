package io.netpool.monitor.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two inventories, for a live reload. Pure data: the scheduler applies it
 * (start checks of added lines, stop removed ones, reschedule changed and moved ones, evict the
 * sessions of {@link #devicesToEvict()}).
 *
 * @param devicesAdded devices only in the new inventory
 * @param devicesRemoved devices only in the old inventory (their sessions should be closed)
 * @param devicesChanged devices in both with any field changed
 * @param linesAdded lines only in the new inventory
 * @param linesRemoved lines only in the old inventory
 * @param linesChanged lines on the same router with any other field changed
 * @param linesMoved lines whose router changed (other fields may have changed too)
 */
public record InventoryDiff(
    List<DeviceSpec> devicesAdded,
    List<DeviceSpec> devicesRemoved,
    List<DeviceChange> devicesChanged,
    List<LineSpec> linesAdded,
    List<LineSpec> linesRemoved,
    List<LineChange> linesChanged,
    List<LineChange> linesMoved) {

  public InventoryDiff {
    devicesAdded = List.copyOf(devicesAdded);
    devicesRemoved = List.copyOf(devicesRemoved);
    devicesChanged = List.copyOf(devicesChanged);
    linesAdded = List.copyOf(linesAdded);
    linesRemoved = List.copyOf(linesRemoved);
    linesChanged = List.copyOf(linesChanged);
    linesMoved = List.copyOf(linesMoved);
  }

  /**
   * A device present in both inventories with different definitions.
   *
   * @param fields the names (as in the file) of the fields that differ, e.g. {@code password}
   */
  public record DeviceChange(DeviceSpec old, DeviceSpec next, Set<String> fields) {
    public DeviceChange {
      fields = Set.copyOf(fields);
    }

    /**
     * True when the device's pooled sessions must be replaced: the pool's own rule decides ({@link
     * DeviceSpec#sameSessionsAs}), so a tags-only edit keeps them.
     */
    public boolean sessionsAffected() {
      return !old.sameSessionsAs(next);
    }
  }

  /**
   * A line present in both inventories with different definitions.
   *
   * @param fields the names (as in the file) of the fields that differ, e.g. {@code interval}
   */
  public record LineChange(LineSpec old, LineSpec next, Set<String> fields) {
    public LineChange {
      fields = Set.copyOf(fields);
    }

    public boolean moved() {
      return !old.router().equals(next.router());
    }
  }

  /** The changes that turn {@code old} into {@code next}. */
  public static InventoryDiff between(Inventory old, Inventory next) {
    Objects.requireNonNull(old, "old");
    Objects.requireNonNull(next, "next");
    List<DeviceSpec> devicesAdded = new ArrayList<>();
    List<DeviceSpec> devicesRemoved = new ArrayList<>();
    List<DeviceChange> devicesChanged = new ArrayList<>();
    for (DeviceSpec n : next.devices().values()) {
      DeviceSpec o = old.devices().get(n.id());
      if (o == null) {
        devicesAdded.add(n);
      } else {
        Set<String> fields = deviceFields(o, n);
        if (!fields.isEmpty()) {
          devicesChanged.add(new DeviceChange(o, n, fields));
        }
      }
    }
    for (DeviceSpec o : old.devices().values()) {
      if (!next.devices().containsKey(o.id())) {
        devicesRemoved.add(o);
      }
    }
    List<LineSpec> linesAdded = new ArrayList<>();
    List<LineSpec> linesRemoved = new ArrayList<>();
    List<LineChange> linesChanged = new ArrayList<>();
    List<LineChange> linesMoved = new ArrayList<>();
    for (LineSpec n : next.lines().values()) {
      LineSpec o = old.lines().get(n.id());
      if (o == null) {
        linesAdded.add(n);
      } else {
        Set<String> fields = lineFields(o, n);
        if (fields.contains("router")) {
          linesMoved.add(new LineChange(o, n, fields));
        } else if (!fields.isEmpty()) {
          linesChanged.add(new LineChange(o, n, fields));
        }
      }
    }
    for (LineSpec o : old.lines().values()) {
      if (!next.lines().containsKey(o.id())) {
        linesRemoved.add(o);
      }
    }
    return new InventoryDiff(
        devicesAdded,
        devicesRemoved,
        devicesChanged,
        linesAdded,
        linesRemoved,
        linesChanged,
        linesMoved);
  }

  /** Changed devices whose pooled sessions must be replaced. */
  public List<DeviceSpec> devicesToEvict() {
    return devicesChanged.stream().filter(DeviceChange::sessionsAffected).map(c -> c.next).toList();
  }

  /** True when nothing changed. */
  public boolean isEmpty() {
    return devicesAdded.isEmpty()
        && devicesRemoved.isEmpty()
        && devicesChanged.isEmpty()
        && linesAdded.isEmpty()
        && linesRemoved.isEmpty()
        && linesChanged.isEmpty()
        && linesMoved.isEmpty();
  }

  /** One line such as {@code +2 lines, -1 line, 3 changed, 1 moved; devices: +1, 2 changed}. */
  public String summary() {
    if (isEmpty()) {
      return "no changes";
    }
    return "lines: +"
        + linesAdded.size()
        + " -"
        + linesRemoved.size()
        + " ~"
        + linesChanged.size()
        + " moved "
        + linesMoved.size()
        + "; devices: +"
        + devicesAdded.size()
        + " -"
        + devicesRemoved.size()
        + " ~"
        + devicesChanged.size()
        + " (sessions replaced: "
        + devicesToEvict().size()
        + ")";
  }

  static Set<String> deviceFields(DeviceSpec a, DeviceSpec b) {
    Set<String> f = new LinkedHashSet<>();
    diff(f, "host", a.host(), b.host());
    diff(f, "port", a.port(), b.port());
    diff(f, "platform", a.platform(), b.platform());
    diff(f, "protocol", a.protocol(), b.protocol());
    diff(f, "username", a.username(), b.username());
    diff(f, "password", a.password(), b.password());
    diff(f, "enable_secret", a.enableSecret(), b.enableSecret());
    diff(f, "private_key", a.privateKey(), b.privateKey());
    diff(f, "max_sessions", a.maxSessions(), b.maxSessions());
    diff(f, "host_key", a.hostKey(), b.hostKey());
    diff(f, "tags", a.tags(), b.tags());
    // the access fields of issue 14 (AccessFields), e.g. aaa_group: session options
    diff(f, "access", a.access(), b.access());
    return f;
  }

  static Set<String> lineFields(LineSpec a, LineSpec b) {
    Set<String> f = new LinkedHashSet<>();
    diff(f, "router", a.router(), b.router());
    diff(f, "target", a.target(), b.target());
    diff(f, "source", a.source(), b.source());
    diff(f, "vrf", a.vrf(), b.vrf());
    diff(f, "repeat", a.repeat(), b.repeat());
    diff(f, "timeout", a.timeout(), b.timeout());
    diff(f, "size", a.size(), b.size());
    diff(f, "interval", a.interval(), b.interval());
    diff(f, "tags", a.tags(), b.tags());
    diff(f, "zabbix", a.zabbixRoute(), b.zabbixRoute());
    return f;
  }

  private static void diff(Set<String> into, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      into.add(name);
    }
  }
}
