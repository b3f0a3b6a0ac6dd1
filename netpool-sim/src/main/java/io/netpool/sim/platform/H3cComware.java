package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * H3C Comware 7: {@code <R1>} / {@code [R1]}, {@code ---- More ----} until {@code screen-length
 * disable}, Comware ping output ({@code 56 bytes from ... icmp_seq=0}, {@code Request time out},
 * {@code --- Ping statistics for x ---}, one-line summary with {@code 20.0% packet loss}; {@code
 * ping ipv6} as {@code Ping6(..) A --> B} with BSD ping6 replies; with {@code -v} a received
 * unreachable as {@code 36 bytes from GW: Destination Host Unreachable}), {@code % Unrecognized
 * command found at '^' position.}
 */
public final class H3cComware extends VrpFamily {

  @Override
  public String moreMarker() {
    return "---- More ----";
  }

  @Override
  public String banner(CliContext ctx) {
    return """

        ******************************************************************************
        * Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.*
        * Without the owner's prior written consent,                                 *
        * no decompiling or reverse-engineering shall be allowed.                    *
        ******************************************************************************

        """;
  }

  @Override
  String unrecognized() {
    return " % Unrecognized command found at '^' position.";
  }

  @Override
  String wrongParameter() {
    return " % Wrong parameter found at '^' position.";
  }

  @Override
  String incompleteCommand() {
    return " % Incomplete command found at '^' position.";
  }

  @Override
  String disablePagingWord() {
    return "disable";
  }

  @Override
  String superAccepted(String argument) {
    String role = argument == null ? "network-admin" : argument;
    return "User privilege role is "
        + role
        + ", and only those commands that authorized to the role can be used.";
  }

  @Override
  String superRejected() {
    return "Invalid password.";
  }

  @Override
  String systemViewMessage() {
    return "System View: return to User View with Ctrl+Z.";
  }

  @Override
  String resetCountersQuestion() {
    return "Reset counters on all interfaces? [Y/N]:";
  }

  @Override
  double defaultIntervalMs() {
    return 200;
  }

  @Override
  String clock(CliContext ctx) {
    return DateTimeFormatter.ofPattern("HH:mm:ss.SSS zzz EEE MM/dd/yyyy", Locale.ROOT)
            .format(ctx.now())
        + "\nTime Zone : UTC add 00:00:00\n";
  }

  /** The source address of this router's IPv6 pings (documentation prefix). */
  static final String IPV6_SOURCE = "2001:db8:ffff::1";

  @Override
  void renderPing(Ping p, CliContext ctx) throws IOException {
    ctx.println(
        p.ipv6()
            ? "Ping6("
                + p.size()
                + " data bytes) "
                + IPV6_SOURCE
                + " --> "
                + p.target()
                + ", press CTRL_C to break"
            : "Ping "
                + p.target()
                + " ("
                + p.target()
                + "): "
                + p.size()
                + " data bytes, press CTRL_C to break");
    List<Double> rtts =
        probes(
            p,
            ctx,
            (n, pr) -> {
              if (pr.kind() == Probes.Kind.REPLY) {
                ctx.println(
                    p.size()
                        + " bytes from "
                        + p.target()
                        + (p.ipv6() ? ", icmp_seq=" : ": icmp_seq=")
                        + n
                        + (p.ipv6() ? " hlim=64 time=" : " ttl=254 time=")
                        + Probes.f3(pr.rttMs())
                        + " ms");
              } else if (p.showsUnreachable(pr)) {
                // -v: the ICMP error as BSD ping (which Comware's derives from) prints it
                ctx.println(
                    "36 bytes from " + ctx.managementIp() + ": Destination Host Unreachable");
              } else {
                ctx.println("Request time out");
              }
            });
    int recv = rtts.size();
    ctx.println("");
    ctx.println(
        (p.ipv6() ? "--- Ping6 statistics for " : "--- Ping statistics for ")
            + p.target()
            + (p.vpn() != null ? " in VPN instance " + p.vpn() : "")
            + " ---");
    ctx.println(
        p.count()
            + " packet(s) transmitted, "
            + recv
            + " packet(s) received, "
            + String.format(Locale.ROOT, "%.1f", (p.count() - recv) * 100.0 / p.count())
            + "% packet loss");
    if (recv > 0) {
      double[] s = Probes.stats(rtts);
      ctx.println(
          "round-trip min/avg/max/std-dev = "
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

  /**
   * {@code display nqa result <admin> <test>} (see {@link
   * io.netpool.sim.platform.sla.ComwareNqaOutput}).
   */
  @Override
  void displayNqa(Cmd c, CliContext ctx) throws IOException {
    if (!c.is(2, "result", 6)) {
      error(ctx, c, 2, c.size() < 3 ? incompleteCommand() : unrecognized());
    } else if (c.size() < 5) {
      error(ctx, c, c.size(), incompleteCommand());
    } else if (c.size() > 5) {
      error(ctx, c, 5, unrecognized());
    } else {
      var found = io.netpool.sim.platform.SlaLookup.find(ctx, c.get(3) + "/" + c.get(4));
      ctx.print(
          io.netpool.sim.platform.sla.ComwareNqaOutput.render(
              c.get(3), c.get(4), found.operation(), found.run()));
    }
  }

  @Override
  String interfacesBrief(CliContext ctx) {
    return """
        *down: administratively down
        (s): spoofing  (l): loopback
        Interface                Physical Protocol IP address      VPN instance Description
        GE1/0/1                  up       up       %s      --           --
        GE1/0/2                  up       up       10.1.0.1        --           --
        Loop0                    up       up(s)    10.0.0.1        --           --
        """
        .formatted(String.format("%-15s", ctx.managementIp()).trim());
  }

  @Override
  String version(CliContext ctx) {
    long m = ctx.uptime().toMinutes();
    StringBuilder sb =
        new StringBuilder(
            """
            H3C Comware Software, Version 7.1.070, Release 7585P05
            Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.
            H3C S6850-56HF uptime is %d weeks, %d days, %d hours, %d minutes
            Last reboot reason : User reboot

            Boot image: flash:/S6850-CMW710-BOOT-R7585P05.bin
            Boot image version: 7.1.070, Release 7585P05
              Compiled Jan 20 2021 11:00:00
            System image: flash:/S6850-CMW710-SYSTEM-R7585P05.bin
            System image version: 7.1.070, Release 7585P05
              Compiled Jan 20 2021 11:00:00

            """
                .formatted(m / 10080, m / 1440 % 7, m / 60 % 24, m % 60));
    for (int slot = 1; slot <= 6; slot++) {
      sb.append("Slot ")
          .append(slot)
          .append(":\nUptime is ")
          .append(m / 10080)
          .append(" weeks,")
          .append(m / 1440 % 7)
          .append(" days,")
          .append(m / 60 % 24)
          .append(" hours,")
          .append(m % 60)
          .append(" minutes\n")
          .append("S6850-56HF with 2 Processors\n")
          .append("BOARD TYPE:         S6850-56HF\n")
          .append("DRAM:               8192M bytes\n")
          .append("FLASH:              4096M bytes\n")
          .append("PCB 1 Version:      VER.B\n")
          .append("Bootrom Version:    145\n")
          .append("CPLD 1 Version:     002\n")
          .append("Release Version:    H3C S6850-56HF-7585P05\n\n");
    }
    return sb.toString();
  }
}
