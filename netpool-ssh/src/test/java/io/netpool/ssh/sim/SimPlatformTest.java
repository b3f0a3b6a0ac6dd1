package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netpool.pool.Device;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.CliResponse;
import io.netpool.ssh.CommandFailedException;
import io.netpool.ssh.Exchange;
import io.netpool.ssh.ExecDriver;
import io.netpool.ssh.ExecFactory;
import io.netpool.ssh.ExecResult;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every platform profile of netpool-ssh against the matching simulated router of netpool-sim (two
 * independent implementations of the same vendor facts): CLI open with privilege escalation, paging
 * off with a long output read whole, ping on each output case, error string, interactive
 * confirmation, and the same pings over exec channels.
 */
class SimPlatformTest {
  private static final Duration T = Duration.ofSeconds(10);

  static final String OK = "10.0.0.1";
  static final String PARTIAL = "10.0.0.2";
  static final String LOST = "10.0.0.3";
  static final String UNREACH = "10.0.0.4";
  static final String BAD = "999.1.1.1";

  /** Paging markers of all platforms; none may reach a response. */
  static final List<String> MARKERS = List.of("--More--", "---- More ----", "---(more)---");

  /**
   * What one platform should look like through the driver.
   *
   * @param badAddressFailure the failure indicator when the profile classifies the bad-address
   *     answer as a command failure, or null when the driver returns it as output
   * @param execStatus exit statuses of the exec pings: ok, partial, lost, unreachable, bad
   */
  record Case(
      Platform platform,
      String prompt,
      String level,
      boolean escalates,
      String longCommand,
      String firstLine,
      String lastLine,
      int minLines,
      String ping,
      String okSummary,
      String partialSummary,
      String lostSummary,
      String unreachSummary,
      String unreachSign,
      String badAddressText,
      String badAddressFailure,
      String errorIndicator,
      String clock,
      String confirmCommand,
      String confirmQuestion,
      String confirmAnswer,
      List<Integer> execStatus) {
    @Override
    public String toString() {
      return platform.id();
    }
  }

