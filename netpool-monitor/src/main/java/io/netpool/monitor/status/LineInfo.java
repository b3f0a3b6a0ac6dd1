package io.netpool.monitor.status;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a view shows about a line besides its results: no credentials, nothing but ids and the
 * target address.
 *
 * @param id line id
 * @param router id of the device that pings
 * @param target the line's peer address
 * @param tags the line's inventory tags (labels such as {@code site: lab}; never secrets), for
 *     filtering on the status page
 */
public record LineInfo(String id, String router, String target, Map<String, String> tags) {

  public LineInfo {
    Objects.requireNonNull(id, "id");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A line without tags. */
  public LineInfo(String id, String router, String target) {
    this(id, router, target, Map.of());
  }

  public static LineInfo of(LineSpec line) {
    return new LineInfo(line.id(), line.router(), line.target(), line.tags());
  }

  /** The inventory's lines, in file order. */
  public static List<LineInfo> of(Inventory inventory) {
    return inventory.lines().values().stream().map(LineInfo::of).toList();
  }
}
