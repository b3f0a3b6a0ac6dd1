package io.netpool.monitor.exec;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.ssh.platform.EditDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which devices of an inventory {@code netpool exec} runs on: named ids, the devices carrying every
 * given tag, or all of them. The result is always in inventory order, whatever order the ids were
 * given in, so the output of two runs lines up.
 */
public final class DeviceSelection {
  /** How many close ids an unknown id's error suggests. */
  private static final int SUGGESTIONS = 3;

  private DeviceSelection() {}

  /**
   * The devices with these ids, in inventory order.
   *
   * @throws IllegalArgumentException naming every unknown id and the ids closest to each
   */
  public static List<DeviceSpec> byIds(Inventory inventory, Collection<String> ids) {
    Map<String, DeviceSpec> devices = inventory.devices();
    List<String> problems = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      if (!devices.containsKey(id)) {
        problems.add("no device '" + id + "' in " + inventory.file() + closeMatches(id, devices));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    Set<String> wanted = Set.copyOf(ids);
    return devices.values().stream().filter(d -> wanted.contains(d.id())).toList();
  }

  /**
   * The devices that carry every tag, in inventory order. A tag is {@code key} (the device has the
   * key, any value) or {@code key=value} (that exact value).
   *
   * @throws IllegalArgumentException when no device matches (naming the tags the inventory has)
   */
  public static List<DeviceSpec> byTags(Inventory inventory, Collection<String> tags) {
    List<DeviceSpec> out =
        inventory.devices().values().stream()
            .filter(d -> tags.stream().allMatch(t -> hasTag(d, t)))
            .toList();
    if (out.isEmpty()) {
      Set<String> known = new java.util.TreeSet<>();
      inventory.devices().values().forEach(d -> known.addAll(d.tags().keySet()));
      throw new IllegalArgumentException(
          "no device of "
              + inventory.file()
              + " has "
              + (tags.size() == 1 ? "the tag " : "all of the tags ")
              + String.join(", ", tags)
              + "; tag keys in the inventory: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    return out;
  }

  /** Every device, in inventory order. */
  public static List<DeviceSpec> all(Inventory inventory) {
    return List.copyOf(inventory.devices().values());
  }

  /** True when {@code device} has {@code tag}: {@code key} or {@code key=value}. */
  static boolean hasTag(DeviceSpec device, String tag) {
    int eq = tag.indexOf('=');
    if (eq < 0) {
      return device.tags().containsKey(tag.strip());
    }
    String value = device.tags().get(tag.substring(0, eq).strip());
    return value != null && value.equals(tag.substring(eq + 1).strip());
  }

  /** {@code "; did you mean 'a', 'b'?"}: the ids nearest to {@code id}, or nothing. */
  private static String closeMatches(String id, Map<String, DeviceSpec> devices) {
    List<String> near =
        devices.keySet().stream()
            .filter(k -> isClose(id, k))
            .sorted(
                java.util.Comparator.comparingInt((String k) -> EditDistance.distance(id, k))
                    .thenComparing(k -> k))
            .limit(SUGGESTIONS)
            .collect(Collectors.toList());
    return near.isEmpty()
        ? ""
        : "; did you mean "
            + near.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))
            + "?";
  }

  /**
   * Close: the one {@link EditDistance#closest} would pick, or a prefix either way (edge1/edge).
   */
  private static boolean isClose(String id, String candidate) {
    String a = id.toLowerCase(java.util.Locale.ROOT);
    String b = candidate.toLowerCase(java.util.Locale.ROOT);
    return EditDistance.closest(id, List.of(candidate)).isPresent()
        || (a.length() >= 2 && b.startsWith(a))
        || (b.length() >= 2 && a.startsWith(b));
  }
}
