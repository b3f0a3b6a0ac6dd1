package io.netpool.monitor.status;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a view shows about a line besides its results: no credentials, nothing but ids and the
 * target address.
 *
 * @param id line id
 * @param router id of the device that pings
 * @param target the line's peer address
 */
public record LineInfo(String id, String router, String target) {

  public LineInfo {
    Objects.requireNonNull(id, "id");
  }

  public static LineInfo of(LineSpec line) {
    return new LineInfo(line.id(), line.router(), line.target());
  }

  /** The inventory's lines, in file order. */
  public static List<LineInfo> of(Inventory inventory) {
    return inventory.lines().values().stream().map(LineInfo::of).toList();
  }
}
