package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cisco IOS and IOS-XE: {@code R1>} / {@code R1#} / {@code R1(config)#}, {@code enable} with the
 * enable secret, {@code --More--} paging until {@code terminal length 0}, {@code ping <ip> repeat N
 * timeout S} with {@code !.U} progress characters. Also the base of IOS-XR and EOS.
 */
public class CiscoIos extends PlatformRenderer {

  static final CiscoIos IOS = new CiscoIos(false);
  static final CiscoIos IOSXE = new CiscoIos(true);

  protected static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz EEE MMM d yyyy", Locale.ROOT);

  private final boolean xe;

  protected CiscoIos(boolean xe) {
    this.xe = xe;
  }

  /** A parsed ping request. */
  protected record PingRequest(
      String target, int count, double timeoutMs, int size, String source, String vrf) {}

  @Override
  public String prompt(CliContext ctx) {
    String mode = ctx.mode();
    if (!mode.isEmpty()) {
      return ctx.promptPrefix() + ctx.hostname() + "(" + mode + ")#";
    }
    return ctx.promptPrefix() + ctx.hostname() + (ctx.privileged() ? "#" : ">");
  }

  @Override
  public boolean startsPrivileged(boolean enableRequired) {
    return !enableRequired;
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    if (!ctx.mode().isEmpty()) {
      configMode(c, ctx);
      return;
    }
    if (c.is(0, "enable")) {
      enable(ctx);
    } else if (c.is(0, "disable", 4)) {
      ctx.privileged(false);
    } else if (c.is(0, "exit") || c.is(0, "logout", 3) || c.is(0, "quit")) {
      ctx.closeSession();
    } else if (c.is(0, "terminal", 3)) {
      terminal(c, ctx);
    } else if (c.is(0, "show")) {
      show(c, ctx);
    } else if (c.is(0, "ping")) {
      PingRequest req = parsePing(c, ctx);
      if (req != null) {
        renderPing(req, ctx);
      }
    } else if (c.is(0, "clear", 3) && ctx.privileged()) {
      if (c.is(1, "counters", 3)) {
        clearCounters(ctx);
      } else {
        invalid(ctx, c, 1);
      }
    } else if (c.is(0, "configure", 4) && ctx.privileged()) {
      ctx.println("Enter configuration commands, one per line.  End with CNTL/Z.");
      ctx.mode("config");
    } else if (c.is(0, "reload", 3) && ctx.privileged()) {
      String a = ctx.ask("Proceed with reload? [confirm]", false, "");
      if (a != null && (a.isEmpty() || a.toLowerCase(Locale.ROOT).startsWith("y"))) {
        ctx.println("");
        ctx.reboot();
      } else {
        ctx.println("");
      }
    } else {
      invalid(ctx, c, 0);
    }
  }

  protected void configMode(Cmd c, CliContext ctx) throws IOException {
    if (c.is(0, "end") || c.is(0, "exit")) {
      ctx.mode("");
    } else if (c.is(0, "hostname") && c.size() == 2) {
      ctx.hostname(c.get(1));
    } else if (c.is(0, "do") && c.size() > 1) {
      String mode = ctx.mode();
      ctx.mode("");
      try {
        execute(c.rest(1), ctx);
      } finally {
        if (ctx.mode().isEmpty()) {
          ctx.mode(mode);
        }
      }
    }
    // any other configuration line is accepted silently
  }

  protected void enable(CliContext ctx) throws IOException {
    if (ctx.privileged()) {
      return;
    }
    if (!ctx.enableSecretSet()) {
      ctx.println("% No password set");
      return;
    }
    for (int i = 0; i < enableAttempts(); i++) {
      String a = ctx.ask("Password: ", false, null);
      if (a == null) {
        ctx.exitStatus(1);
        return;
      }
      ctx.println("");
      if (ctx.checkEnableSecret(a)) {
        ctx.privileged(true);
        return;
      }
    }
    ctx.println(enableRejected());
    ctx.println("");
    ctx.exitStatus(1);
  }

  /** How often {@code enable} asks for the secret before giving up: IOS asks three times. */
  protected int enableAttempts() {
    return 3;
  }

  /** What {@code enable} says when it gives up. */
  protected String enableRejected() {
    return "% Bad secrets";
  }

  protected void clearCounters(CliContext ctx) throws IOException {
    String a = ctx.ask("Clear \"show interface\" counters on all interfaces [confirm]", false, "");
    ctx.println("");
    if (a != null && !a.isEmpty() && !a.toLowerCase(Locale.ROOT).startsWith("y")) {
      return;
    }
  }

  protected int maxWidth() {
    return 512;
  }

  protected void terminal(Cmd c, CliContext ctx) throws IOException {
    if (c.is(1, "length", 3) || c.is(1, "width", 3)) {
      long n = Cmd.number(c.get(2));
      boolean length = c.is(1, "length", 3);
      if (c.size() < 3) {
        incomplete(ctx);
      } else if (n < 0 || n > (length ? 512 : maxWidth()) || c.size() > 3) {
        invalid(ctx, c, n < 0 || n > (length ? 512 : maxWidth()) ? 2 : 3);
      } else if (length) {
        ctx.terminalLength((int) n);
      } else {
        ctx.terminalWidth((int) n);
      }
    } else if (c.is(1, "monitor") || c.is(1, "no") || c.is(1, "exec")) {
      // accepted
    } else if (c.size() < 2) {
      incomplete(ctx);
    } else {
      invalid(ctx, c, 1);
    }
  }

  protected void show(Cmd c, CliContext ctx) throws IOException {
    if (c.size() < 2) {
      incomplete(ctx);
    } else if (c.is(1, "version", 3)) {
      ctx.print(version(ctx));
    } else if (c.is(1, "clock", 3)) {
      ctx.println(clock(ctx));
    } else if (c.is(1, "ip") && c.is(2, "sla", 3) && c.is(3, "statistics", 3)) {
      CiscoIpSlaCommand.run(c, ctx, this::invalid);
    } else if (c.is(1, "ip") && c.is(2, "interface", 3) && c.is(3, "brief", 1)) {
      ctx.print(interfacesBrief(ctx));
    } else if (c.is(1, "running-config", 3) && ctx.privileged()) {
      ctx.print(runningConfig(ctx));
    } else if (c.is(1, "users", 2)) {
      ctx.println("    Line       User       Host(s)              Idle       Location");
      ctx.println(
          "*  2 vty 0     " + pad(ctx.username(), 10) + " idle                 00:00:00 127.0.0.1");
      ctx.println("");
      ctx.println("  Interface    User               Mode         Idle     Peer Address");
      ctx.println("");
    } else {
      invalid(ctx, c, 1);
    }
  }

  protected String clock(CliContext ctx) {
    return "*" + CLOCK.format(ctx.now());
  }

  protected void invalid(CliContext ctx, Cmd c, int word) throws IOException {
    ctx.println(caret(ctx, c.column(word)));
    ctx.println("% Invalid input detected at '^' marker.");
    ctx.println("");
    ctx.exitStatus(1);
  }

  protected void incomplete(CliContext ctx) throws IOException {
    ctx.println("% Incomplete command.");
    ctx.println("");
    ctx.exitStatus(1);
  }

  /** The keyword for the probe count: {@code repeat} on IOS and EOS, {@code count} on XR. */
  protected String countKeyword() {
    return "repeat";
  }

  protected void badAddress(CliContext ctx, String target) throws IOException {
    ctx.println("% Unrecognized host or address, or protocol not running.");
    ctx.println("");
    ctx.exitStatus(1);
  }

  /**
   * Parses {@code ping [vrf V] [ip|ipv6] <target> [repeat N] [timeout S] [size B] [source X]}; an
   * IPv6 target needs no {@code ipv6} keyword, as on the real devices.
   */
  protected PingRequest parsePing(Cmd c, CliContext ctx) throws IOException {
    int i = 1;
    String vrf = null;
    if (c.is(i, "vrf", 3)) {
      if (c.size() < i + 2) {
        incomplete(ctx);
        return null;
      }
      vrf = c.get(i + 1);
      i += 2;
    }
    if ((c.get(i).equalsIgnoreCase("ip") || c.get(i).equalsIgnoreCase("ipv6"))
        && c.size() > i + 1) {
      i++;
    }
    if (c.size() <= i) {
      incomplete(ctx);
      return null;
    }
    String target = c.get(i++);
    if (!Cmd.isIpv4(target) && !(ctx.ipv6Enabled() && Cmd.isIpv6(target))) {
      badAddress(ctx, target);
      return null;
    }
    int count = 5;
    double timeoutMs = 2000;
    int size = defaultSize();
    String source = null;
    while (i < c.size()) {
      String kw = c.get(i);
      if (c.is(i, "df-bit", 2) || c.is(i, "validate", 2) || c.is(i, "verbose", 3)) {
        i++;
        continue;
      }
      boolean known =
          c.is(i, countKeyword(), 1)
              || c.is(i, "timeout", 1)
              || c.is(i, "size", 2)
              || c.is(i, "source", 2)
              || c.is(i, "interface", 2);
      if (!known) {
        invalid(ctx, c, i);
        return null;
      }
      if (i + 1 >= c.size()) {
        incomplete(ctx);
        return null;
      }
      String v = c.get(i + 1);
      if (c.is(i, "source", 2) || c.is(i, "interface", 2)) {
        source = v;
      } else {
        long n = Cmd.number(v);
        if (c.is(i, countKeyword(), 1)) {
          if (n < 1 || n > 2147483647L) {
            invalid(ctx, c, i + 1);
            return null;
          }
          count = (int) Math.min(n, 100000);
        } else if (c.is(i, "timeout", 1)) {
          if (n < 0 || n > 3600) {
            invalid(ctx, c, i + 1);
            return null;
          }
          timeoutMs = n * 1000.0;
        } else {
          if (n < 36 || n > 18024) {
            invalid(ctx, c, i + 1);
            return null;
          }
          size = (int) n;
        }
      }
      i += 2;
      if (kw.isEmpty()) {
        break;
      }
    }
    return new PingRequest(target, count, timeoutMs, size, source, vrf);
  }

  protected int defaultSize() {
    return 100;
  }

  /** Whether unreachable targets alternate {@code U.U.U} (IOS) or show {@code UUUUU} (XR). */
  protected boolean alternateUnreachable() {
    return true;
  }

  protected void pingHeader(PingRequest r, CliContext ctx) throws IOException {}

  /** The target as the "Sending" line shows it: IOS writes IPv6 addresses in capitals. */
  protected String echoTarget(String target) {
    return target.toUpperCase(Locale.ROOT);
  }

  protected void renderPing(PingRequest r, CliContext ctx) throws IOException {
    pingHeader(r, ctx);
    ctx.println("Type escape sequence to abort.");
    ctx.println(
        "Sending "
            + r.count()
            + ", "
            + r.size()
            + "-byte ICMP Echos to "
            + echoTarget(r.target())
            + ", timeout is "
            + (long) (r.timeoutMs() / 1000)
            + " seconds:");
    if (r.source() != null) {
      String src = Cmd.isIpv4(r.source()) ? r.source() : ctx.managementIp();
      ctx.println("Packet sent with a source address of " + src + " ");
    }
    var rnd = ctx.pingRandom(r.target());
    var behaviour = ctx.target(r.target());
    List<Double> rtts = new ArrayList<>();
    int col = 0;
    for (int n = 0; n < r.count(); n++) {
      Probes.Probe p = Probes.next(behaviour, rnd, n, r.timeoutMs(), alternateUnreachable());
      ctx.sleep(p.waitMs());
      char ch =
          switch (p.kind()) {
            case REPLY -> '!';
            case TIMEOUT -> '.';
            case UNREACHABLE -> 'U';
          };
      if (p.kind() == Probes.Kind.REPLY) {
        rtts.add(p.rttMs());
      }
      ctx.print(String.valueOf(ch));
      if (++col == 70 && n + 1 < r.count()) {
        ctx.print("\n");
        col = 0;
      }
    }
    ctx.print("\n");
    int ok = rtts.size();
    StringBuilder sb =
        new StringBuilder("Success rate is ")
            .append(ok * 100 / r.count())
            .append(" percent (")
            .append(ok)
            .append('/')
            .append(r.count())
            .append(')');
    if (ok > 0) {
      long min = Long.MAX_VALUE;
      long max = 0;
      long sum = 0;
      for (double d : rtts) {
        long v = ms(d);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      sb.append(", round-trip min/avg/max = ")
          .append(min)
          .append('/')
          .append(sum / ok)
          .append('/')
          .append(max)
          .append(" ms");
    }
    ctx.println(sb.toString());
  }

  protected static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  protected String interfacesBrief(CliContext ctx) {
    StringBuilder sb =
        new StringBuilder(
            "Interface              IP-Address      OK? Method Status                Protocol\n");
    sb.append("GigabitEthernet0/0     ")
        .append(pad(ctx.managementIp(), 16))
        .append("YES NVRAM  up                    up      \n");
    for (int i = 1; i < 4; i++) {
      sb.append("GigabitEthernet0/")
          .append(i)
          .append("     10.")
          .append(i)
          .append(".0.1        YES NVRAM  up                    up      \n");
    }
    sb.append("Loopback0              unassigned      YES unset  administratively down down    \n");
    return sb.toString();
  }

  protected String runningConfig(CliContext ctx) {
    StringBuilder sb = new StringBuilder("Building configuration...\n\n");
    sb.append("Current configuration : 4213 bytes\n!\nversion ")
        .append(xe ? "17.3" : "15.7")
        .append("\nservice timestamps debug datetime msec\n")
        .append("service timestamps log datetime msec\nno service password-encryption\n!\n")
        .append("hostname ")
        .append(ctx.hostname())
        .append("\n!\nboot-start-marker\nboot-end-marker\n!\nenable secret 9 <removed>\n!\n");
    for (int i = 0; i < 4; i++) {
      sb.append("interface GigabitEthernet0/")
          .append(i)
          .append("\n description link-")
          .append(i)
          .append("\n ip address 10.")
          .append(i)
          .append(".0.1 255.255.255.0\n negotiation auto\n!\n");
    }
    sb.append(
        "ip forward-protocol nd\n!\nno ip http server\nno ip http secure-server\n!\n"
            + "line con 0\n logging synchronous\nline vty 0 4\n login local\n"
            + " transport input ssh\n!\nend\n");
    return sb.toString();
  }

  protected String version(CliContext ctx) {
    String up = ctx.hostname() + " uptime is " + ciscoUptime(ctx.uptime());
    if (xe) {
      return """
          Cisco IOS XE Software, Version 17.03.04a
          Cisco IOS Software [Amsterdam], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), \
          Version 17.3.4a, RELEASE SOFTWARE (fc3)
          Technical Support: http://www.cisco.com/techsupport
          Copyright (c) 1986-2021 by Cisco Systems, Inc.
          Compiled Tue 20-Jul-21 04:59 by mcpre


          Cisco IOS-XE software, Copyright (c) 2005-2021 by cisco Systems, Inc.
          All rights reserved.  Certain components of Cisco IOS-XE software are
          licensed under the GNU General Public License ("GPL") Version 2.0.  The
          software code licensed under GPL Version 2.0 is free software that comes
          with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
          GPL code under the terms of GPL Version 2.0.  For more details, see the
          documentation or "License Notice" file accompanying the IOS-XE software,
          or the applicable URL provided on the flyer accompanying the IOS-XE
          software.


          ROM: 16.9(4r)

          %s
          Uptime for this control processor is %s
          System returned to ROM by Reload Command
          System image file is "bootflash:isr4400-universalk9.17.03.04a.SPA.bin"
          Last reload reason: Reload Command

          %s

          Technology Package License Information:

          -----------------------------------------------------------------
          Technology    Type         Technology-package   Technology-package
                                     Current              Next Reboot
          ------------------------------------------------------------------
          appxk9        Smart License    appxk9               appxk9
          uck9          None             None                 None
          securityk9    Smart License    securityk9           securityk9
          ipbase        Smart License    ipbasek9             ipbasek9

          The current throughput level is 1000000 kbps


          Smart Licensing Status: UNREGISTERED/EVAL EXPIRED

          cisco ISR4451-X/K9 (2RU) processor with 1795979K/6147K bytes of memory.
          Processor board ID FOC21344LKJ
          Router operating mode: Autonomous
          4 Gigabit Ethernet interfaces
          32768K bytes of non-volatile configuration memory.
          4194304K bytes of physical memory.
          3223551K bytes of flash memory at bootflash:.

          Configuration register is 0x2102

          """
          .formatted(up, ciscoUptime(ctx.uptime()), CISCO_CRYPTO);
    }
    return """
        Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M8, \
        RELEASE SOFTWARE (fc2)
        Technical Support: http://www.cisco.com/techsupport
        Copyright (c) 1986-2021 by Cisco Systems, Inc.
        Compiled Thu 28-Jan-21 12:45 by prod_rel_team

        ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)

        %s
        System returned to ROM by power-on
        System image file is "flash0:c2900-universalk9-mz.SPA.157-3.M8.bin"
        Last reload type: Normal Reload
        Last reload reason: power-on

        %s

        Cisco CISCO2911/K9 (revision 1.0) with 483328K/40960K bytes of memory.
        Processor board ID FTX1840ALBX
        3 Gigabit Ethernet interfaces
        1 terminal line
        DRAM configuration is 64 bits wide with parity enabled.
        255K bytes of non-volatile configuration memory.
        250880K bytes of ATA System CompactFlash 0 (Read/Write)


        License Info:

        License UDI:

        -------------------------------------------------
        Device#   PID                   SN
        -------------------------------------------------
        *1        CISCO2911/K9          FTX1840ALBX



        Technology Package License Information for Module:'c2900'

        -----------------------------------------------------------------
        Technology    Technology-package           Technology-package
                      Current       Type           Next reboot
        ------------------------------------------------------------------
        ipbase        ipbasek9      Permanent      ipbasek9
        security      securityk9    Permanent      securityk9
        uc            None          None           None
        data          datak9        Permanent      datak9

        Configuration register is 0x2102

        """
        .formatted(up, CISCO_CRYPTO);
  }
}
