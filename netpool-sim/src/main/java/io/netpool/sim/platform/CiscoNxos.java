package io.netpool.sim.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cisco NX-OS: {@code R1# } (with a trailing space), {@code --More--}, BSD-style ping output with
 * two-decimal loss ({@code 0.00% packet loss}), {@code ping <ip> count N timeout S vrf V source I
 * packet-size B}, {@code % Invalid command at '^' marker.}
 */
public final class CiscoNxos extends CiscoIos {

  CiscoNxos() {
    super(false);
  }

  @Override
  public String prompt(CliContext ctx) {
    String mode = ctx.mode();
    return ctx.promptPrefix() + ctx.hostname() + (mode.isEmpty() ? "# " : "(" + mode + ")# ");
  }

  @Override
  public String moreMarker() {
    return "--More--";
  }

  @Override
  public boolean startsPrivileged(boolean enableRequired) {
    return true;
  }

  @Override
  protected int maxWidth() {
    return 511;
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    if (ctx.mode().isEmpty() && c.is(0, "reload", 3) && c.size() == 1) {
      String a = ctx.ask("This command will reboot the system. (y/n)?  [n] ", true, "n");
      if (a != null && a.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
        ctx.reboot();
      }
      return;
    }
    if (ctx.mode().isEmpty() && c.is(0, "clear", 3) && c.is(1, "counters", 3)) {
      return; // NX-OS clears without confirmation
    }
    if (ctx.mode().isEmpty() && c.size() > 0 && c.get(0).equalsIgnoreCase("ping6")) {
      PingRequest req = parsePing(c, ctx); // same options as ping, IPv6 targets only
      if (req != null) {
        renderPing(req, ctx);
      }
      return;
    }
    if (ctx.mode().isEmpty() && c.is(0, "configure", 4)) {
      ctx.println("Enter configuration commands, one per line. End with CNTL/Z.");
      ctx.mode("config");
      return;
    }
    super.execute(line, ctx);
  }

  @Override
  protected void invalid(CliContext ctx, Cmd c, int word) throws IOException {
    ctx.println(caret(ctx, c.column(word)));
    ctx.println("% Invalid command at '^' marker.");
    ctx.exitStatus(1);
  }

  @Override
  protected void incomplete(CliContext ctx) throws IOException {
    ctx.println("% Incomplete command at '^' marker.");
    ctx.exitStatus(1);
  }

  @Override
  protected void badAddress(CliContext ctx, String target) throws IOException {
    ctx.println("% Invalid host/interface " + target);
    ctx.exitStatus(1);
  }

  @Override
  protected String clock(CliContext ctx) {
    return CLOCK.format(ctx.now()) + "\nTime source is NTP";
  }

  @Override
  protected PingRequest parsePing(Cmd c, CliContext ctx) throws IOException {
    if (c.size() < 2) {
      incomplete(ctx);
      return null;
    }
    String target = c.get(1);
    boolean v6 = c.get(0).equalsIgnoreCase("ping6");
    if (v6 ? !(ctx.ipv6Enabled() && Cmd.isIpv6(target)) : !Cmd.isIpv4(target)) {
      badAddress(ctx, target);
      return null;
    }
    int count = 5;
    double timeoutMs = 2000;
    int size = 56;
    String source = null;
    String vrf = null;
    for (int i = 2; i < c.size(); i += 2) {
      boolean known =
          c.is(i, "count", 2)
              || c.is(i, "timeout", 2)
              || c.is(i, "vrf", 2)
              || c.is(i, "source", 6)
              || c.is(i, "source-interface", 7)
              || c.is(i, "packet-size", 2)
              || c.is(i, "interval", 3);
      if (!known) {
        invalid(ctx, c, i);
        return null;
      }
      if (i + 1 >= c.size()) {
        incomplete(ctx);
        return null;
      }
      String v = c.get(i + 1);
      long n = Cmd.number(v);
      if (c.is(i, "count", 2)) {
        if (n < 1 || n > 655350) {
          invalid(ctx, c, i + 1);
          return null;
        }
        count = (int) n;
      } else if (c.is(i, "timeout", 2)) {
        if (n < 1 || n > 60) {
          invalid(ctx, c, i + 1);
          return null;
        }
        timeoutMs = n * 1000.0;
      } else if (c.is(i, "packet-size", 2)) {
        if (n < 1 || n > 65468) {
          invalid(ctx, c, i + 1);
          return null;
        }
        size = (int) n;
      } else if (c.is(i, "vrf", 2)) {
        vrf = v;
      } else if (c.is(i, "source", 6) || c.is(i, "source-interface", 7)) {
        source = v;
      }
    }
    return new PingRequest(target, count, timeoutMs, size, source, vrf);
  }

  /** The source address of this switch's IPv6 pings (documentation prefix). */
  static final String IPV6_SOURCE = "2001:db8:ffff::1";

  /** BSD ping, and for {@code ping6} BSD ping6 ({@code PING6(..) A --> B}, {@code , hlim=}). */
  @Override
  protected void renderPing(PingRequest r, CliContext ctx) throws IOException {
    boolean v6 = Cmd.isIpv6(r.target());
    ctx.println(
        v6
            ? "PING6("
                + (r.size() + 48)
                + "=40+8+"
                + r.size()
                + " bytes) "
                + IPV6_SOURCE
                + " --> "
                + r.target()
            : "PING " + r.target() + " (" + r.target() + "): " + r.size() + " data bytes");
    var rnd = ctx.pingRandom(r.target());
    var b = ctx.target(r.target());
    List<Double> rtts = new ArrayList<>();
    for (int n = 0; n < r.count(); n++) {
      Probes.Probe p = Probes.next(b, rnd, n, r.timeoutMs(), false);
      // ping6 prints no ICMPv6 error unless verbose: an unreachable probe is a timeout there
      boolean timedOut =
          p.kind() == Probes.Kind.TIMEOUT || v6 && p.kind() == Probes.Kind.UNREACHABLE;
      ctx.sleep(timedOut ? r.timeoutMs() : p.waitMs());
      if (p.kind() == Probes.Kind.REPLY) {
        rtts.add(p.rttMs());
        ctx.println(
            (v6 ? 16 : r.size() + 8)
                + " bytes from "
                + r.target()
                + (v6 ? ", icmp_seq=" : ": icmp_seq=")
                + n
                + (v6 ? " hlim=64 time=" : " ttl=254 time=")
                + Probes.f3(p.rttMs())
                + " ms");
      } else if (timedOut) {
        ctx.println("Request " + n + " timed out");
      } else {
        ctx.println("36 bytes from " + ctx.managementIp() + ": Destination Host Unreachable");
      }
    }
    int recv = rtts.size();
    ctx.println("");
    ctx.println("--- " + r.target() + (v6 ? " ping6 statistics ---" : " ping statistics ---"));
    ctx.println(
        r.count()
            + " packets transmitted, "
            + recv
            + " packets received, "
            + String.format(Locale.ROOT, "%.2f", (r.count() - recv) * 100.0 / r.count())
            + "% packet loss");
    if (recv > 0) {
      double[] s = Probes.stats(rtts);
      ctx.println(
          "round-trip min/avg/max = "
              + Probes.f3(s[0])
              + "/"
              + Probes.f3(s[1])
              + "/"
              + Probes.f3(s[2])
              + " ms");
    }
  }

  @Override
  protected String interfacesBrief(CliContext ctx) {
    return """
        IP Interface Status for VRF "default"(1)
        Interface            IP Address      Interface Status
        Lo0                  10.0.0.1        protocol-up/link-up/admin-up
        Eth1/1               10.1.0.1        protocol-up/link-up/admin-up
        Eth1/2               10.2.0.1        protocol-up/link-up/admin-up
        """;
  }

  @Override
  protected String version(CliContext ctx) {
    StringBuilder sb =
        new StringBuilder(
            """
            Cisco Nexus Operating System (NX-OS) Software
            TAC support: http://www.cisco.com/tac
            Documents: http://www.cisco.com/en/US/products/ps9372/tsd_products_support_series_home.html
            Copyright (c) 2002-2022, Cisco Systems, Inc. All rights reserved.
            The copyrights to certain works contained herein are owned by
            other third parties and are used and distributed under license.
            Some parts of this software are covered under the GNU Public
            License. A copy of the license is available at
            http://www.gnu.org/licenses/gpl.html.

            Software
              BIOS: version 05.45
             NXOS: version 9.3(10)
              BIOS compile time:  06/07/2021
              NXOS image file is: bootflash:///nxos.9.3.10.bin
              NXOS compile time:  6/28/2022 7:00:00 [06/28/2022 16:55:40]


            Hardware
              cisco Nexus9000 C93180YC-FX chassis
              Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz with 24569356 kB of memory.
              Processor Board ID FDO23450ABC

              Device name: %s
              bootflash:  115805708 kB
            Kernel uptime is %s

            Last reset at 123456 usecs after Mon Dec  1 08:00:00 2025
              Reason: Reset Requested by CLI command reload
              System version: 9.3(10)
              Service:

            plugin
              Core Plugin, Ethernet Plugin

            Active Package(s):

            """
                .formatted(ctx.hostname(), ciscoUptime(ctx.uptime())));
    for (int i = 0; i < 30; i++) {
      sb.append(
          String.format(Locale.ROOT, "  mtx-openconfig-%02d-2.0.0.0-9.3.10.lib32_n9000%n", i));
    }
    return sb.toString().replace("\r\n", "\n");
  }
}
