package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.sla.SlaOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routers' own SLA operations through SSH sessions to the simulator: each platform's command
 * prints the configured operation's latest run, the not-found and not-running texts, an old last
 * run for a stale operation, and the same results for two reads within one period.
 */
class SlaOperationsTest {

  /** A clock the test moves: the simulator's runs follow it. */
  static final class TestClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  }

  static final Duration FREQ = Duration.ofSeconds(60);

  /** 10 s into a period: reads before 50 s more stay in the same run. */
  static final Instant START = Instant.parse("2026-12-04T10:15:10Z");

  static final SlaOperation OK =
      SlaOperation.icmpEcho("10.0.0.1").withLatency(5, 5).withFrequency(FREQ);
  static final SlaOperation LOST = SlaOperation.icmpEcho("10.0.0.2").withLoss(1);
  static final SlaOperation JITTER =
      SlaOperation.udpJitter("10.0.0.3")
          .withLatency(20, 20)
          .withJitter(4)
          .withCodec("g711alaw")
          .withOneWayValid(true);
  static final SlaOperation JITTER_LOST = SlaOperation.udpJitter("10.0.0.4").withLoss(1);
  static final SlaOperation STALE = SlaOperation.icmpEcho("10.0.0.5").withStale(true);
  static final SlaOperation IDLE = SlaOperation.icmpEcho("10.0.0.6").withNotRunning(true);

  static final TestClock clock = new TestClock();
  static Simulator sim;
  static SimClient client;

  @BeforeAll
  static void start() throws Exception {
    clock.now.set(START);
    Simulator.Builder b = Simulator.builder().seed(7).clock(clock);
    for (Platform p :
        new Platform[] {
          Platform.CISCO_IOS,
          Platform.CISCO_IOSXE,
          Platform.CISCO_NXOS,
          Platform.CISCO_IOSXR,
          Platform.JUNIPER_JUNOS,
          Platform.HUAWEI_VRP,
          Platform.H3C_COMWARE
        }) {
      boolean cisco = p.id().startsWith("cisco");
      DeviceSpec.Builder d = DeviceSpec.builder(p.id(), p).hostname("R1");
      d.slaOperation(cisco ? "10" : "netpool/ok", OK);
      d.slaOperation(cisco ? "20" : "netpool/lost", LOST);
      d.slaOperation(cisco ? "30" : "netpool/jitter", JITTER);
      d.slaOperation(cisco ? "40" : "netpool/jitterlost", JITTER_LOST);
      d.slaOperation(cisco ? "50" : "netpool/stale", STALE);
      d.slaOperation(cisco ? "60" : "netpool/idle", IDLE);
      b.device(d.build());
    }
    sim = b.start();
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  static String run(Platform p, String command) throws Exception {
    try (ClientSession s = client.login(sim.device(p.id()), "netops", "netops")) {
      return client.exec(s, command).output().replace("\r\n", "\n");
    }
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
    return m.group(1);
  }

  static final DateTimeFormatter CISCO_START =
      DateTimeFormatter.ofPattern("HH:mm:ss z EEE MMM d yyyy", Locale.ROOT);

  // ---- Cisco IOS / IOS-XE / NX-OS

  @Test
  void ciscoIcmpEchoPrintsTheLatestRunOfTheCurrentPeriod() throws Exception {
    for (Platform p :
        new Platform[] {Platform.CISCO_IOS, Platform.CISCO_IOSXE, Platform.CISCO_NXOS}) {
      String out = run(p, "show ip sla statistics 10");
      assertThat(out).startsWith("IPSLAs Latest Operation Statistics\n\nIPSLA operation id: 10\n");
      assertThat(out).contains("        Latest RTT: 5 milliseconds\n");
      assertThat(out).contains("Latest operation start time: 10:15:00 UTC Fri Dec 4 2026\n");
      assertThat(out).contains("Latest operation return code: OK\n");
      assertThat(out)
          .contains("Number of failures: 0\n")
          .contains("Operation time to live: Forever");
      assertThat(run(p, "show ip sla statistics 10 details")).isEqualTo(out);
    }
  }

  @Test
  void ciscoTotalLossTimesOut() throws Exception {
    String out = run(Platform.CISCO_IOSXE, "show ip sla statistics 20");
    assertThat(out).contains("        Latest RTT: NoConnection/Busy/Timeout\n");
    assertThat(out).contains("Latest operation return code: Timeout\n");
    assertThat(out).contains("Number of successes: 0\n");
    String jitter = run(Platform.CISCO_IOSXE, "show ip sla statistics 40");
    assertThat(group(jitter, "Number Of RTT: (\\d+)")).isEqualTo("0");
    int sd = Integer.parseInt(group(jitter, "Loss Source to Destination: (\\d+)"));
    int ds = Integer.parseInt(group(jitter, "Loss Destination to Source: (\\d+)"));
    assertThat(sd + ds).isEqualTo(10);
  }

  @Test
  void ciscoUdpJitterWithCodecPrintsJitterOneWayDelayAndVoiceScores() throws Exception {
    String out = run(Platform.CISCO_IOS, "show ip sla statistics 30 details");
    assertThat(out).contains("Type of operation: udp-jitter\n");
    assertThat(group(out, "Number Of RTT: (\\d+) +RTT Min/Avg/Max: ")).isEqualTo("10");
    assertThat(group(out, "Number of Latency one-way Samples: (\\d+)")).isEqualTo("10");
    int sdAvg =
        Integer.parseInt(
            group(out, "Source to Destination Jitter Min/Avg/Max: \\d+/(\\d+)/\\d+ milliseconds"));
    assertThat(sdAvg).isBetween(1, 10);
    assertThat(group(out, "Source to Destination Latency one way Min/Avg/Max: \\d+/(\\d+)/"))
        .isNotEqualTo("0");
    double mos = Double.parseDouble(group(out, "Mean Opinion Score \\(MOS\\): ([\\d.]+)"));
    assertThat(mos).isBetween(3.5, 4.34);
    assertThat(out).contains("Calculated Planning Impairment Factor (ICPIF): ");
    assertThat(out).contains("Loss Source to Destination: 0\n");
    assertThat(out).contains("Number Of RTT Over Threshold: 0 (0%)\n");
    String plain = run(Platform.CISCO_IOS, "show ip sla statistics 30");
    assertThat(plain)
        .contains("Loss Source to Destination: 0           Loss Destination to Source: 0\n");
    assertThat(plain).doesNotContain("Over Threshold");
  }

  @Test
  void ciscoMissingAndNotRunningEntries() throws Exception {
    assertThat(run(Platform.CISCO_IOSXE, "show ip sla statistics 99"))
        .isEqualTo("IPSLAs Latest Operation Statistics\n\n");
    String idle = run(Platform.CISCO_IOSXE, "show ip sla statistics 60");
    assertThat(idle).contains("IPSLA operation id: 60\n");
    assertThat(idle).contains("Latest RTT: Unknown").contains("Operation time to live: 0");
    assertThat(idle).doesNotContain("Latest operation start time");
  }

  @Test
  void ciscoStaleEntryKeepsAnOldStartTime() throws Exception {
    String out = run(Platform.CISCO_IOSXE, "show ip sla statistics 50");
    String start = group(out, "Latest operation start time: (.+)$");
    Instant last =
        LocalDateTime.parse(
                start.replace(" UTC", ""),
                DateTimeFormatter.ofPattern("HH:mm:ss EEE MMM d yyyy", Locale.ROOT))
            .toInstant(ZoneOffset.UTC);
    assertThat(Duration.between(last, START)).isGreaterThan(STALE.frequency().multipliedBy(2));
    clock.advance(Duration.ofMinutes(5));
    try {
      assertThat(run(Platform.CISCO_IOSXE, "show ip sla statistics 50")).isEqualTo(out);
    } finally {
      clock.advance(Duration.ofMinutes(-5));
    }
  }

  @Test
  void readsWithinOnePeriodAreIdenticalAndTheNextPeriodIsANewRun() throws Exception {
    String first = run(Platform.CISCO_IOSXE, "show ip sla statistics 30");
    clock.advance(Duration.ofSeconds(30));
    try {
      assertThat(run(Platform.CISCO_IOSXE, "show ip sla statistics 30")).isEqualTo(first);
      for (String[] pc :
          new String[][] {
            {"juniper_junos", "show services rpm probe-results owner netpool test jitter"},
            {"huawei_vrp", "display nqa results test-instance netpool jitter"},
            {"h3c_comware", "display nqa result netpool jitter"}
          }) {
        Platform p = Platform.of(pc[0]);
        clock.advance(Duration.ofSeconds(-30));
        String a = run(p, pc[1]);
        clock.advance(Duration.ofSeconds(30));
        assertThat(run(p, pc[1])).isEqualTo(a);
      }
      clock.advance(Duration.ofSeconds(30));
      String next = run(Platform.CISCO_IOSXE, "show ip sla statistics 30");
      assertThat(group(next, "Latest operation start time: (.+)$"))
          .isEqualTo("10:16:00 UTC Fri Dec 4 2026");
      assertThat(next).isNotEqualTo(first);
    } finally {
      clock.now.set(START);
    }
  }

  @Test
  void withoutAnIdEveryEntryIsPrinted() throws Exception {
    String out = run(Platform.CISCO_IOS, "show ip sla statistics");
    assertThat(Pattern.compile("^IPSLA operation id: ", Pattern.MULTILINE).matcher(out).results())
        .hasSize(6);
  }

  // ---- Cisco IOS-XR

  @Test
  void iosxrIpslaStatistics() throws Exception {
    String out = run(Platform.CISCO_IOSXR, "show ipsla statistics 10");
    assertThat(out).contains("Entry number: 10 \n");
    assertThat(out).contains("    Latest RTT (milliseconds)     : 5\n");
    assertThat(out).contains("    Latest operation return code  : OK\n");
    assertThat(out)
        .contains("    Latest operation start time   : 10:15:00.000 UTC Fri Dec 04 2026\n");
    assertThat(out).contains("      RTTAvg  : 5          RTTMin: 5          RTTMax : 5         \n");
    assertThat(out).contains("      NumOfRTT: 1          RTTSum: 5          RTTSum2: 25\n");
    assertThat(out).contains("    Operational frequency(seconds): 60\n");
    assertThat(group(out, "NumOfRTT: (\\d+)")).isEqualTo("1");

    String lost = run(Platform.CISCO_IOSXR, "show ipsla statistics 20");
    assertThat(lost).contains("    Timeout occurred              : TRUE\n");
    assertThat(lost).contains("    Latest operation return code  : Timeout\n");
    assertThat(group(lost, "NumOfRTT: (\\d+)")).isEqualTo("0");

    String jitter = run(Platform.CISCO_IOSXR, "show ipsla statistics 30");
    assertThat(jitter).contains("    Packet Loss Values:\n").contains("    Jitter Values :\n");
    assertThat(group(jitter, "PacketLossSD +: (\\d+)")).isEqualTo("0");
    assertThat(Integer.parseInt(group(jitter, "JitterSDAve: (\\d+)"))).isBetween(1, 10);
    assertThat(group(jitter, "NumOfOW: (\\d+)")).isEqualTo("10");

    String jitterLost = run(Platform.CISCO_IOSXR, "show ipsla statistics 40");
    int sd = Integer.parseInt(group(jitterLost, "PacketLossSD +: (\\d+)"));
    int ds = Integer.parseInt(group(jitterLost, "PacketLossDS +: (\\d+)"));
    assertThat(sd + ds).isEqualTo(10);

    String missing = run(Platform.CISCO_IOSXR, "show ipsla statistics 99");
    assertThat(missing).doesNotContain("Entry number");
    String idle = run(Platform.CISCO_IOSXR, "show ipsla statistics 60");
    assertThat(idle).contains("    Operational state of entry    : Pending\n");
    assertThat(idle).contains("    Latest operation return code  : Unknown\n");
    String stale = run(Platform.CISCO_IOSXR, "show ipsla statistics 50");
    assertThat(stale).contains("    Operational state of entry    : Inactive\n");
    assertThat(stale).contains("    Next operation start time     : Inactive\n");
    String start = group(stale, "Latest operation start time   : (.+)$");
    Instant last =
        LocalDateTime.parse(
                start.replace(" UTC", ""),
                DateTimeFormatter.ofPattern("HH:mm:ss.SSS EEE MMM dd yyyy", Locale.ROOT))
            .toInstant(ZoneOffset.UTC);
    assertThat(Duration.between(last, START)).isGreaterThan(STALE.frequency().multipliedBy(2));
  }

  // ---- Juniper Junos

  @Test
  void junosProbeResults() throws Exception {
    String out =
        run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test ok");
    assertThat(out).startsWith("    Owner: netpool, Test: ok\n");
    assertThat(out)
        .contains("Target address: 10.0.0.1, Source address: ")
        .contains("Probe type: icmp-ping");
    assertThat(out).contains("      Response received\n");
    assertThat(out).contains("      Rtt: 5000 usec, Round trip jitter: 0 usec\n");
    assertThat(out)
        .contains("      Probes sent: 5, Probes received: 5, Loss percentage: 0.000000\n");
    assertThat(out).contains("      Test completed on Fri Dec 4 10:15:00 2026\n");
    assertThat(out)
        .contains(
            "        Samples: 5, Minimum: 5000 usec, Maximum: 5000 usec, Average: 5000 usec,"
                + " Peak to peak: 0 usec, Stddev: 0 usec, Sum: 25000 usec\n");

    String lost =
        run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test lost");
    assertThat(lost)
        .contains("      Probes sent: 5, Probes received: 0, Loss percentage: 100.000000\n");
    assertThat(lost).contains("      Request timed out\n").doesNotContain("Measurement:");

    String jitter =
        run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test jitter");
    assertThat(jitter).contains("Probe type: udp-ping-timestamp");
    assertThat(jitter)
        .contains("      Measurement: Egress trip time\n")
        .contains("      Measurement: Positive egress jitter\n")
        .contains("      Measurement: Negative ingress jitter\n");

    assertThat(
            run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test nope"))
        .isEmpty();
    String idle =
        run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test idle");
    assertThat(idle)
        .contains("Probes sent: 0, Probes received: 0")
        .doesNotContain("Probe results:");
    String stale =
        run(Platform.JUNIPER_JUNOS, "show services rpm probe-results owner netpool test stale");
    Instant last =
        LocalDateTime.parse(
                group(stale, "Test completed on (.+)$"),
                DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT))
            .toInstant(ZoneOffset.UTC);
    assertThat(Duration.between(last, START)).isGreaterThan(STALE.frequency().multipliedBy(2));
  }

  // ---- Huawei VRP

  @Test
  void huaweiNqaResults() throws Exception {
    String out = run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool ok");
    assertThat(out).startsWith("NQA entry(netpool, ok) :testflag is active ,testtype is icmp\n");
    assertThat(out).contains("  1 . Test ").contains(" result   The test is finished\n");
    assertThat(out).contains("   Send operation times: 5              Receive response times: 5\n");
    assertThat(out)
        .contains("   Completion:success                  RTD OverThresholds number: 0\n");
    assertThat(out).contains("   Min/Max/Average Completion Time: 5/5/5\n");
    assertThat(out).contains("   Sum/Square-Sum  Completion Time: 25/125\n");
    assertThat(out).contains("   Last Good Probe Time: 2026-12-04 10:15:00.1\n");
    assertThat(out).contains("   Lost packet ratio: 0 %\n");

    String lost = run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool lost");
    assertThat(lost).contains("Receive response times: 0\n").contains("Lost packet ratio: 100 %");
    assertThat(lost).contains("   Completion:failed ").contains("0000-00-00 00:00:00.0");

    String jitter = run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool jitter");
    assertThat(jitter).contains(":testflag is active ,testtype is jitter\n");
    assertThat(jitter).contains("   SendProbe:10                           ResponseProbe:10\n");
    assertThat(Integer.parseInt(group(jitter, "Average of Jitter SD:(\\d+)"))).isBetween(1, 10);
    assertThat(group(jitter, "Max Delay SD:(\\d+)")).isNotEqualTo("0");
    // MOS-CQ is MOS x 100
    assertThat(Integer.parseInt(group(jitter, "MOS-CQ value:(\\d+)"))).isBetween(350, 434);
    String jitterLost =
        run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool jitterlost");
    int sd = Integer.parseInt(group(jitterLost, "Packet Loss SD:(\\d+)"));
    int ds = Integer.parseInt(group(jitterLost, "Packet Loss DS:(\\d+)"));
    assertThat(sd + ds).isEqualTo(10);
    assertThat(jitterLost).contains("ResponseProbe:0\n");

    assertThat(run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool nope"))
        .isEqualTo("Error: The test instance does not exist.\n");
    assertThat(run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool idle"))
        .isEqualTo("NQA entry(netpool, idle) :testflag is inactive ,testtype is icmp\n");
    String stale = run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool stale");
    Instant last =
        LocalDateTime.parse(
                group(stale, "Last Good Probe Time: (.+)$"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT))
            .toInstant(ZoneOffset.UTC);
    assertThat(Duration.between(last, START)).isGreaterThan(STALE.frequency().multipliedBy(2));
  }

  // ---- H3C Comware

  @Test
  void comwareNqaResult() throws Exception {
    String out = run(Platform.H3C_COMWARE, "display nqa result netpool ok");
    assertThat(out).startsWith("NQA entry (admin netpool, tag ok) test results:\n");
    assertThat(out)
        .contains("    Send operation times: 5              Receive response times: 5\n");
    assertThat(out).contains("    Min/Max/Average round trip time: 5/5/5\n");
    assertThat(out).contains("    Last succeeded probe time: 2026-12-04 10:15:00.1\n");
    assertThat(out).contains("    Packet loss ratio: 0%\n");

    String lost = run(Platform.H3C_COMWARE, "display nqa result netpool lost");
    assertThat(lost).contains("Receive response times: 0\n").contains("Packet loss ratio: 100%");

    String jitter = run(Platform.H3C_COMWARE, "display nqa result netpool jitter");
    assertThat(jitter).contains("  Voice results:\n").contains("    RTT number: 10\n");
    assertThat(group(jitter, "Number of SD delay: (\\d+)")).isEqualTo("10");
    assertThat(jitter).contains("  Voice scores:\n");
    assertThat(Double.parseDouble(group(jitter, "MOS value: ([\\d.]+)"))).isBetween(3.5, 4.34);
    String jitterLost = run(Platform.H3C_COMWARE, "display nqa result netpool jitterlost");
    int sd = Integer.parseInt(group(jitterLost, "SD lost packets: (\\d+)"));
    int ds = Integer.parseInt(group(jitterLost, "DS lost packets: (\\d+)"));
    assertThat(sd + ds).isEqualTo(10);
    assertThat(jitterLost).contains("  UDP-jitter results:\n").doesNotContain("Voice scores");
    assertThat(jitterLost).contains("    Last packet received time: 0-00-00 00:00:00.0\n");

    assertThat(run(Platform.H3C_COMWARE, "display nqa result netpool nope"))
        .isEqualTo("The NQA entry does not exist.\n");
    String idle = run(Platform.H3C_COMWARE, "display nqa result netpool idle");
    assertThat(idle).contains("Send operation times: 0").contains("0-00-00 00:00:00.0");
    String stale = run(Platform.H3C_COMWARE, "display nqa result netpool stale");
    Instant last =
        LocalDateTime.parse(
                group(stale, "Last succeeded probe time: (.+)$"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT))
            .toInstant(ZoneOffset.UTC);
    assertThat(Duration.between(last, START)).isGreaterThan(STALE.frequency().multipliedBy(2));
  }

  @Test
  void anInteractiveShellPrintsTheSameResults() throws Exception {
    String exec = run(Platform.HUAWEI_VRP, "display nqa results test-instance netpool ok");
    try (ClientSession s = client.login(sim.device("huawei_vrp"), "netops", "netops");
        SimClient.Shell sh = client.shell(s, 200)) {
      sh.awaitEnd("<R1>");
      sh.send("screen-length 0 temporary", "<R1>");
      String out =
          sh.send("display nqa results test-instance netpool ok", "<R1>").replace("\r\n", "\n");
      assertThat(out).contains(exec);
    }
  }
}
