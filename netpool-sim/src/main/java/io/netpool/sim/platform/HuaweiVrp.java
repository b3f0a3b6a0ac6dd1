package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Huawei VRP: {@code <R1>} / {@code [R1]} (optionally {@code HRP_M<R1>}), {@code ---- More ----}
 * until {@code screen-length 0 temporary}, VRP5/8 ping output ({@code Reply from}, {@code Request
 * time out}, multi-line statistics with {@code 20.00% packet loss}; {@code ping ipv6} with the
 * reply's details on the line after {@code Reply from}; with {@code -v} a received unreachable as
 * {@code Reply from GW: Destination Host Unreachable}), {@code Error: Unrecognized command found at
 * '^' position.}
 */
public final class HuaweiVrp extends VrpFamily {

  @Override
  public String moreMarker() {
    return "  ---- More ----";
  }

  @Override
  public String banner(CliContext ctx) {
    return "\nInfo: The max number of VTY users is 5, and the number\n"
        + "      of current VTY users on line is 1.\n"
        + "      The current login time is "
        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(ctx.now())
        + ".\n";
  }

  @Override
  String unrecognized() {
    return "Error: Unrecognized command found at '^' position.";
  }

  @Override
  String wrongParameter() {
    return "Error: Wrong parameter found at '^' position.";
  }

  @Override
  String incompleteCommand() {
    return "Error:Incomplete command found at '^' position.";
  }

  @Override
  String disablePagingWord() {
    return "0 temporary";
  }

  @Override
  String superAccepted(String argument) {
    String level = argument == null ? "3" : argument;
    return "  Now user privilege is "
        + level
        + " level, and only those commands whose level is equal to or less than this level can"
        + " be used.\n  Privilege note: 0-VISIT, 1-MONITOR, 2-SYSTEM, 3-MANAGE";
  }

  @Override
  String superRejected() {
    return "Error: Failed to pass the authentication.";
  }

  @Override
  String systemViewMessage() {
    return "Enter system view, return user view with Ctrl+Z.";
  }

  @Override
  String resetCountersQuestion() {
    return "Warning: All statistics of interfaces will be cleared. Continue? [Y/N]:";
  }

  @Override
  double defaultIntervalMs() {
    return 500;
  }

  @Override
  String clock(CliContext ctx) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'\n'EEEE", Locale.ROOT).format(ctx.now())
        + "\nTime Zone(UTC) : UTC\n";
  }

  @Override
  void renderPing(Ping p, CliContext ctx) throws IOException {
    ctx.println(
        "  PING "
            + p.target()
            + (p.ipv6() ? " : " : ": ")
            + p.size()
            + "  data bytes, press CTRL_C to break");
    List<Double> rtts =
        probes(
            p,
            ctx,
            (n, pr) -> {
              if (pr.kind() == Probes.Kind.REPLY && p.ipv6()) {
                // ping ipv6 puts the reply's details on a line of their own
                ctx.println("    Reply from " + p.target());
                ctx.println(
                    "    bytes="
                        + p.size()
                        + " Sequence="
                        + (n + 1)
                        + " hop limit=64  time = "
                        + ms(pr.rttMs())
                        + " ms");
              } else if (pr.kind() == Probes.Kind.REPLY) {
                ctx.println(
                    "    Reply from "
                        + p.target()
                        + ": bytes="
                        + p.size()
                        + " Sequence="
                        + (n + 1)
                        + " ttl=255 time="
                        + ms(pr.rttMs())
                        + " ms");
              } else if (p.showsUnreachable(pr)) {
                ctx.println(
                    "    Reply from " + ctx.managementIp() + ": Destination Host Unreachable");
              } else {
                ctx.println("    Request time out");
              }
            });
    int recv = rtts.size();
    ctx.println("");
    ctx.println("  --- " + p.target() + " ping statistics ---");
    ctx.println("    " + p.count() + " packet(s) transmitted");
    ctx.println("    " + recv + " packet(s) received");
    ctx.println(
        "    "
            + String.format(Locale.ROOT, "%.2f", (p.count() - recv) * 100.0 / p.count())
            + "% packet loss");
    if (recv > 0) {
      long min = Long.MAX_VALUE;
      long max = 0;
      long sum = 0;
      for (double d : rtts) {
        long v = ms(d);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      ctx.println("    round-trip min/avg/max = " + min + "/" + sum / recv + "/" + max + " ms");
    }
    ctx.println("");
  }

  /**
   * {@code display nqa results test-instance <admin> <test>} (see {@link
   * io.netpool.sim.platform.sla.HuaweiNqaOutput}).
   */
  @Override
  void displayNqa(Cmd c, CliContext ctx) throws IOException {
    if (!c.is(2, "results", 7)) {
      error(ctx, c, 2, c.size() < 3 ? incompleteCommand() : unrecognized());
    } else if (!c.is(3, "test-instance", 6)) {
      error(ctx, c, 3, c.size() < 4 ? incompleteCommand() : unrecognized());
    } else if (c.size() < 6) {
      error(ctx, c, c.size(), incompleteCommand());
    } else if (c.size() > 6) {
      error(ctx, c, 6, unrecognized());
    } else {
      var found = io.netpool.sim.platform.SlaLookup.find(ctx, c.get(4) + "/" + c.get(5));
      ctx.print(
          io.netpool.sim.platform.sla.HuaweiNqaOutput.render(
              c.get(4), c.get(5), found.operation(), found.run()));
    }
  }

  @Override
  String interfacesBrief(CliContext ctx) {
    return """
        *down: administratively down
        ^down: standby
        (l): loopback
        (s): spoofing
        The number of interface that is UP in Physical is 3
        The number of interface that is DOWN in Physical is 0
        The number of interface that is UP in Protocol is 3
        The number of interface that is DOWN in Protocol is 0

        Interface                         IP Address/Mask      Physical   Protocol  VPN
        GigabitEthernet0/0/0              %s/24        up         up        --
        GigabitEthernet0/0/1              10.1.0.1/30          up         up        --
        LoopBack0                         10.0.0.1/32          up         up(s)     --
        """
        .formatted(ctx.managementIp());
  }

  @Override
  String version(CliContext ctx) {
    long m = ctx.uptime().toMinutes();
    StringBuilder sb =
        new StringBuilder(
            """
            Huawei Versatile Routing Platform Software
            VRP (R) software, Version 8.180 (NE40E V800R011C10SPC100)
            Copyright (C) 2012-2019 Huawei Technologies Co., Ltd.
            HUAWEI NE40E-X8A uptime is %d days, %d hours, %d minutes
            Patch Version: V800R011SPH120
            NE40E-X8A version information:
            - BKP  version information:
              PCB         Version : CR57BKPA REV B
              MPU  Slot  Quantity : 2
              SRU  Slot  Quantity : 0
              SFU  Slot  Quantity : 4
              LPU  Slot  Quantity : 8

            """
                .formatted(m / 1440, m / 60 % 24, m % 60));
    for (int slot = 1; slot <= 8; slot++) {
      sb.append("LPU version information:\n")
          .append("- LPU ")
          .append(slot)
          .append(" : uptime is ")
          .append(m / 1440)
          .append(" days, ")
          .append(m / 60 % 24)
          .append(" hours, ")
          .append(m % 60)
          .append(" minutes\n")
          .append("  StartupTime 2025/12/01   08:00:00\n")
          .append("  SDRAM Memory Size    : 4096    M bytes\n")
          .append("  Flash Memory Size    : 128     M bytes\n")
          .append("  PCB Version          : CR57LPUF120 REV A\n\n");
    }
    return sb.toString();
  }
}
