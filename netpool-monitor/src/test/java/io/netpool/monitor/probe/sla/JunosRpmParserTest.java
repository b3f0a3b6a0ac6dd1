package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Junos {@code show services rpm probe-results owner <owner> test <test>}, read from real outputs.
 */
class JunosRpmParserTest {
  private static final String DIR = "/io/netpool/monitor/probe/sla/junos/";
  private static final String ICMP_PING = DIR + "icmp-ping-overlay-red-leaf2.txt";
  private static final String NO_RESULTS = DIR + "handmade-no-results-yet.txt";

  private final JunosRpmParser parser = new JunosRpmParser();

  @Test
  void readsTheLastCompletedTestOfAnIcmpPing() {
    SlaStats stats = parser.parse(SlaFixtures.load(ICMP_PING));

    // Values of "Results over last test", not of the current or all tests.
    assertThat(stats)
        .isEqualTo(
            new SlaStats(
                Outcome.READ,
                null,
                "icmp-ping",
                "Fri Dec 15 17:33:43 2023",
                "Response received",
                true,
                5,
                5,
                0.0,
                null,
                null,
                2.204,
                2.372,
                2.557,
                null, // round-trip jitter only: no direction
                null,
                null, // one-way delays are never known valid on Junos
                null,
                null,
                null,
                "Fri Dec 15 17:33:43 2023"));
  }

  @Test
  void aTestWithoutResultsIsNotRunning() {
    SlaStats stats = parser.parse(SlaFixtures.load(NO_RESULTS));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(stats.message())
        .isEqualTo("no results yet: Owner: Overlay_Reachability, Test: Overlay_red_leaf2");
  }

  @Test
  void aTestStillInItsFirstRunIsNotRunningYet() {
    String output = SlaFixtures.load(ICMP_PING);
    String untilCurrent = output.substring(0, output.indexOf("Results over last test"));

    SlaStats stats = parser.parse(untilCurrent);

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(stats.message()).startsWith("no completed test yet");
  }

  @Test
  void anEmptyOutputIsAnUnknownOwnerOrTest() {
    assertThat(parser.parse("").outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
    assertThat(parser.parse(" \r\n").outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
  }

  @Test
  void anErrorLineIsUnreadableWithThatLine() {
    SlaStats stats = parser.parse("                                        ^\nerror: syntax error");

    assertThat(stats.outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(stats.message()).isEqualTo("error: syntax error");
  }

  @Test
  void readsTheFirstOfSeveralTests() {
    String one = SlaFixtures.load(ICMP_PING);
    String other = one.replace("Overlay_red_leaf2", "Overlay_red_leaf3").replace("2204", "9999");

    SlaStats stats = parser.parse(one + "\n" + other);

    assertThat(stats.rttMinMs()).isEqualTo(2.204);
  }

  @Test
  void windowsLineEndsReadTheSame() {
    String output = SlaFixtures.load(ICMP_PING);

    assertThat(parser.parse(output.replace("\n", "\r\n"))).isEqualTo(parser.parse(output));
  }

  @Test
  void nullIsUnreadable() {
    SlaStats stats = parser.parse(null);

    assertThat(stats.outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(stats.message()).isEqualTo("no output");
  }

  @Test
  void garbageIsNeverRead() {
    SlaFixtures.assertGarbageNeverRead(parser);
  }

  @Test
  void everyCutOfEveryFixtureIsReadableWithoutThrowing() {
    SlaFixtures.assertEveryCutReadable(parser, List.of(ICMP_PING, NO_RESULTS));
  }

  @Test
  void egressAndIngressJitterAreTheMeanSizeOfThePositiveAndNegativeSamples() {
    // Hand-made: the published icmp-ping output with its last test's jitter measurements renamed
    // to the egress/ingress ones of a udp-ping-timestamp test (no published text output of that
    // probe type was found; the measurement names are those of Junos's RPM fields)
    String output = SlaFixtures.load(ICMP_PING);
    int last = output.indexOf("Results over last test");
    int all = output.indexOf("Results over all tests");
    String lastTest =
        output
            .substring(last, all)
            .replace("Positive round trip jitter", "Positive egress jitter")
            .replace("Negative round trip jitter", "Negative egress jitter");
    String ingress =
        "  Measurement: Positive ingress jitter\n"
            + "    Samples: 1, Minimum: 500 usec, Maximum: 500 usec, Average: 500 usec, Sum: 500 usec\n";
    SlaStats stats =
        parser.parse(output.substring(0, last) + lastTest + ingress + output.substring(all));
    // (258 + 370) usec over (2 + 3) samples
    assertThat(stats.jitterSdMs()).isEqualTo(0.126);
    assertThat(stats.jitterDsMs()).as("the negative half is missing: not half a value").isNull();
    assertThat(stats.rttAvgMs()).isEqualTo(2.372);
  }
}
