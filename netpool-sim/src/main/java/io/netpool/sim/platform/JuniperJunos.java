package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Juniper Junos: {@code user@R1> } and {@code [edit]} / {@code user@R1# }, {@code ---(more)---}
 * until {@code set cli screen-length 0}, FreeBSD ping output ({@code ping <ip> count N rapid
 * routing-instance V source S size B wait S}; without {@code count} it runs until Ctrl-C), {@code
 * unknown command.} and {@code syntax error, expecting <command>.}
 */
public final class JuniperJunos extends PlatformRenderer {

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

  @Override
  public String prompt(CliContext ctx) {
    String p = ctx.promptPrefix() + ctx.username() + "@" + ctx.hostname();
    return ctx.mode().isEmpty() ? p + "> " : "\n[edit]\n" + p + "# ";
  }

  @Override
  public String moreMarker() {
    return "---(more)---";
  }

  @Override
  public String moreEraser() {
    int n = moreMarker().length();
    return "\r" + " ".repeat(n) + "\r";
  }

  @Override
  public String banner(CliContext ctx) {
    return "--- JUNOS 21.4R3-S4.9 Kernel 64-bit  JNPR-12.1-20230112.2d9a9a0_buil\n";
  }

  private void unknown(CliContext ctx, Cmd c, int word) throws IOException {
    ctx.println(caret(ctx, c.column(word)));
    ctx.println(word == 0 ? "unknown command." : "syntax error, expecting <command>.");
    ctx.exitStatus(1);
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    if (!ctx.mode().isEmpty()) {
      if (c.is(0, "exit") || c.is(0, "quit")) {
        ctx.println("Exiting configuration mode");
        ctx.mode("");
      } else if (c.is(0, "set") && c.is(1, "system") && c.is(2, "host-name", 4) && c.size() == 4) {
        ctx.hostname(c.get(3));
      } else if (c.is(0, "commit", 3)) {
        ctx.println("commit complete");
      } else if (!(c.is(0, "set") || c.is(0, "delete", 3) || c.is(0, "show"))) {
        unknown(ctx, c, 0);
      }
      return;
    }
    if (c.is(0, "exit") || c.is(0, "quit")) {
      ctx.closeSession();
    } else if (c.is(0, "configure", 4)) {
      ctx.println("Entering configuration mode");
      ctx.mode("edit");
    } else if (c.is(0, "set")) {
      setCli(c, ctx);
    } else if (c.is(0, "show")) {
      show(c, ctx);
    } else if (c.is(0, "ping")) {
      ping(c, ctx);
    } else if (c.is(0, "request", 3) && c.is(1, "system") && c.is(2, "reboot", 3)) {
      String a = ctx.ask("Reboot the system ? [yes,no] (no) ", true, "no");
      if (a != null && a.trim().equalsIgnoreCase("yes")) {
        ctx.println("");
        ctx.println("Shutdown NOW!");
        ctx.println("[pid 38421]");
        ctx.reboot();
      }
    } else {
      unknown(ctx, c, 0);
    }
  }

  private void setCli(Cmd c, CliContext ctx) throws IOException {
    if (!c.is(1, "cli")) {
      unknown(ctx, c, 1);
      return;
    }
    if (c.is(2, "screen-length", 8) || c.is(2, "screen-width", 8)) {
      long n = Cmd.number(c.get(3));
      if (c.size() != 4 || n < 0 || n > 100000) {
        unknown(ctx, c, 3);
        return;
      }
      if (c.is(2, "screen-length", 8)) {
        ctx.println("Screen length set to " + n);
        ctx.terminalLength((int) n);
      } else {
        ctx.println("Screen width set to " + n);
        ctx.terminalWidth((int) n);
      }
    } else if (c.is(2, "complete-on-space", 3) && c.size() == 4) {
      ctx.println("Disabling complete-on-space");
    } else if (c.is(2, "timestamp") || c.is(2, "terminal")) {
      // accepted
    } else {
      unknown(ctx, c, 2);
    }
  }

  private void show(Cmd c, CliContext ctx) throws IOException {
    if (c.is(1, "version", 3)) {
      ctx.print(version(ctx));
    } else if (c.is(1, "system") && c.is(2, "uptime", 2)) {
      long m = ctx.uptime().toMinutes();
      var boot = ctx.now().minus(ctx.uptime());
      ctx.print(
          "Current time: "
              + TS.format(ctx.now())
              + "\nTime Source:  LOCAL CLOCK \nSystem booted: "
              + TS.format(boot)
              + String.format(
                  Locale.ROOT,
                  " (%dw%dd %02d:%02d ago)",
                  m / 10080,
                  m / 1440 % 7,
                  m / 60 % 24,
                  m % 60)
              + "\nProtocols started: "
              + TS.format(boot.plusMinutes(2))
              + "\nLast configured: "
              + TS.format(boot.plusMinutes(30))
              + " by netops\n"
              + DateTimeFormatter.ofPattern("h:mma", Locale.ROOT).format(ctx.now())
              + String.format(
                      Locale.ROOT,
                      "  up %d days, %2d:%02d, 1 user, load averages: 0.05, 0.04, 0.01%n",
                      m / 1440,
                      m / 60 % 24,
                      m % 60)
                  .replace("\r\n", "\n"));
    } else if (c.is(1, "services", 3) && c.is(2, "rpm") && c.is(3, "probe-results", 7)) {
      probeResults(c, ctx);
    } else if (c.is(1, "interfaces", 3) && c.is(2, "terse", 1)) {
      ctx.print(
          """
          Interface               Admin Link Proto    Local                 Remote
          ge-0/0/0                up    up
          ge-0/0/0.0              up    up   inet     %s/24
          ge-0/0/1                up    up
          ge-0/0/1.0              up    up   inet     10.1.0.1/30
          lo0                     up    up
          lo0.0                   up    up   inet     10.0.0.1            --> 0/0
          """
              .formatted(ctx.managementIp()));
    } else {
      unknown(ctx, c, 1);
    }
  }

  /**
   * {@code show services rpm probe-results owner <owner> test <test>} (see {@link
   * io.netpool.sim.platform.sla.JunosRpmOutput}).
   */
  private void probeResults(Cmd c, CliContext ctx) throws IOException {
    if (!(c.is(4, "owner", 2) && c.is(6, "test", 2)) || c.size() != 8) {
      unknown(ctx, c, Math.min(c.size(), c.is(4, "owner", 2) ? 6 : 4));
      return;
    }
    String owner = c.get(5);
    String test = c.get(7);
    var found = io.netpool.sim.platform.SlaLookup.find(ctx, owner + "/" + test);
    ctx.print(
        io.netpool.sim.platform.sla.JunosRpmOutput.render(
            owner, test, found.operation(), found.run(), ctx.managementIp()));
  }

  /** The source address of this router's IPv6 pings (documentation prefix). */
  static final String IPV6_SOURCE = "2001:db8:ffff::1";

  private void ping(Cmd c, CliContext ctx) throws IOException {
    String target = null;
    int count = -1;
    boolean rapid = false;
    double waitMs = 10_000;
    int size = 56;
    for (int i = 1; i < c.size(); i++) {
      if (c.is(i, "rapid", 2)) {
        rapid = true;
        continue;
      }
      if (c.is(i, "do-not-fragment", 2)
          || c.is(i, "no-resolve", 4)
          || c.is(i, "inet", 4)
          || c.is(i, "inet6", 5)) {
        continue;
      }
      boolean kv =
          c.is(i, "count", 2)
              || c.is(i, "routing-instance", 2)
              || c.is(i, "source", 2)
              || c.is(i, "size", 2)
              || c.is(i, "wait", 2)
              || c.is(i, "interval", 3)
              || c.is(i, "ttl", 2)
              || c.is(i, "interface", 3);
      if (kv) {
        if (i + 1 >= c.size()) {
          unknown(ctx, c, i + 1);
          return;
        }
        long n = Cmd.number(c.get(i + 1));
        if (c.is(i, "count", 2)) {
          if (n < 1 || n > 2000000000) {
            unknown(ctx, c, i + 1);
            return;
          }
          count = (int) Math.min(n, 100000);
        } else if (c.is(i, "wait", 2)) {
          if (n < 1 || n > 30) {
            unknown(ctx, c, i + 1);
            return;
          }
          waitMs = n * 1000.0;
        } else if (c.is(i, "size", 2)) {
          if (n < 0 || n > 65468) {
            unknown(ctx, c, i + 1);
            return;
          }
          size = (int) n;
        }
        i++;
        continue;
      }
      if (target == null && i == 1 || target == null && !c.get(i).matches("[a-z-]+")) {
        target = c.get(i);
        continue;
      }
      unknown(ctx, c, i);
      return;
    }
    if (target == null) {
      ctx.println("");
      ctx.println("error: missing mandatory argument 'host'.");
      ctx.exitStatus(1);
      return;
    }
    boolean v6 = ctx.ipv6Enabled() && Cmd.isIpv6(target);
    if (!Cmd.isIpv4(target) && !v6) {
      ctx.println("ping: cannot resolve " + target + ": Unknown host");
      ctx.exitStatus(1);
      return;
    }
    if (rapid && count < 1) {
      count = 5;
    }
    // IPv6 is FreeBSD's ping6: its own banner, "ADDR, icmp_seq= hlim=" replies, "ping6 statistics"
    ctx.println(
        v6
            ? "PING6(" + (size + 48) + "=40+8+" + size + " bytes) " + IPV6_SOURCE + " --> " + target
            : "PING " + target + " (" + target + "): " + size + " data bytes");
    var rnd = ctx.pingRandom(target);
    var b = ctx.target(target);
    List<Double> rtts = new ArrayList<>();
    int sent = 0;
    int limit = count < 1 ? 100000 : count;
    double interval = rapid ? 0 : 1000;
    for (int n = 0; n < limit; n++) {
      if (count < 1 && ctx.interrupted()) {
        ctx.println("^C");
        break;
      }
      Probes.Probe p = Probes.next(b, rnd, n, waitMs, false);
      sent++;
      ctx.sleep(
          p.kind() == Probes.Kind.TIMEOUT && !rapid ? Math.min(interval, waitMs) : p.waitMs());
      switch (p.kind()) {
        case REPLY -> {
          rtts.add(p.rttMs());
          if (rapid) {
            ctx.print("!");
          } else {
            ctx.println(
                (size + 8)
                    + " bytes from "
                    + target
                    + (v6 ? ", icmp_seq=" : ": icmp_seq=")
                    + n
                    + (v6 ? " hlim=64 time=" : " ttl=64 time=")
                    + Probes.f3(p.rttMs())
                    + " ms");
          }
        }
        case TIMEOUT -> {
          if (rapid) {
            ctx.print(".");
          }
        }
        case UNREACHABLE -> {
          if (rapid) {
            ctx.print("U");
          } else if (!v6) { // ping6 prints ICMPv6 errors only when verbose
            ctx.println("92 bytes from " + ctx.managementIp() + ": Destination Host Unreachable");
            ctx.println("Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst");
            ctx.println(
                " 4  5  00 0054 "
                    + String.format("%04x", 0x1000 + n)
                    + "   0 0000  40  01 5a3c "
                    + ctx.managementIp()
                    + "  "
                    + target
                    + " ");
            ctx.println("");
          }
        }
      }
      if (!rapid && n + 1 < limit && p.kind() == Probes.Kind.REPLY) {
        ctx.sleep(Math.max(0, interval - p.rttMs()));
      }
    }
    if (rapid) {
      ctx.print("\n");
    } else {
      ctx.println("");
    }
    int recv = rtts.size();
    ctx.println("--- " + target + (v6 ? " ping6 statistics ---" : " ping statistics ---"));
    ctx.println(
        sent
            + " packets transmitted, "
            + recv
            + " packets received, "
            + (sent == 0 ? 0 : (sent - recv) * 100 / sent)
            + "% packet loss");
    if (recv > 0) {
      double[] s = Probes.stats(rtts);
      ctx.println(
          (v6 ? "round-trip min/avg/max/std-dev = " : "round-trip min/avg/max/stddev = ")
              + Probes.f3(s[0])
              + "/"
              + Probes.f3(s[1])
              + "/"
              + Probes.f3(s[2])
              + "/"
              + Probes.f3(s[3])
              + " ms");
    }
  }

  private String version(CliContext ctx) {
    StringBuilder sb =
        new StringBuilder(
            """
            Hostname: %s
            Model: mx480
            Junos: 21.4R3-S4.9
            JUNOS OS Kernel 64-bit  [20230112.2d9a9a0_builder_stable_12_214]
            JUNOS OS libs [20230112.2d9a9a0_builder_stable_12_214]
            JUNOS OS runtime [20230112.2d9a9a0_builder_stable_12_214]
            JUNOS OS time zone information [20230112.2d9a9a0_builder_stable_12_214]
            """
                .formatted(ctx.hostname()));
    String[] pkgs = {
      "JUNOS network stack and utilities",
      "JUNOS libs",
      "JUNOS libs compat32",
      "JUNOS runtime",
      "JUNOS Packet Forwarding Engine Simulation Package",
      "JUNOS sflow mx",
      "JUNOS py extensions",
      "JUNOS py base",
      "JUNOS OS vmguest",
      "JUNOS OS crypto",
      "JUNOS na telemetry",
      "JUNOS mx libs compat32",
      "JUNOS mx runtime",
      "JUNOS RPM Daemon",
      "JUNOS common platform support",
      "JUNOS Openconfig",
      "JUNOS mtx network modules",
      "JUNOS modules",
      "JUNOS mx libs",
      "JUNOS SQL Sync Daemon",
      "JUNOS mx Data Plane Crypto Support",
      "JUNOS daemons",
      "JUNOS mx daemons",
      "JUNOS appidd-mx application-identification daemon",
      "JUNOS Services URL Filter",
      "JUNOS Services TLB Service PIC",
      "JUNOS Services Telemetry",
      "JUNOS Services SSL",
      "JUNOS Services SOFTWIRE",
      "JUNOS Services Stateful Firewall",
      "JUNOS Services RTCOM",
      "JUNOS Services RPM",
      "JUNOS Services PCEF package",
      "JUNOS Services NAT",
      "JUNOS Services Mobile Subscriber Service Container",
      "JUNOS Services MobileNext Software",
      "JUNOS Services Logging Report Framework",
      "JUNOS Services LL-PDF Container",
      "JUNOS Services Jflow Container",
      "JUNOS Services Deep Packet Inspection",
      "JUNOS Services IPSec",
      "JUNOS Services IDS",
      "JUNOS IDP Services",
      "JUNOS Services HTTP Content Management",
      "JUNOS Services Flowd MS-MPC Software",
      "JUNOS Services Crypto",
      "JUNOS Services Captive Portal and Content Delivery",
      "JUNOS Services COS",
      "JUNOS AppId Services",
      "JUNOS Services Application Level Gateways",
      "JUNOS Services AACL Container",
      "JUNOS Extension Toolkit",
      "JUNOS Packet Forwarding Engine"
    };
    for (String p : pkgs) {
      sb.append(p).append(" [21.4R3-S4.9]\n");
    }
    return sb.toString();
  }
}
