package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every platform through MINA's client: prompt, privilege, paging, ping cases, errors, confirm. */
class PlatformTest {

  static final String OK = "10.0.0.1";
  static final String PARTIAL = "10.0.0.2";
  static final String LOST = "10.0.0.3";
  static final String UNREACH = "10.0.0.4";

  /** What the test expects of one platform. */
  record Profile(
      Platform platform,
      String userPrompt,
      String prompt,
      String marker,
      String disablePaging,
      String version,
      String ping,
      Pattern stats,
      String unreachableSign,
      String badAddressError,
      String error,
      boolean caret,
      String confirmCommand,
      String question,
      String answer) {
    @Override
    public String toString() {
      return platform.id();
    }
  }

  static final Pattern CISCO_STATS =
      Pattern.compile("Success rate is (\\d+) percent \\((\\d+)/(\\d+)\\)");

  static Stream<Profile> profiles() {
    Pattern bsd =
        Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) packets received, ([\\d.]+)% packet loss");
    Pattern iputils =
        Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received, (?:\\+\\d+ errors, )?([\\d.]+)% packet"
                + " loss, time \\d+ms");
    return Stream.of(
        new Profile(
            Platform.CISCO_IOS,
            "R1>",
            "R1#",
            " --More-- ",
            "terminal length 0",
            "show version",
            "ping %s repeat 5 timeout 1",
            CISCO_STATS,
            "U.U.U",
            "% Unrecognized host or address, or protocol not running.",
            "% Invalid input detected at '^' marker.",
            true,
            "clear counters",
            "Clear \"show interface\" counters on all interfaces [confirm]",
            ""),
        new Profile(
            Platform.CISCO_IOSXE,
            "R1>",
            "R1#",
            " --More-- ",
            "terminal length 0",
            "show version",
            "ping %s repeat 5 timeout 1",
            CISCO_STATS,
            "U.U.U",
            "% Unrecognized host or address, or protocol not running.",
            "% Invalid input detected at '^' marker.",
            true,
            "clear counters",
            "Clear \"show interface\" counters on all interfaces [confirm]",
            "y"),
        new Profile(
            Platform.CISCO_IOSXR,
            null,
            "RP/0/RSP0/CPU0:R1#",
            " --More-- ",
            "terminal length 0",
            "show version",
            "ping %s count 5 timeout 1",
            CISCO_STATS,
            "UUUUU",
            "% Bad hostname or protocol not running",
            "% Invalid input detected at '^' marker.",
            true,
            "clear counters",
            "[confirm]",
            ""),
        new Profile(
            Platform.CISCO_NXOS,
            null,
            "R1# ",
            "--More--",
            "terminal length 0",
            "show version",
            "ping %s count 5 timeout 1 vrf default",
            bsd,
            "Destination Host Unreachable",
            "% Invalid host/interface",
            "% Invalid command at '^' marker.",
            true,
            "reload",
            "(y/n)?  [n] ",
            "n"),
        new Profile(
            Platform.HUAWEI_VRP,
            null,
            "<R1>",
            "  ---- More ----",
            "screen-length 0 temporary",
            "display version",
            "ping -c 5 -t 1000 %s",
            Pattern.compile(
                "(\\d+) packet\\(s\\) transmitted\\s+(\\d+) packet\\(s\\) received\\s+"
                    + "([\\d.]+)% packet loss"),
            "Request time out",
            "Error: Wrong parameter found at '^' position.",
            "Error: Unrecognized command found at '^' position.",
            true,
            "reset counters interface",
            "Continue? [Y/N]:",
            "Y"),
        new Profile(
            Platform.H3C_COMWARE,
            null,
            "<R1>",
            "---- More ----",
            "screen-length disable",
            "display version",
            "ping -c 5 -t 1000 %s",
            Pattern.compile(
                "(\\d+) packet\\(s\\) transmitted, (\\d+) packet\\(s\\) received, "
                    + "([\\d.]+)% packet loss"),
            "Request time out",
            "% Wrong parameter found at '^' position.",
            " % Unrecognized command found at '^' position.",
            true,
            "reset counters interface",
            "[Y/N]:",
            "N"),
        new Profile(
            Platform.JUNIPER_JUNOS,
            null,
            "netops@R1> ",
            "---(more)---",
            "set cli screen-length 0",
            "show version",
            "ping %s count 5 wait 1",
            bsd,
            "Destination Host Unreachable",
            "ping: cannot resolve",
            "unknown command.",
            true,
            "request system reboot",
            "Reboot the system ? [yes,no] (no) ",
            "no"),
        new Profile(
            Platform.ARISTA_EOS,
            "R1>",
            "R1#",
            " --More-- ",
            "terminal length 0",
            "show version",
            "ping %s repeat 5 timeout 1",
            iputils,
            "Destination Host Unreachable",
            "ping: unknown host",
            "% Invalid input",
            false,
            "clear counters",
            "[confirm]",
            ""),
        new Profile(
            Platform.LINUX,
            null,
            "netops@R1:~$ ",
            null,
            null,
            null,
            "ping -c 5 -W 1 %s",
            iputils,
            "Destination Host Unreachable",
            "Name or service not known",
            "-bash: foo: command not found",
            false,
            "rm -i x",
            "rm: remove regular empty file 'x'? ",
            "n"));
  }

  static Simulator sim;
  static SimClient client;

  @BeforeAll
  static void start() throws Exception {
    List<DeviceSpec> specs = new ArrayList<>();
    for (Platform p : Platform.values()) {
      specs.add(
          DeviceSpec.builder(p.id(), p)
              .hostname("R1")
              .enableRequired(true)
              .target(OK, TargetBehaviour.latency(1, 3))
              .target(PARTIAL, TargetBehaviour.pattern("!!.!!").withLatency(1, 3))
              .target(LOST, TargetBehaviour.totalLoss())
              .target(UNREACH, TargetBehaviour.unreachableTarget())
              .build());
    }
    sim =
        Simulator.builder()
            .seed(11)
            .timeScale(0)
            .credentials("netops", "pw")
            .enableSecret("en-secret")
            .devices(specs)
            .start();
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  static SimClient.Shell open(Profile p) throws Exception {
    ClientSession s = client.login(sim.device(p.platform().id()), "netops", "pw");
    SimClient.Shell sh = client.shell(s, 24);
    if (p.userPrompt() != null) {
      sh.awaitEnd(p.userPrompt());
      sh.take();
      sh.write("enable\r");
      sh.awaitEnd("Password: ");
      sh.take();
      if (p.platform() == Platform.ARISTA_EOS) {
        // EOS asks once: a wrong secret is refused at once, back at the user prompt
        assertThat(sh.send("wrong", p.userPrompt())).contains("% Access denied");
        sh.write("enable\r");
      } else {
        // IOS asks again (three times in all) after a wrong secret
        sh.write("wrong\r");
      }
      sh.awaitEnd("Password: ");
      sh.take();
      String out = sh.send("en-secret", p.prompt());
      assertThat(out).doesNotContain("en-secret");
    } else {
      sh.awaitEnd(p.prompt());
      sh.take();
    }
    return sh;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void promptPrivilegeAndEcho(Profile p) throws Exception {
    try (SimClient.Shell sh = open(p)) {
      String out = sh.send("", p.prompt());
      assertThat(out).isEqualTo("\n" + p.prompt());
      if (p.platform() == Platform.JUNIPER_JUNOS) {
        assertThat(sh.send("show system uptime", p.prompt())).contains("System booted:");
      } else if (p.platform() == Platform.LINUX) {
        assertThat(sh.send("date", p.prompt())).startsWith("date\n").contains("UTC");
      } else {
        String clock = p.version().startsWith("display") ? "display clock" : "show clock";
        // echo of the typed characters comes first
        assertThat(sh.send(clock, p.prompt()))
            .startsWith(clock + "\n")
            .containsPattern("\\d\\d:\\d\\d:\\d\\d");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void pagingOnThenOff(Profile p) throws Exception {
    if (p.marker() == null) {
      return; // a Linux shell does not page
    }
    try (SimClient.Shell sh = open(p)) {
      sh.write(p.version() + "\r");
      int markers = 0;
      StringBuilder all = new StringBuilder();
      while (true) {
        String s =
            sh.await(t -> t.endsWith(p.marker()) || t.endsWith(p.prompt()), SimClient.TIMEOUT);
        sh.take();
        all.append(s);
        if (s.endsWith(p.marker())) {
          markers++;
          sh.write(" ");
        } else {
          break;
        }
      }
      assertThat(markers).as("pages of %s", p.version()).isGreaterThanOrEqualTo(2);
      String off = sh.send(p.disablePaging(), p.prompt());
      assertThat(off).doesNotContain("Error").doesNotContain("%");
      String whole = sh.send(p.version(), p.prompt());
      assertThat(whole).doesNotContain(p.marker().strip());
      assertThat(whole.lines().count()).isGreaterThan(46);
      // the user can quit at the marker too
      sh.send(
          p.platform() == Platform.JUNIPER_JUNOS
              ? "set cli screen-length 10"
              : p.platform() == Platform.HUAWEI_VRP
                  ? "screen-length 10 temporary"
                  : p.platform() == Platform.H3C_COMWARE
                      ? "screen-length 10"
                      : "terminal length 10",
          p.prompt());
      sh.write(p.version() + "\r");
      sh.awaitEnd(p.marker());
      sh.take();
      sh.write("q");
      sh.awaitEnd(p.prompt());
    }
  }

  static double loss(Profile p, String out) {
    Matcher m = p.stats().matcher(out);
    assertThat(m.find()).as("statistics in:\n%s", out).isTrue();
    if (p.stats() == CISCO_STATS) {
      assertThat(Integer.parseInt(m.group(3))).isEqualTo(5);
      return 100 - Integer.parseInt(m.group(1));
    }
    int sent = Integer.parseInt(m.group(1));
    int recv = Integer.parseInt(m.group(2));
    double reported = Double.parseDouble(m.group(3));
    assertThat(sent).isEqualTo(5);
    assertThat(reported).isEqualTo((sent - recv) * 100.0 / sent);
    return reported;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void pingCases(Profile p) throws Exception {
    try (SimClient.Shell sh = open(p)) {
      if (p.disablePaging() != null) {
        sh.send(p.disablePaging(), p.prompt());
      }
      String ok = sh.send(p.ping().formatted(OK), p.prompt());
      assertThat(loss(p, ok)).isZero();
      assertThat(ok).containsPattern("(min/avg/max|rtt min)");

      String partial = sh.send(p.ping().formatted(PARTIAL), p.prompt());
      assertThat(loss(p, partial)).isEqualTo(20.0);

      String lost = sh.send(p.ping().formatted(LOST), p.prompt());
      assertThat(loss(p, lost)).isEqualTo(100.0);
      assertThat(lost).doesNotContainPattern("min/avg/max = \\d");

      String unreach = sh.send(p.ping().formatted(UNREACH), p.prompt());
      assertThat(loss(p, unreach)).isEqualTo(100.0);
      assertThat(unreach).contains(p.unreachableSign());

      String bad = sh.send(p.ping().formatted("999.1.1.1"), p.prompt());
      assertThat(bad).contains(p.badAddressError());
      assertThat(bad).doesNotContainPattern("(?i)packet loss|success rate");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void errorStringAndConfirmation(Profile p) throws Exception {
    try (SimClient.Shell sh = open(p)) {
      String err = sh.send("foo bar", p.prompt());
      assertThat(err).contains(p.error());
      if (p.caret()) {
        String caretLine = err.lines().filter(l -> l.strip().equals("^")).findFirst().orElseThrow();
        String promptLine = p.prompt().substring(p.prompt().lastIndexOf('\n') + 1);
        assertThat(caretLine.indexOf('^')).isEqualTo(promptLine.length());
      }
      sh.take();
      sh.write(p.confirmCommand() + "\r");
      sh.awaitEnd(p.question());
      sh.take();
      sh.send(p.answer(), p.prompt());
      assertThat(sim.device(p.platform().id()).isUp()).isTrue();
    }
  }
}