  static Stream<Case> cases() {
    List<Integer> routerExit = List.of(0, 0, 0, 0, 1);
    return Stream.of(
        cisco(Platform.CISCO_IOS, "Cisco IOS Software, C2900 Software", "U.U.U", routerExit),
        cisco(
            Platform.CISCO_IOSXE, "Cisco IOS XE Software, Version 17.03.04a", "U.U.U", routerExit),
        new Case(
            Platform.CISCO_IOSXR,
            "RP/0/RSP0/CPU0:R1#",
            "privilege_exec",
            false,
            "show version",
            "Cisco IOS XR Software, Version 6.6.3",
            "Configuration register on node 0/RSP0/CPU0 is 0x1922",
            55,
            "ping %s count 5 timeout 1",
            "Success rate is 100 percent (5/5), round-trip min/avg/max = ",
            "Success rate is 80 percent (4/5), round-trip min/avg/max = ",
            "Success rate is 0 percent (0/5)",
            "Success rate is 0 percent (0/5)",
            "UUUUU",
            "% Bad hostname or protocol not running",
            null, // not in the cisco_iosxr failure list: returned as output
            "% Invalid input detected",
            "show clock",
            "clear counters",
            "[confirm]",
            "",
            routerExit),
        new Case(
            Platform.CISCO_NXOS,
            "R1#",
            "privilege_exec",
            false,
            "show version",
            "Cisco Nexus Operating System (NX-OS) Software",
            "mtx-openconfig-29-2.0.0.0-9.3.10.lib32_n9000",
            60,
            "ping %s count 5 timeout 1",
            "5 packets transmitted, 5 packets received, 0.00% packet loss",
            "5 packets transmitted, 4 packets received, 20.00% packet loss",
            "5 packets transmitted, 0 packets received, 100.00% packet loss",
            "5 packets transmitted, 0 packets received, 100.00% packet loss",
            "Destination Host Unreachable",
            "% Invalid host/interface " + BAD,
            "% Invalid host/interface",
            "% Invalid command at",
            "show clock",
            "reload",
            "(y/n)?  [n]",
            "n",
            routerExit),
        new Case(
            Platform.HUAWEI_VRP,
            "<R1>",
            "user_view",
            false,
            "display version",
            "Huawei Versatile Routing Platform Software",
            "PCB Version          : CR57LPUF120 REV A",
            60,
            "ping -c 5 -t 1000 %s",
            "0.00% packet loss",
            "20.00% packet loss",
            "100.00% packet loss",
            "100.00% packet loss",
            "Request time out",
            "Error: Wrong parameter found at '^' position.",
            "Error: Wrong parameter",
            "Error: Unrecognized command",
            "display clock",
            "reset counters interface",
            "Continue? [Y/N]:",
            "Y",
            routerExit),
        new Case(
            Platform.H3C_COMWARE,
            "<R1>",
            "user_view",
            false,
            "display version",
            "H3C Comware Software, Version 7.1.070, Release 7585P05",
            "Release Version:    H3C S6850-56HF-7585P05",
            60,
            "ping -c 5 -t 1000 %s",
            "5 packet(s) transmitted, 5 packet(s) received, 0.0% packet loss",
            "5 packet(s) transmitted, 4 packet(s) received, 20.0% packet loss",
            "5 packet(s) transmitted, 0 packet(s) received, 100.0% packet loss",
            "5 packet(s) transmitted, 0 packet(s) received, 100.0% packet loss",
            "Request time out",
            "% Wrong parameter found at '^' position.",
            "% Wrong parameter",
            "% Unrecognized command",
            "display clock",
            "reset counters interface",
            "Reset counters on all interfaces? [Y/N]:",
            "Y",
            routerExit),
        new Case(
            Platform.JUNIPER_JUNOS,
            "netops@R1>",
            "exec",
            false,
            "show version",
            "Hostname: R1",
            "JUNOS Packet Forwarding Engine [21.4R3-S4.9]",
            55,
            "ping %s count 5 wait 1",
            "5 packets transmitted, 5 packets received, 0% packet loss",
            "5 packets transmitted, 4 packets received, 20% packet loss",
            "5 packets transmitted, 0 packets received, 100% packet loss",
            "5 packets transmitted, 0 packets received, 100% packet loss",
            "Destination Host Unreachable",
            "ping: cannot resolve " + BAD + ": Unknown host",
            null,
            "unknown command",
            "show system uptime",
            "request system reboot",
            "Reboot the system ? [yes,no] (no)",
            "no",
            routerExit),
        new Case(
            Platform.ARISTA_EOS,
            "R1#",
            "privilege_exec",
            true,
            "show version",
            "Arista DCS-7050SX3-48YC8-R",
            "feature-39            enabled     licensed",
            55,
            "ping %s repeat 5 timeout 1",
            "5 packets transmitted, 5 received, 0% packet loss, time 40ms",
            "5 packets transmitted, 4 received, 20% packet loss, time 40ms",
            "5 packets transmitted, 0 received, 100% packet loss, time 40ms",
            "5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 40ms",
            "Destination Host Unreachable",
            "ping: unknown host " + BAD,
            null,
            "% Invalid input",
            "show clock",
            "clear counters",
            "[confirm]",
            "",
            routerExit),
        new Case(
            Platform.LINUX,
            "netops@R1:~$",
            "shell",
            false,
            "seq 200",
            "1",
            "200",
            200,
            "ping -c 5 -W 1 %s",
            "5 packets transmitted, 5 received, 0% packet loss, time 4000ms",
            "5 packets transmitted, 4 received, 20% packet loss, time 4000ms",
            "5 packets transmitted, 0 received, 100% packet loss, time 4000ms",
            "5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 4000ms",
            "Destination Host Unreachable",
            "ping: " + BAD + ": Name or service not known",
            null,
            "command not found",
            "date",
            "rm -i x",
            "rm: remove regular empty file 'x'?",
            "n",
            List.of(0, 0, 1, 1, 2)));
  }

