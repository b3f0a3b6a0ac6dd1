package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Cisco IOS-XR: {@code RP/0/RSP0/CPU0:R1#}, always privileged, a timestamp line before each
 * command's output, {@code ping [vrf V] <ip> count N timeout S}, unreachable shown as {@code
 * UUUUU}.
 */
public final class CiscoIosxr extends CiscoIos {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS zzz", Locale.ROOT);

  CiscoIosxr() {
    super(false);
  }

  @Override
  public String prompt(CliContext ctx) {
    String mode = ctx.mode();
    return ctx.promptPrefix()
        + "RP/0/RSP0/CPU0:"
        + ctx.hostname()
        + (mode.isEmpty() ? "#" : "(" + mode + ")#");
  }

  @Override
  public boolean startsPrivileged(boolean enableRequired) {
    return true;
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    if (ctx.mode().isEmpty() && (c.is(0, "show") || c.is(0, "ping") || c.is(0, "clear", 3))) {
      ctx.println(STAMP.format(ctx.now()));
    }
    if (ctx.mode().isEmpty() && c.is(0, "enable")) {
      invalid(ctx, c, 0);
      return;
    }
    super.execute(line, ctx);
  }

  /** XR names IP SLA {@code ipsla}: {@code show ipsla statistics <id>}. */
  @Override
  protected void show(Cmd c, CliContext ctx) throws IOException {
    if (c.is(1, "ipsla", 5) && c.is(2, "statistics", 3)) {
      long n = Cmd.number(c.get(3));
      if (c.size() < 4) {
        incomplete(ctx);
      } else if (n < 1 || n > 2147483647L || c.size() > 4) {
        invalid(ctx, c, n < 1 || n > 2147483647L ? 3 : 4);
      } else {
        String id = Long.toString(n);
        var found = io.netpool.sim.platform.SlaLookup.find(ctx, id);
        ctx.print(
            io.netpool.sim.platform.sla.IosxrIpslaOutput.render(
                id,
                found.operation(),
                found.run(),
                io.netpool.sim.platform.SlaLookup.bootTime(ctx)));
      }
    } else if (c.is(1, "ip") && c.is(2, "sla", 3)) {
      invalid(ctx, c, 2);
    } else {
      super.show(c, ctx);
    }
  }

  @Override
  protected String countKeyword() {
    return "count";
  }

  @Override
  protected String echoTarget(String target) {
    return target; // XR keeps the address as typed
  }

  @Override
  protected boolean alternateUnreachable() {
    return false;
  }

  @Override
  protected void badAddress(CliContext ctx, String target) throws IOException {
    ctx.println("% Bad hostname or protocol not running");
    ctx.exitStatus(1);
  }

  @Override
  protected String clock(CliContext ctx) {
    return CLOCK.format(ctx.now());
  }

  @Override
  protected String version(CliContext ctx) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        """

        Cisco IOS XR Software, Version 6.6.3
        Copyright (c) 2013-2020 by Cisco Systems, Inc.

        Build Information:
         Built By     : ahoang
         Built On     : Wed Mar  4 17:47:12 PST 2020
         Built Host   : iox-ucs-025
         Workspace    : /auto/srcarchive15/prod/6.6.3/asr9k-x64/ws
         Version      : 6.6.3
         Location     : /opt/cisco/XR/packages/

        cisco ASR9K () processor
        System uptime is %s

        """
            .formatted(ciscoUptime(ctx.uptime())));
    sb.append("Active packages:\n");
    String[] pkgs = {
      "asr9k-mini-x64", "asr9k-mcast-x64", "asr9k-mgbl-x64", "asr9k-mpls-x64",
      "asr9k-mpls-te-rsvp-x64", "asr9k-k9sec-x64", "asr9k-li-x64", "asr9k-bng-x64",
      "asr9k-eigrp-x64", "asr9k-isis-x64", "asr9k-ospf-x64", "asr9k-optic-x64",
      "asr9k-services-x64", "asr9k-m2m-x64", "asr9k-9000v-nV-x64", "asr9k-xr-6.6.3"
    };
    for (String p : pkgs) {
      sb.append("    ").append(p).append("-6.6.3 version=6.6.3 [Boot image]\n");
    }
    sb.append('\n');
    for (int slot = 0; slot < 4; slot++) {
      sb.append("Node 0/")
          .append(slot)
          .append("/CPU0 [LC]\n  Boot Device: mem:\n  Active Packages:\n")
          .append("    disk0:asr9k-mini-x64-6.6.3\n    disk0:asr9k-mpls-x64-6.6.3\n\n");
    }
    sb.append("Configuration register on node 0/RSP0/CPU0 is 0x1922\n");
    return sb.toString();
  }
}
