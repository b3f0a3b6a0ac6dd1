package io.netpool.monitor.zabbix.discovery;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the lines of {@code monitor.yml} and the discovered lines into one {@link Inventory}. The
 * file's devices and lines come first and win: a discovered line whose id, or whose router's id, is
 * already used by the file is a problem of its host. A pure function.
 *
 * <p>The digest is the SHA-256 of the file's digest and a canonical text of every discovered line
 * and router (sorted, one field after the other; secrets only as their reference and keyed
 * fingerprint hash), so equal content gives an equal digest.
 */
final class InventoryMerge {
  private InventoryMerge() {}

  /**
   * The merged inventory and the problems of every host that is not in it.
   *
   * @param inventory file lines and discovered lines
   * @param problems discovery problems plus id clashes with the file, by hostid
   * @param discoveredLines how many discovered lines made it in
   */
  record Merged(Inventory inventory, List<HostProblem> problems, int discoveredLines) {}

  static Merged merge(Inventory file, DiscoveryResult discovered) {
    Map<String, DeviceSpec> devices = new LinkedHashMap<>(file.devices());
    List<LineSpec> lines = new ArrayList<>(file.lines().values());
    List<HostProblem> problems = new ArrayList<>(discovered.problems());
    List<DiscoveredLine> added = new ArrayList<>();
    for (DiscoveredLine d : discovered.lines()) {
      String clash = null;
      if (file.lines().containsKey(d.line().id())) {
        clash = LineMacros.LINE_ID + " '" + d.line().id() + "' is also a line id in " + file.file();
      } else if (file.devices().containsKey(d.router().id())) {
        clash = "router id '" + d.router().id() + "' is also a device id in " + file.file();
      }
      if (clash != null) {
        problems.add(new HostProblem(d.host(), d.line().zabbix(), List.of(clash)));
        continue;
      }
      devices.putIfAbsent(d.router().id(), d.router());
      lines.add(d.line());
      added.add(d);
    }
    problems.sort(Comparator.comparing(p -> p.host().hostid(), MacroResolver::compareIds));
    Inventory merged =
        new Inventory(
            file.file(),
            digest(file.digest(), added),
            List.copyOf(devices.values()),
            lines,
            file.warnings(),
            file.aaaGroups());
    return new Merged(merged, problems, added.size());
  }

  private static String digest(String fileDigest, List<DiscoveredLine> lines) {
    StringBuilder b = new StringBuilder(fileDigest).append('\n');
    lines.stream()
        .map(DiscoveredLine::router)
        .distinct()
        .sorted(Comparator.comparing(DeviceSpec::id))
        .forEach(
            d ->
                b.append("device|")
                    .append(d.id())
                    .append('|')
                    .append(d.host())
                    .append('|')
                    .append(d.port())
                    .append('|')
                    .append(d.platform().id())
                    .append('|')
                    .append(d.protocol())
                    .append('|')
                    .append(d.username())
                    .append('|')
                    .append(d.password() == null ? "-" : d.password().describe())
                    .append('|')
                    .append(d.password() == null ? 0 : d.password().hashCode())
                    .append('|')
                    .append(d.hostKey().label())
                    .append('\n'));
    lines.stream()
        .map(DiscoveredLine::line)
        .sorted(Comparator.comparing(LineSpec::id))
        .forEach(
            l ->
                b.append("line|")
                    .append(l.id())
                    .append('|')
                    .append(l.router())
                    .append('|')
                    .append(l.target())
                    .append('|')
                    .append(l.source())
                    .append('|')
                    .append(l.vrf())
                    .append('|')
                    .append(l.repeat())
                    .append('|')
                    .append(l.timeout())
                    .append('|')
                    .append(l.size())
                    .append('|')
                    .append(l.interval())
                    .append('|')
                    .append(l.zabbixRoute())
                    .append('\n'));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
