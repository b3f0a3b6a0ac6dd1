package io.netpool.monitor.probe.sla;

import static io.netpool.monitor.probe.sla.SlaFixtures.cisco;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * IOS / IOS-XE {@code show ip sla statistics [details]} outputs (fixtures and their sources in
 * {@code cisco/SOURCES.md}). Each test compares the whole result, so a field the output does not
 * print must stay null.
 */
class CiscoIpSlaParserTest {
  private final CiscoIpSlaParser parser = new CiscoIpSlaParser();

  @Nested
  class PublishedOutputs {
    @Test
    void icmpEchoDetails() {
      assertThat(parser.parse(cisco("iosxe-icmp-echo-details.txt")))
          .isEqualTo(
              SlaStats.read()
                  .lastRun("06:45:19 UTC Wed Oct 13 2021")
                  .returnCode("OK", true)
                  .counts(1, 1)
                  .rtt(5.0, 5.0, 5.0)
                  .progress("06:45:19 UTC Wed Oct 13 2021 | successes 57, failures 1")
                  .build());
    }

    @Test
    void httpTimeoutWithEchoedCommand() {
      SlaStats r = parser.parse(cisco("iosxe-http-timeout.txt"));
      assertThat(r)
          .isEqualTo(
              SlaStats.read()
                  .lastRun("06:39:18 UTC Wed Oct 13 2021")
                  .returnCode("Timeout", false)
                  .counts(1, 0)
                  .progress("06:39:18 UTC Wed Oct 13 2021 | successes 0, failures 27")
                  .build());
      assertThat(r.lossPercent()).isEqualTo(100.0);
    }

    @Test
    void severalEntriesGiveTheFirst() {
      assertThat(parser.parse(cisco("iosxe-multi-http-timeout-first.txt")))
          .isEqualTo(
              SlaStats.read()
                  .lastRun("07:10:18 UTC Fri Oct 22 2021")
                  .returnCode("Timeout", false)
                  .counts(1, 0)
                  .progress("07:10:18 UTC Fri Oct 22 2021 | successes 0, failures 11")
                  .build());
    }

    @Test
    void mcastDetailsFirstOfSeveral() {
      assertThat(parser.parse(cisco("iosxe-details-multi-mcast-first.txt")))
          .isEqualTo(
              SlaStats.read()
                  .operationType("mcast")
                  .lastRun("07:37:48 UTC Fri Oct 22 2021")
                  .returnCode("OK", true)
                  .progress("07:37:48 UTC Fri Oct 22 2021 | successes 99, failures 0")
                  .build());
    }

    /** Lines of a cut previous entry before the entry line are not read as this entry's. */
    @Test
    void y1731AfterTheTailOfAnotherEntry() {
      assertThat(parser.parse(cisco("iosxe-y1731-after-cut-entry.txt")))
          .isEqualTo(
              SlaStats.read()
                  .operationType("y1731 delay measurement")
                  .lastRun("*00:00:00.000 UTC Mon Jan 1 1900")
                  .returnCode("OK", true)
                  .build());
    }

    /** Placeholder values 1..41 of the publisher; "Number Of RTT: 0" means no RTT result. */
    @Test
    void udpJitterWithCodecWithoutEntryLine() {
      assertThat(parser.parse(cisco("iosxe-udp-jitter-codec-placeholders.txt")))
          .isEqualTo(
              SlaStats.read()
                  .operationType("udp-jitter")
                  .lastRun("15:42:34 UTC Sat Nov 11 2017")
                  .returnCode("OK", true)
                  .counts(null, 0)
                  .lostPerDirection(21, 27)
                  .jitter(14.0, 17.0)
                  .oneWayDelay(6.0, 9.0)
                  .voice(38.39, 37.0)
                  .progress("15:42:34 UTC Sat Nov 11 2017 | successes 40, failures 41")
                  .build());
    }
  }

  /** Hand-made in the published layouts (see SOURCES.md), for cases no publication showed. */
  @Nested
  class HandMadeOutputs {
    @Test
    void udpJitterWithoutNtpHasNoOneWayDelayAndNoVoiceScores() {
      assertThat(parser.parse(cisco("iosxe-udp-jitter-no-ntp-handmade.txt")))
          .isEqualTo(
              SlaStats.read()
                  .operationType("udp-jitter")
                  .lastRun("09:15:40 CET Tue Mar 3 2026")
                  .returnCode("OK", true)
                  .counts(null, 97)
                  .rtt(21.0, 23.0, 41.0)
                  .lostPerDirection(2, 1)
                  .jitter(2.0, 1.0)
                  .progress("09:15:40 CET Tue Mar 3 2026 | successes 12, failures 0")
                  .build());
    }

    @Test
    void entryNeverScheduledIsNotRunning() {
      assertThat(parser.parse(cisco("iosxe-not-scheduled-handmade.txt")))
          .isEqualTo(SlaStats.without(Outcome.NOT_RUNNING, "Number of successes: Unknown"));
    }

    @Test
    void headerWithoutEntryIsNotConfigured() {
      assertThat(parser.parse(cisco("iosxe-not-configured-handmade.txt")))
          .isEqualTo(
              SlaStats.without(
                  Outcome.NOT_CONFIGURED, "the statistics list no IP SLA operation of that id"));
    }

