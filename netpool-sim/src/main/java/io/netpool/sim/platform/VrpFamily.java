package io.netpool.sim.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared shape of Huawei VRP and H3C Comware: {@code <R1>} user view, {@code [R1]} system view,
 * {@code display} commands, {@code ping [ipv6] [-v] [-a S] [-c N] [-t MS] [-m MS] [-s B]
 * [-vpn-instance V] <ip>} with {@code -t} in milliseconds, caret errors. An ICMP unreachable is
 * printed only with {@code -v} (IPv4); without it the probe waits out its timeout and prints {@code
 * Request time out}, as the real devices do.
 */
abstract class VrpFamily extends PlatformRenderer {

  /**
   * A parsed ping.
   *
   * @param verbose {@code -v}: print the ICMP errors received (IPv4 only)
   * @param ipv6 {@code ping ipv6}
   */
  record Ping(
      String target,
      int count,
      double timeoutMs,
      double intervalMs,
      int size,
      String vpn,
      boolean verbose,
      boolean ipv6) {

    /** Whether this probe's ICMP unreachable is printed (else it is a timeout). */
    boolean showsUnreachable(Probes.Probe probe) {
      return probe.kind() == Probes.Kind.UNREACHABLE && verbose;
    }
  }

  /**
   * A device spec'd with {@code enableRequired} logs its users in at a low command level (VRP level
   * 1 "monitor", Comware role network-operator): {@code system-view} is beyond it until {@code
   * super} raised the level.
   */
  @Override
  public boolean startsPrivileged(boolean enableRequired) {
    return !enableRequired;
  }

  /** The answer to a {@code super} whose password was right. */
  abstract String superAccepted(String argument);

  /** The answer to a wrong {@code super} password (asked three times in all). */
  abstract String superRejected();

  /**
   * {@code super [level|role]}: the password of the higher level, three tries; prompt unchanged.
   */
  private void raiseLevel(Cmd c, CliContext ctx) throws IOException {
    String argument = c.size() > 1 ? c.get(1) : null;
    if (!ctx.enableSecretSet()) {
      ctx.println(superRejected());
      ctx.exitStatus(1);
      return;
    }
    for (int i = 0; i < 3; i++) {
      String a = ctx.ask("Password:", false, null);
      if (a == null) {
        ctx.exitStatus(1);
        return;
      }
      ctx.println("");
      if (ctx.checkEnableSecret(a)) {
        ctx.privileged(true);
        ctx.println(superAccepted(argument));
        return;
      }
      ctx.println(superRejected());
    }
    ctx.exitStatus(1);
  }

  @Override
  public String prompt(CliContext ctx) {
    return ctx.promptPrefix()
        + (ctx.mode().isEmpty() ? "<" + ctx.hostname() + ">" : "[" + ctx.hostname() + "]");
  }

  @Override
  public String moreEraser() {
    int n = moreMarker().length();
    return "\u001b[" + n + "D" + " ".repeat(n) + "\u001b[" + n + "D";
  }

  abstract String unrecognized();

  abstract String wrongParameter();

  abstract String incompleteCommand();

  abstract String disablePagingWord(); // "0 temporary" or "disable"

  abstract String systemViewMessage();

  abstract String resetCountersQuestion();

  abstract String clock(CliContext ctx);

  abstract String version(CliContext ctx);

  abstract String interfacesBrief(CliContext ctx);

  abstract double defaultIntervalMs();

  abstract void renderPing(Ping p, CliContext ctx) throws IOException;

  /** {@code display nqa ...}: the results of the router's own NQA operations. */
  abstract void displayNqa(Cmd c, CliContext ctx) throws IOException;

  void error(CliContext ctx, Cmd c, int word, String message) throws IOException {
    ctx.println(caret(ctx, c.column(word)));
    ctx.println(message);
    ctx.exitStatus(1);
  }

  @Override
  public void execute(String line, CliContext ctx) throws IOException {
    Cmd c = Cmd.parse(line);
    boolean system = !ctx.mode().isEmpty();
    if (c.is(0, "quit", 1)) {
      if (system) {
        ctx.mode("");
      } else {
        ctx.closeSession();
      }
    } else if (c.is(0, "return", 3) && system) {
      ctx.mode("");
    } else if (c.is(0, "super", 5) && !system) {
      raiseLevel(c, ctx);
    } else if (c.is(0, "system-view", 3) && !system && ctx.privileged()) {
      ctx.println(systemViewMessage());
      ctx.mode("system");
    } else if (c.is(0, "sysname", 3) && system) {
      if (c.size() != 2) {
        error(ctx, c, Math.min(c.size(), 2), c.size() < 2 ? incompleteCommand() : unrecognized());
      } else {
        ctx.hostname(c.get(1));
      }
    } else if (c.is(0, "screen-length", 8) && !system) {
      screenLength(c, ctx);
    } else if (c.is(0, "screen-width", 8)) {
      long n = Cmd.number(c.get(1));
      if (n < 80 || n > 512) {
        error(ctx, c, 1, c.size() < 2 ? incompleteCommand() : wrongParameter());
      } else {
        ctx.terminalWidth((int) n);
      }
    } else if (c.is(0, "display", 3)) {
      display(c, ctx);
    } else if (c.is(0, "ping", 2)) {
      Ping p = parsePing(c, ctx);
      if (p != null) {
        renderPing(p, ctx);
      }
    } else if (c.is(0, "reset", 3) && c.is(1, "counters", 3) && c.is(2, "interface", 2)) {
      String a = ctx.ask(resetCountersQuestion(), true, "Y");
      if (a == null || !a.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
        ctx.exitStatus(1);
      }
    } else if (system && (c.is(0, "interface", 3) || c.is(0, "undo", 2))) {
      // accepted
    } else {
      error(ctx, c, 0, unrecognized());
    }
  }

