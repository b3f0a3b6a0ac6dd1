package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.TelnetOptions;
import java.util.List;
import java.util.Locale;

/** The Telnet fields of a device ({@code fallback}, {@code telnet_port}) and their rules. */
final class TelnetFields {
  private TelnetFields() {}

  /**
   * SSH first, Telnet when SSH cannot be spoken at all. Each device asks for it itself: the
   * password then may cross the network in clear text, which a default must not decide for many.
   */
  static final Field<String> FALLBACK =
      Field.of("fallback", fallbackReader())
          .ownOnly()
          .docDefault("none")
          .help(
              "`telnet`: a `cli` device whose SSH connection is refused, times out, has no route or"
                  + " sends no SSH banner is opened over Telnet (`telnet_port`) instead; never after"
                  + " an SSH authentication failure or host-key rejection; only on the device"
                  + " itself, never in `defaults:`");

  static final Field<Integer> TELNET_PORT =
      Field.of("telnet_port", Fields.integer(DeviceSpec.MIN_PORT, DeviceSpec.MAX_PORT))
          .orElse(TelnetOptions.DEFAULT_PORT)
          .help("Telnet port, 1..65535, for `protocol: telnet` and `fallback: telnet`");

  /** In the order of the "Devices" table of docs/inventory.md. */
  static final List<Field<?>> FIELDS = List.of(FALLBACK, TELNET_PORT);

  /**
   * The typed options of the access fields that are set (valid values). A device gets {@link
   * TelnetOptions} only when its own entry says {@code protocol: telnet} or {@code fallback:
   * telnet}: without them no driver ever opens a Telnet connection to it.
   */
  static SessionOptions options(Values v) {
    Protocol protocol = v.get(DeviceFields.PROTOCOL);
    boolean fallback = v.has(FALLBACK) && protocol == Protocol.CLI;
    if (protocol == Protocol.TELNET || fallback) {
      return SessionOptions.of(
          TelnetOptions.class, new TelnetOptions(v.get(TELNET_PORT), fallback));
    }
    return SessionOptions.NONE;
  }

  /** Rules across fields of one device; reports each broken one, returns whether all hold. */
  static boolean check(Values v, MapNode device, String path, ReadContext ctx) {
    if (v.has(FALLBACK) && v.get(DeviceFields.PROTOCOL) != Protocol.CLI) {
      Entry e = device.entries().get(FALLBACK.key());
      ctx.problem(
          e.value().mark(),
          path + "." + FALLBACK.key(),
          "fallback: telnet goes with protocol cli (the default), not "
              + v.get(DeviceFields.PROTOCOL)
              + ": an ssh exec session has no Telnet twin, and a telnet device needs no fallback");
      return false;
    }
    boolean telnet = v.get(DeviceFields.PROTOCOL) == Protocol.TELNET || v.has(FALLBACK);
    if (telnet && v.has(SshRouteFields.JUMP) && !v.get(SshRouteFields.JUMP).isEmpty()) {
      Entry e = device.entries().get(SshRouteFields.JUMP.key());
      ctx.problem(
          e != null ? e.value().mark() : device.mark(),
          path + "." + SshRouteFields.JUMP.key(),
          "jump hosts carry SSH only: a Telnet session (protocol telnet or fallback: telnet) would"
              + " go to the router directly, around the bastion");
      return false;
    }
    return true;
  }

  /** {@code defaults.device} may not choose Telnet for every device (clear-text passwords). */
  static void checkDefaults(Values defaults, MapNode defaultsNode, ReadContext ctx) {
    if (defaults.has(DeviceFields.PROTOCOL)
        && defaults.get(DeviceFields.PROTOCOL) == Protocol.TELNET
        && defaultsNode.entries().get("device").value() instanceof MapNode device) {
      Entry e = device.entries().get(DeviceFields.PROTOCOL.key());
      ctx.problem(
          e.value().mark(),
          "defaults.device.protocol",
          "protocol telnet cannot be a default: it sends passwords in clear text, so each device"
              + " that needs it says so itself");
    }
  }

  private static FieldReader<String> fallbackReader() {
    return (node, path, ctx) -> {
      String t = Fields.text(node, path, ctx);
      if (t == null) {
        return null;
      }
      if (t.strip().toLowerCase(Locale.ROOT).equals("telnet")) {
        return "telnet";
      }
      ctx.problem(node.mark(), path, "unknown fallback '" + t + "' (the one fallback is telnet)");
      return null;
    };
  }
}
