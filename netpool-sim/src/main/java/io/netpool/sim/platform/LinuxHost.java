package io.netpool.sim.platform;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Linux host with bash and iputils: {@code user@host:~$ }, no paging, {@code ping -c N -W S
 * <ip>}, {@code -bash: x: command not found} (exit status 127 on exec).
 */
public final class LinuxHost extends PlatformRenderer {

  @Override
  public String prompt(CliContext ctx) {
    return ctx.username() + "@" + ctx.hostname() + ":~$ ";
  }

  @Override
  public boolean pages() {
    return false;
  }

  @Override
  public String execLineEnding() {
    return "\n";
  }

  @Override
  public String banner(CliContext ctx) {
    return "Welcome to Ubuntu 22.04.4 LTS (GNU/Linux 5.15.0-91-generic x86_64)\n\n"
        + "Last login: "
        + DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).format(ctx.now())
        + " from 127.0.0.1\n";
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    String w = c.get(0);
    switch (w) {
      case "exit", "logout" -> ctx.closeSession();
      case "true", "stty", "export", "unset", "set", "cd", "unalias" -> {}
      case "false" -> ctx.exitStatus(1);
      case "date" ->
          ctx.println(
              DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ROOT)
                  .format(ctx.now()));
      case "uptime" -> {
        long m = ctx.uptime().toMinutes();
        ctx.println(
            String.format(
                Locale.ROOT,
                " %s up %d days, %2d:%02d,  1 user,  load average: 0.00, 0.01, 0.05",
                DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).format(ctx.now()),
                m / 1440,
                m / 60 % 24,
                m % 60));
      }
      case "hostname" -> ctx.println(ctx.hostname());
      case "whoami" -> ctx.println(ctx.username());
      case "echo" -> ctx.println(c.rest(1));
      case "uname" ->
          ctx.println(
              c.get(1).equals("-a")
                  ? "Linux "
                      + ctx.hostname()
                      + " 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023"
                      + " x86_64 x86_64 x86_64 GNU/Linux"
                  : "Linux");
      case "seq" -> {
        long n = Cmd.number(c.get(1));
        StringBuilder sb = new StringBuilder();
        for (long i = 1; i <= Math.min(n, 100000); i++) {
          sb.append(i).append('\n');
        }
        ctx.print(sb.toString());
      }
      case "cat" -> {
        if (c.get(1).equals("/etc/os-release")) {
          ctx.print(
              """
              PRETTY_NAME="Ubuntu 22.04.4 LTS"
              NAME="Ubuntu"
              VERSION_ID="22.04"
              VERSION="22.04.4 LTS (Jammy Jellyfish)"
              ID=ubuntu
              ID_LIKE=debian
              """);
        } else {
          ctx.println("cat: " + c.get(1) + ": No such file or directory");
          ctx.exitStatus(1);
        }
      }
      case "rm" -> {
        if (c.get(1).equals("-i") && c.size() == 3) {
          String a = ctx.ask("rm: remove regular empty file '" + c.get(2) + "'? ", true, "y");
          if (a == null) {
            ctx.exitStatus(1);
          }
        } else {
          ctx.println("rm: cannot remove '" + c.rest(1) + "': No such file or directory");
          ctx.exitStatus(1);
        }
      }
      case "ping" -> ping(c, ctx);
      default -> {
        ctx.println((ctx.exec() ? "bash: line 1: " : "-bash: ") + w + ": command not found");
        ctx.exitStatus(127);
      }
    }
  }

  private void ping(Cmd c, CliContext ctx) throws IOException {
    int count = -1;
    double timeoutMs = 10_000;
    int size = 56;
    String source = null;
    String target = null;
    for (int i = 1; i < c.size(); i++) {
      String w = c.get(i);
      if (w.startsWith("-") && w.length() >= 2) {
        char o = w.charAt(1);
        if (o == 'q' || o == 'n' || o == '4' || o == '6' || o == 'O' || o == 'D') {
          continue;
        }
        if ("cWwisI".indexOf(o) < 0) {
          ctx.println("ping: invalid option -- '" + o + "'");
          ctx.println(USAGE);
          ctx.exitStatus(2);
          return;
        }
        String v = w.length() > 2 ? w.substring(2) : c.get(++i);
        if (v.isEmpty()) {
          ctx.println("ping: option requires an argument -- '" + o + "'");
          ctx.println(USAGE);
          ctx.exitStatus(2);
          return;
        }
        double num;
        try {
          num = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          num = -1;
        }
        switch (o) {
          case 'c' -> {
            if (num < 1) {
              ctx.println(
                  "ping: invalid argument: '"
                      + v
                      + "': out of range: 1 <= value <= "
                      + "9223372036854775807");
              ctx.exitStatus(1);
              return;
            }
            count = (int) Math.min(num, 100000);
          }
          case 'W' -> timeoutMs = Math.max(0, num) * 1000;
          case 's' -> size = (int) Math.max(0, num);
          case 'I' -> source = v;
          default -> {}
        }
      } else {
        target = w;
      }
    }
    if (target == null) {
      ctx.println("ping: usage error: Destination address required");
      ctx.exitStatus(1);
      return;
    }
    if (!Cmd.isIpv4(target) && !(ctx.ipv6Enabled() && Cmd.isIpv6(target))) {
      ctx.println("ping: " + target + ": Name or service not known");
      ctx.exitStatus(2);
      return;
    }
    iputils(ctx, target, count, timeoutMs, size, source, false);
  }

  /** The router that reports an unreachable IPv6 target (documentation prefix). */
  static final String IPV6_GATEWAY = "2001:db8:ffff::1";

  private static final String USAGE =
      "\nUsage\n  ping [options] <destination>\n\nOptions:\n"
          + "  <destination>      dns name or ip address\n"
          + "  -c <count>         stop after <count> replies\n"
          + "  -W <timeout>       time to wait for response";

  /**
   * iputils ping output, shared by Linux and EOS. {@code count} below 1 means until Ctrl-C. Exit
   * status: 0 if any reply, 1 if none.
   */
  static void iputils(
      CliContext ctx,
      String target,
      int count,
      double timeoutMs,
      int size,
      String source,
      boolean eos)
      throws IOException {
    double interval = eos ? 10 : 1000;
    boolean v6 = Cmd.isIpv6(target);
    ctx.println(
        v6
            ? "PING " + target + "(" + target + ") " + size + " data bytes"
            : "PING "
                + target
                + " ("
                + target
                + ") "
                + (source != null ? "from " + source + " : " : "")
                + size
                + "("
                + (size + 28)
                + ") bytes of data.");
    var rnd = ctx.pingRandom(target);
    var b = ctx.target(target);
    List<Double> rtts = new ArrayList<>();
    int sent = 0;
    int errors = 0;
    double time = 0;
    int limit = count < 1 ? 100000 : count;
    for (int n = 0; n < limit; n++) {
      if (count < 1 && ctx.interrupted()) {
        ctx.println("^C");
        break;
      }
      Probes.Probe p = Probes.next(b, rnd, n, timeoutMs, false);
      sent++;
      if (p.kind() == Probes.Kind.REPLY) {
        ctx.sleep(p.rttMs());
        rtts.add(p.rttMs());
        ctx.println(
            (size + 8)
                + " bytes from "
                + target
                + ": icmp_seq="
                + (n + 1)
                + " ttl=64 time="
                + iputilsTime(p.rttMs())
                + " ms");
      } else if (p.kind() == Probes.Kind.UNREACHABLE) {
        ctx.sleep(p.rttMs());
        errors++;
        ctx.println(
            "From "
                + (v6 ? IPV6_GATEWAY : ctx.managementIp())
                + " icmp_seq="
                + (n + 1)
                + (v6
                    ? " Destination unreachable: Address unreachable"
                    : " Destination Host Unreachable"));
      }
      if (n + 1 < limit) {
        double rest = p.kind() == Probes.Kind.TIMEOUT ? interval : interval - p.rttMs();
        ctx.sleep(Math.max(0, rest));
        time += interval;
      } else if (p.kind() == Probes.Kind.TIMEOUT) {
        ctx.sleep(Math.min(p.waitMs(), interval));
      }
    }
    int recv = rtts.size();
    double loss = sent == 0 ? 0 : (sent - recv) * 100.0 / sent;
    ctx.println("");
    ctx.println("--- " + target + " ping statistics ---");
    ctx.println(
        sent
            + " packets transmitted, "
            + recv
            + " received, "
            + (errors > 0 ? "+" + errors + " errors, " : "")
            + Probes.g(loss)
            + "% packet loss, time "
            + Math.round(time)
            + "ms");
    if (recv > 0) {
      double[] s = Probes.stats(rtts);
      String rtt =
          "rtt min/avg/max/mdev = "
              + Probes.f3(s[0])
              + "/"
              + Probes.f3(s[1])
              + "/"
              + Probes.f3(s[2])
              + "/"
              + Probes.f3(s[3])
              + " ms";
      if (eos) {
        rtt += ", ipg/ewma " + Probes.f3(interval + s[1]) + "/" + Probes.f3(s[1]) + " ms";
      }
      ctx.println(rtt);
    } else if (errors > 0) {
      ctx.println("");
    }
    if (!eos) {
      ctx.exitStatus(recv > 0 ? 0 : 1);
    }
  }

  /** iputils' reply time: 3 decimals below 1 ms... none at 100 ms and above. */
  static String iputilsTime(double ms) {
    if (ms >= 100) {
      return Long.toString((long) ms);
    } else if (ms >= 10) {
      return String.format(Locale.ROOT, "%.1f", ms);
    } else if (ms >= 1) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    return String.format(Locale.ROOT, "%.3f", ms);
  }
}
