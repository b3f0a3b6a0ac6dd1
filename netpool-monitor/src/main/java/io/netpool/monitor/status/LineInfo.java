package io.netpool.monitor.status;

import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.ProbeSelection;
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
 * @param probes the line's probe types, the first being its measurement ({@code [ping]}, {@code
 *     [sla]}, {@code [ping, sla]})
 */
public record LineInfo(
    String id, String router, String target, Map<String, String> tags, List<String> probes) {

  public LineInfo {
    Objects.requireNonNull(id, "id");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    probes = probes == null ? List.of(ProbeSelection.PING) : List.copyOf(probes);
  }

  /** A ping line. */
  public LineInfo(String id, String router, String target, Map<String, String> tags) {
    this(id, router, target, tags, null);
  }

  /** A ping line without tags. */
  public LineInfo(String id, String router, String target) {
    this(id, router, target, Map.of());
  }

  public static LineInfo of(LineSpec line) {
    return new LineInfo(
        line.id(), line.router(), line.target(), line.tags(), line.probes().types());
  }

  /** The inventory's lines, in file order. */
  public static List<LineInfo> of(Inventory inventory) {
    return inventory.lines().values().stream().map(LineInfo::of).toList();
  }
}