  private static Case cisco(
      Platform platform, String firstLine, String unreachSign, List<Integer> exit) {
    boolean ios = platform != Platform.ARISTA_EOS;
    return new Case(
        platform,
        "R1#",
        "privilege_exec",
        true,
        "show version",
        firstLine,
        "Configuration register is 0x2102",
        55,
        "ping %s repeat 5 timeout 1",
        "Success rate is 100 percent (5/5), round-trip min/avg/max = ",
        "Success rate is 80 percent (4/5), round-trip min/avg/max = ",
        "Success rate is 0 percent (0/5)",
        "Success rate is 0 percent (0/5)",
        unreachSign,
        "% Unrecognized host or address, or protocol not running.",
        ios ? "% Unrecognized host or address" : null,
        "% Invalid input detected",
        "show clock",
        "clear counters",
        "[confirm]",
        "",
        exit);
  }

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    List<DeviceSpec> specs = new ArrayList<>();
    for (Platform p : Platform.values()) {
      specs.add(
          DeviceSpec.builder(p.id(), p)
              .hostname("R1")
              // lands in "R1>" on IOS, IOS-XE and EOS; NX-OS and IOS-XR log in privileged anyway
              .enableRequired(true)
              .target(OK, TargetBehaviour.latency(1, 3))
              .target(PARTIAL, TargetBehaviour.pattern("!!.!!").withLatency(1, 3))
              .target(LOST, TargetBehaviour.totalLoss())
              .target(UNREACH, TargetBehaviour.unreachableTarget())
              .build());
    }
    // 1/50 of real time: a 5 x 1 s total-loss ping takes 100 ms
    sim = SimSupport.simulator().seed(7).timeScale(0.02).devices(specs).start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  private static SimulatedDevice simDevice(Case c) {
    return sim.device(c.platform().id());
  }

  private static CliDriver open(Case c, SshOptions own) throws Exception {
    Device d = SimSupport.device(simDevice(c), own);
    return new CliFactory(transport, options).create(d, T);
  }