    @Test
    void pendingStateIsNotRunning() {
      String output =
          """
          IPSLA operation id: 7
          Latest operation start time: 10:00:00 UTC Tue Mar 3 2026
          Latest operation return code: OK
          Operational state of entry: Pending
          """;
      assertThat(parser.parse(output))
          .isEqualTo(SlaStats.without(Outcome.NOT_RUNNING, "Operational state of entry: Pending"));
    }

    @Test
    void unknownStartTimeIsNotRunning() {
      String output =
          """
          IPSLA operation id: 7
          Latest operation start time: Unknown
          Latest operation return code: Unknown
          """;
      assertThat(parser.parse(output))
          .isEqualTo(SlaStats.without(Outcome.NOT_RUNNING, "Latest operation start time: Unknown"));
    }

    @Test
    void cliErrorIsUnreadableWithTheRoutersLine() {
      String output =
          """
          show ip sla statistics 7 details
                                          ^
          % Invalid input detected at '^' marker.
          """;
      assertThat(parser.parse(output))
          .isEqualTo(
              SlaStats.without(Outcome.UNREADABLE, "% Invalid input detected at '^' marker."));
    }

    @Test
    void olderIosLayoutWithMilliseconds() {
      String output =
          """
          Round Trip Time (RTT) for       Index 25
           Latest RTT: 3 ms
          Latest operation start time: *01:13:55.904 UTC Mon Mar 1 1993
          Latest operation return code: OK
          RTT Values
           Number Of RTT: 10
           RTT Min/Avg/Max: 2/3/5 ms
          Latency one-way time milliseconds
           Number of Latency one-way Samples: 0
           Source to Destination Latency one way Min/Avg/Max: 0/0/0 ms
           Destination to Source Latency one way Min/Avg/Max: 0/0/0 ms
          Jitter time milliseconds
           Number of SD Jitter Samples: 9
           Number of DS Jitter Samples: 9
           Source to Destination Jitter Min/Avg/Max: 0/1/2 ms
           Destination to Source Jitter Min/Avg/Max: 0/1/1 ms
          Packet Loss Values
           Loss Source to Destination: 0 Loss Destination to Source: 0
          Voice Score Values
           Calculated Planning Impairment Factor (ICPIF): 0
           Mean Opinion Score (MOS): 0
          Number of successes: 11
          Number of failures: 0
          """;
      assertThat(parser.parse(output))
          .isEqualTo(
              SlaStats.read()
                  .lastRun("*01:13:55.904 UTC Mon Mar 1 1993")
                  .returnCode("OK", true)
                  .counts(null, 10)
                  .rtt(2.0, 3.0, 5.0)
                  .lostPerDirection(0, 0)
                  .jitter(1.0, 1.0)
                  .progress("*01:13:55.904 UTC Mon Mar 1 1993 | successes 11, failures 0")
                  .build());
    }

    @Test
    void microsecondPrecisionIsConvertedToMilliseconds() {
      String output =
          """
          IPSLA operation id: 3
                  Latest RTT: 1500 microseconds
          Latest operation start time: 10:00:00 UTC Tue Mar 3 2026
          Latest operation return code: OK
          """;
      SlaStats r = parser.parse(output);
      assertThat(r.rttMinMs()).isEqualTo(1.5);
      assertThat(r.rttAvgMs()).isEqualTo(1.5);
      assertThat(r.rttMaxMs()).isEqualTo(1.5);
    }

    @Test
    void noConnectionLeavesCountsUnknown() {
      String output =
          """
          IPSLA operation id: 53
                  Latest RTT: NoConnection/Busy/Timeout
          Latest operation start time: 07:37:19 UTC Fri Oct 22 2021
          Latest operation return code: No connection
          """;
      SlaStats r = parser.parse(output);
      assertThat(r.outcome()).isEqualTo(Outcome.READ);
      assertThat(r.returnCode()).isEqualTo("No connection");
      assertThat(r.returnOk()).isFalse();
      assertThat(r.sent()).isNull();
      assertThat(r.received()).isNull();
      assertThat(r.lossPercent()).isNull();
    }
  }

  @Nested
  class NeverThrows {
    @Test
    void nullEmptyAndBlank() {
      assertThat(parser.parse(null)).isEqualTo(SlaStats.without(Outcome.UNREADABLE, "no output"));
      assertThat(parser.parse("")).isEqualTo(SlaStats.without(Outcome.UNREADABLE, "empty output"));
      assertThat(parser.parse(" \r\n\t"))
          .extracting(SlaStats::outcome)
          .isEqualTo(Outcome.UNREADABLE);
    }

    @Test
    void unrelatedTextIsUnreadable() {
      assertThat(parser.parse("Router uptime is 3 weeks\n"))
          .isEqualTo(SlaStats.without(Outcome.UNREADABLE, "no IP SLA operation in the output"));
    }

    @Test
    void garbage() {
      for (String output : SlaFixtures.garbage()) {
        SlaFixtures.assertAnswers(parser, output);
      }
    }

    @Test
    void everyFixtureTruncatedAtEveryLine() {
      for (String name : SlaFixtures.CISCO) {
        for (String cut : SlaFixtures.truncations(cisco(name))) {
          SlaFixtures.assertAnswers(parser, cut);
        }
      }
    }
  }
}
