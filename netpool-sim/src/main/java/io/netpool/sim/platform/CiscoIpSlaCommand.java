package io.netpool.sim.platform;

import io.netpool.sim.platform.sla.CiscoIpSlaOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Cisco IOS, IOS-XE and NX-OS {@code show ip sla statistics}: the router's own SLA operations. */
final class CiscoIpSlaCommand {
  private CiscoIpSlaCommand() {}

  /** How the platform rejects a word of the command (its caret and message). */
  @FunctionalInterface
  interface Invalid {
    void at(CliContext ctx, Cmd c, int word) throws IOException;
  }

  /**
   * {@code show ip sla statistics [<id>] [details]}: the router's own SLA operations (see {@link
   * io.netpool.sim.platform.sla.CiscoIpSlaOutput}); without an id, every entry.
   */
  static void run(Cmd c, CliContext ctx, Invalid invalid) throws IOException {
    int next = 4;
    String id = null;
    if (c.size() > 4 && !c.is(4, "details", 3)) {
      long n = Cmd.number(c.get(4));
      if (n < 1 || n > 2147483647L) {
        invalid.at(ctx, c, 4);
        return;
      }
      id = Long.toString(n);
      next = 5;
    }
    if (c.size() > next && !c.is(next, "details", 3) || c.size() > next + 1) {
      invalid.at(ctx, c, c.size() > next + 1 ? next + 1 : next);
      return;
    }
    boolean details = c.size() > next;
    if (id != null) {
      var found = SlaLookup.find(ctx, id);
      ctx.print(CiscoIpSlaOutput.render(id, found.operation(), found.run(), details));
      return;
    }
    StringBuilder all = new StringBuilder();
    for (String key : slaKeys(ctx)) {
      var found = SlaLookup.find(ctx, key);
      String one = CiscoIpSlaOutput.render(key, found.operation(), found.run(), details);
      all.append(all.isEmpty() ? one : one.substring(one.indexOf("IPSLA operation id")))
          .append("\n\n\n");
    }
    ctx.print(all.isEmpty() ? "IPSLAs Latest Operation Statistics\n\n" : all.toString());
  }

  /** Entry numbers 1..9999 the device has, in order (the simulator's entries are few). */
  private static List<String> slaKeys(CliContext ctx) {
    List<String> keys = new ArrayList<>();
    for (int i = 1; i <= 9999; i++) {
      if (ctx.slaOperation(Integer.toString(i)) != null) {
        keys.add(Integer.toString(i));
      }
    }
    return keys;
  }
}
