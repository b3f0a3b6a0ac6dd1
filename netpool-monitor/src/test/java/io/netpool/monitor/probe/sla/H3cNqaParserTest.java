package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H3C Comware {@code display nqa result <admin> <tag>}, read from real outputs. */
class H3cNqaParserTest {
  private static final String DIR = "/io/netpool/monitor/probe/sla/h3c/";
  private static final String TCP = DIR + "tcp.txt";
  private static final String UDP_JITTER = DIR + "udp-jitter.txt";
  private static final String VOICE = DIR + "voice-all-lost.txt";
  private static final String COLLECTING = DIR + "path-jitter-collecting.txt";
  private static final String NOT_AVAILABLE = DIR + "path-jitter-not-available.txt";
  private static final String NOT_EXIST = DIR + "handmade-not-exist.txt";

  private final H3cNqaParser parser = new H3cNqaParser();

  @Test
  void readsATcpOperationsGeneralResults() {
    assertThat(parser.parse(SlaFixtures.load(TCP)))
        .isEqualTo(
            new SlaStats(
                Outcome.READ,
                null,
                null, // Comware prints no type for TCP/ICMP echo
                "2011-05-29 10:50:33.2",
                null, // nor a completion status
                null,
                1,
                1,
                0.0,
                null,
                null,
                35.0,
                35.0,
                35.0,
                null,
                null,
                null,
                null,
                null,
                null,
                "2011-05-29 10:50:33.2"));
  }

  @Test
  void readsAUdpJitterOperation() {
    assertThat(parser.parse(SlaFixtures.load(UDP_JITTER)))
        .isEqualTo(
            new SlaStats(
                Outcome.READ,
                null,
                "udp-jitter",
                "2011-05-29 10:56:38.7",
                null,
                null,
                10,
                10,
                0.0,
                0, // "SD lost packets: 0"
                0,
                15.0,
                26.0,
                46.0,
                // no "SD average" line: (positive + negative sums) / (positive + negative
                // numbers), SD (75 + 56) / (5 + 4), DS (32 + 99) / (2 + 7)
                14.556,
                14.556,
                null, // "One way results": clock sync unknown
                null,
                null,
                null,
                "2011-05-29 10:56:38.7"));
  }

  @Test
  void readsAVoiceOperationThatLostEverything() {
    assertThat(parser.parse(SlaFixtures.load(VOICE)))
        .isEqualTo(
            new SlaStats(
                Outcome.READ,
                null,
                "voice",
                null, // "Last packet received time: 0-00-00 00:00:00.0"
                null,
                null,
                1000,
                0,
                100.0,
                0,
                0,
                0.0,
                0.0,
                0.0,
                null,
                null,
                null,
                null,
                0.99,
                87.0,
                null));
  }

  @Test
  void dataStillBeingCollectedIsNotRunning() {
    SlaStats stats = parser.parse(SlaFixtures.load(COLLECTING));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(stats.message()).isEqualTo("Data collecting in progress...");
  }

  @Test
  void aResultNotAvailableIsNotRunning() {
    SlaStats stats = parser.parse(SlaFixtures.load(NOT_AVAILABLE));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(stats.message()).isEqualTo("Path jitter result is not available.");
  }

  @Test
  void aLineSayingItDoesNotExistIsNotConfigured() {
    SlaStats stats = parser.parse(SlaFixtures.load(NOT_EXIST));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
    assertThat(stats.message()).isEqualTo("The NQA operation does not exist.");
  }

  @Test
  void readsTheLastHopOfAPathJitterOperation() {
    // Hand-made: the layout of the Comware reference's path-jitter example, whose two hops print
    // the same values; here the last hop's differ so that the test can tell them apart.
    String output =
        """
        NQA entry (admin admin, tag test) test results:
          Hop IP 192.168.40.210
            Basic Results:
              Send operation times: 10
              Receive response times: 10
              Min/Max/Average round trip time: 1/1/1
          Hop IP 192.168.50.209
            Basic Results:
              Send operation times: 10
              Receive response times: 9
              Min/Max/Average round trip time: 1/3/2
        """;

    SlaStats stats = parser.parse(output);

    assertThat(stats.received()).isEqualTo(9);
    assertThat(stats.rttMaxMs()).isEqualTo(3.0);
  }

  @Test
  void nullAndEmptyAreUnreadable() {
    assertThat(parser.parse(null).outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(parser.parse("").outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(parser.parse(" \n ").message()).isNotBlank();
  }

  @Test
  void garbageIsNeverRead() {
    SlaFixtures.assertGarbageNeverRead(parser);
  }

  @Test
  void everyCutOfEveryFixtureIsReadableWithoutThrowing() {
    SlaFixtures.assertEveryCutReadable(
        parser, List.of(TCP, UDP_JITTER, VOICE, COLLECTING, NOT_AVAILABLE, NOT_EXIST));
  }
}