  private static CliDriver open(Case c) throws Exception {
    return new CliFactory(transport, options).create(SimSupport.device(simDevice(c)), T);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void openReachesDefaultLevelAndLongOutputIsReadWholeWithPagingOff(Case c) throws Exception {
    Path transcript = tmp.resolve("open-" + c.platform().id() + ".log");
    try (CliDriver cli = open(c, options.withTranscriptFile(transcript))) {
      // open: prompt found, default privilege level reached
      assertThat(cli.prompt()).isEqualTo(c.prompt());
      assertThat(cli.privilegeLevel().name()).isEqualTo(c.level());
      assertThat(cli.profile().defaultLevel()).isEqualTo(c.level());
      assertThat(cli.pagingDisabled()).as("every on-open command accepted").isTrue();
      assertThat(cli.isOpen()).isTrue();

      // paging off: the long output comes whole, from its first to its last line
      CliResponse r = cli.send(c.longCommand(), T);
      List<String> lines = r.output().lines().toList();
      assertThat(lines.size()).isGreaterThanOrEqualTo(c.minLines());
      assertThat(r.output()).contains(c.firstLine()).contains(c.lastLine());
      String lastNonBlank =
          lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow();
      assertThat(lastNonBlank.strip()).isEqualTo(c.lastLine());
      for (String marker : MARKERS) {
        assertThat(r.output()).doesNotContain(marker);
      }
      assertThat(r.output()).doesNotContain(c.longCommand()); // no echo
      assertThat(r.prompt()).isEqualTo(c.prompt());
      if (c.platform() == Platform.LINUX) {
        assertThat(lines).isEqualTo(seq(200));
      } else {
        List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
        if (c.platform() == Platform.CISCO_IOSXR) {
          // IOS-XR prints a timestamp line before show output
          assertThat(nonBlank.get(0))
              .matches("\\w{3} \\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\w+");
          assertThat(nonBlank.get(1)).isEqualTo(c.firstLine());
        } else {
          assertThat(nonBlank.get(0)).as("first output line").startsWith(c.firstLine());
        }
      }
    }
    String text = Files.readString(transcript);
    List<String> sent = text.lines().filter(l -> l.startsWith(">> ")).toList();
    if (c.escalates()) {
      // logged in at "R1>", escalated with "enable" and the secret (masked, never echoed)
      assertThat(text).containsPattern("(?m)^<< R1>\\s*$");
      assertThat(sent).contains(">> enable", ">> ******");
    } else {
      assertThat(sent).doesNotContain(">> enable");
    }
    assertThat(sent).as("no paging prompt was answered").doesNotContain(">>  ");
    assertThat(text).doesNotContain(SimSupport.PASSWORD).doesNotContain(SimSupport.ENABLE_SECRET);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pingOutputIsReturnedIntactForEveryCase(Case c) throws Exception {
    try (CliDriver cli = open(c)) {
      CliResponse ok = ping(cli, c, OK);
      assertThat(summaryLine(ok.output(), c.okSummary())).isNotNull();

      CliResponse partial = ping(cli, c, PARTIAL);
      assertThat(summaryLine(partial.output(), c.partialSummary())).isNotNull();

      CliResponse lost = ping(cli, c, LOST);
      assertThat(summaryLine(lost.output(), c.lostSummary())).isNotNull();
      assertThat(lost.output()).doesNotContainPattern("min/avg/max[^=]*= *\\d");

      CliResponse unreach = ping(cli, c, UNREACH);
      assertThat(summaryLine(unreach.output(), c.unreachSummary())).isNotNull();
      assertThat(unreach.output()).contains(c.unreachSign());

      // bad address: a command error, either raised by the profile or returned as text
      String bad = c.ping().formatted(BAD);
      if (c.badAddressFailure() != null) {
        CommandFailedException e =
            catchThrowableOfType(CommandFailedException.class, () -> cli.send(bad, T));
        assertThat(e).as("bad address rejected as a command failure").isNotNull();
        assertThat(e.indicator()).isEqualTo(c.badAddressFailure());
        assertThat(e.output()).contains(c.badAddressText());
        assertThat(cli.isOpen()).isTrue();
      } else {
        CliResponse r = cli.send(bad, T);
        assertThat(r.output()).contains(c.badAddressText());
        assertThat(r.output()).doesNotContainPattern("(?i)packet loss|success rate");
      }
      assertThat(cli.isOpen()).isTrue();
    }
  }

  private static CliResponse ping(CliDriver cli, Case c, String target) throws Exception {
    String command = c.ping().formatted(target);
    CliResponse r = cli.send(command, T);
    assertThat(r.prompt()).isEqualTo(c.prompt());
    assertThat(r.output()).doesNotContain(command).doesNotContain(c.prompt());
    assertThat(r.output().lines().filter(l -> !l.isBlank()).count())
        .as("ping output of %s", command)
        .isGreaterThanOrEqualTo(3);
    return r;
  }

  /** The first line that starts (after leading blanks) with {@code summary}, or null. */
  static String summaryLine(String output, String summary) {
    return output
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith(summary))
        .findFirst()
        .orElse(null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void errorStringIsACommandFailureAndConfirmationWorksInteractively(Case c) throws Exception {
    try (CliDriver cli = open(c)) {
      CommandFailedException e =
          catchThrowableOfType(CommandFailedException.class, () -> cli.send("frobnicate", T));
      assertThat(e).as("an unknown command is a CommandFailedException").isNotNull();
      assertThat(e.indicator()).containsIgnoringCase(c.errorIndicator());
      assertThat(e.command()).isEqualTo("frobnicate");
      assertThat(cli.isOpen()).as("a rejected command leaves the session usable").isTrue();
      assertThat(cli.send(c.clock(), T).output()).containsPattern("\\d\\d:\\d\\d");

      CliResponse confirm =
          cli.sendInteractive(
              List.of(
                  Exchange.literal(c.confirmCommand(), c.confirmQuestion()),
                  Exchange.toPrompt(c.confirmAnswer())),
              T);
      assertThat(confirm.output()).contains(c.confirmQuestion());
      assertThat(confirm.prompt()).isEqualTo(c.prompt());
      assertThat(simDevice(c).isUp()).as("the confirmation did not reboot the device").isTrue();
      // and the session still answers normally afterwards
      assertThat(cli.send(c.clock(), T).prompt()).isEqualTo(c.prompt());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void execChannelPingsReportOutputAndExitStatus(Case c) throws Exception {
    Device d = SimSupport.device(simDevice(c));
    try (ExecDriver exec = new ExecFactory(transport, options).create(d, T)) {
      String[] targets = {OK, PARTIAL, LOST, UNREACH, BAD};
      String[] summaries = {
        c.okSummary(), c.partialSummary(), c.lostSummary(), c.unreachSummary(), null
      };
      for (int i = 0; i < targets.length; i++) {
        ExecResult r = exec.exec(c.ping().formatted(targets[i]), T);
        String out = r.stdout().replace("\r\n", "\n");
        assertThat(r.exitStatus())
            .as("exit status of %s", r.command())
            .isEqualTo(c.execStatus().get(i));
        if (summaries[i] != null) {
          assertThat(summaryLine(out, summaries[i])).as("summary in:\n%s", out).isNotNull();
        } else {
          assertThat(out).contains(c.badAddressText());
        }
        // exec: no echo, no prompt, no paging
        assertThat(out).doesNotContain(c.prompt());
        for (String marker : MARKERS) {
          assertThat(out).doesNotContain(marker);
        }
      }
      assertThat(exec.commandCount()).isEqualTo(5);
      assertThat(exec.isOpen()).isTrue();
    }
  }

  private static List<String> seq(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }
}