  private void screenLength(Cmd c, CliContext ctx) throws IOException {
    String[] words = disablePagingWord().split(" ");
    if (c.size() < 2) {
      error(ctx, c, 1, incompleteCommand());
      return;
    }
    if (c.get(1).equalsIgnoreCase(words[0])
        && (words.length == 1 ? c.size() == 2 : c.is(2, words[1], 3) && c.size() == 3)) {
      ctx.terminalLength(0);
      if (words.length > 1) {
        ctx.println(
            "Info: The configuration takes effect on the current user terminal interface only.");
      }
      return;
    }
    long n = Cmd.number(c.get(1));
    if (n >= 1 && n <= 512) {
      ctx.terminalLength((int) n);
      return;
    }
    error(ctx, c, 1, wrongParameter());
  }

  private void display(Cmd c, CliContext ctx) throws IOException {
    if (c.size() < 2) {
      error(ctx, c, 1, incompleteCommand());
    } else if (c.is(1, "version", 2)) {
      ctx.print(version(ctx));
    } else if (c.is(1, "clock", 2)) {
      ctx.print(clock(ctx));
    } else if (c.is(1, "ip", 2) && c.is(2, "interface", 2) && c.is(3, "brief", 1)) {
      ctx.print(interfacesBrief(ctx));
    } else if (c.is(1, "nqa", 3)) {
      displayNqa(c, ctx);
    } else {
      error(ctx, c, 1, unrecognized());
    }
  }

  private Ping parsePing(Cmd c, CliContext ctx) throws IOException {
    int count = 5;
    double timeout = 2000;
    double interval = defaultIntervalMs();
    int size = 56;
    String vpn = null;
    String target = null;
    boolean verbose = false;
    boolean ipv6 = c.is(1, "ipv6", 4);
    for (int i = ipv6 ? 2 : 1; i < c.size(); i++) {
      String w = c.get(i).toLowerCase(Locale.ROOT);
      if (!w.startsWith("-")) {
        if (target != null) {
          error(ctx, c, i, unrecognized());
          return null;
        }
        target = c.get(i);
        continue;
      }
      if (w.equals("-v") && !ipv6) { // ping ipv6 has no -v
        verbose = true;
        continue;
      }
      if (w.equals("-f") || w.equals("-r") || w.equals("-n") || w.equals("-q")) {
        continue;
      }
      boolean known =
          switch (w) {
            case "-a", "-c", "-t", "-m", "-s", "-h", "-i", "-vpn-instance", "-tos" -> true;
            default -> false;
          };
      if (!known) {
        error(ctx, c, i, wrongParameter());
        return null;
      }
      if (i + 1 >= c.size()) {
        error(ctx, c, i + 1, incompleteCommand());
        return null;
      }
      String v = c.get(i + 1);
      long n = Cmd.number(v);
      switch (w) {
        case "-c" -> {
          if (n < 1 || n > 4294967295L) {
            error(ctx, c, i + 1, wrongParameter());
            return null;
          }
          count = (int) Math.min(n, 100000);
        }
        case "-t" -> {
          if (n < 0 || n > 65535) {
            error(ctx, c, i + 1, wrongParameter());
            return null;
          }
          timeout = n;
        }
        case "-m" -> {
          if (n < 1 || n > 10000) {
            error(ctx, c, i + 1, wrongParameter());
            return null;
          }
          interval = n;
        }
        case "-s" -> {
          if (n < 20 || n > 9600) {
            error(ctx, c, i + 1, wrongParameter());
            return null;
          }
          size = (int) n;
        }
        case "-vpn-instance" -> vpn = v;
        default -> {}
      }
      i++;
    }
    if (target == null) {
      error(ctx, c, c.size(), incompleteCommand());
      return null;
    }
    if (ipv6 ? !(ctx.ipv6Enabled() && Cmd.isIpv6(target)) : !Cmd.isIpv4(target)) {
      int col = 0;
      for (int i = 1; i < c.size(); i++) {
        if (c.get(i).equals(target)) {
          col = i;
        }
      }
      error(ctx, c, col, wrongParameter());
      return null;
    }
    return new Ping(target, count, timeout, interval, size, vpn, verbose, ipv6);
  }

  /** Runs the probes, calling back per probe; returns the replies' round-trip times. */
  static List<Double> probes(Ping p, CliContext ctx, ProbeLine line) throws IOException {
    var rnd = ctx.pingRandom(p.target());
    var b = ctx.target(p.target());
    List<Double> rtts = new ArrayList<>();
    for (int n = 0; n < p.count(); n++) {
      Probes.Probe pr = Probes.next(b, rnd, n, p.timeoutMs(), false);
      boolean unnoticed = pr.kind() == Probes.Kind.UNREACHABLE && !p.verbose();
      ctx.sleep(unnoticed ? p.timeoutMs() : pr.waitMs());
      if (pr.kind() == Probes.Kind.REPLY) {
        rtts.add(pr.rttMs());
      }
      line.print(n, pr);
      if (n + 1 < p.count()) {
        ctx.sleep(p.intervalMs());
      }
    }
    return rtts;
  }

  /** Prints one probe's line. */
  interface ProbeLine {
    void print(int index, Probes.Probe probe) throws IOException;
  }
}
