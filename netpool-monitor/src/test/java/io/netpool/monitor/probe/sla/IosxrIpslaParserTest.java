package io.netpool.monitor.probe.sla;

import static io.netpool.monitor.probe.sla.SlaFixtures.cisco;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * IOS-XR {@code show ipsla statistics <id>} outputs (fixtures and their sources in {@code
 * cisco/SOURCES.md}). Each test compares the whole result, so a field the output does not print
 * must stay null.
 */
class IosxrIpslaParserTest {
  private final IosxrIpslaParser parser = new IosxrIpslaParser();

  @Nested
  class PublishedOutputs {
    @Test
    void inactiveEntryIsNotRunning() {
      assertThat(parser.parse(cisco("iosxr-icmp-echo-inactive.txt")))
          .isEqualTo(
              SlaStats.without(Outcome.NOT_RUNNING, "Operational state of entry    : Inactive"));
    }

    @Test
    void icmpEchoTimeout() {
      SlaStats r = parser.parse(cisco("iosxr-icmp-echo-timeout.txt"));
      assertThat(r)
          .isEqualTo(
              SlaStats.read()
                  .lastRun("05:46:45.012 UTC Wed Sep 09 2020")
                  .returnCode("TimeOut", false)
                  .counts(1, 0)
                  .progress("05:46:45.012 UTC Wed Sep 09 2020 | attempted 13, skipped 13")
                  .build());
      assertThat(r.lossPercent()).isEqualTo(100.0);
    }

    /** The published inactive entry with its state set to Active: its latest run is read. */
    @Test
    void activeIcmpEcho() {
      String output =
          cisco("iosxr-icmp-echo-inactive.txt")
              .replace(
                  "Operational state of entry    : Inactive",
                  "Operational state of entry    : Active");
      assertThat(parser.parse(output))
          .isEqualTo(
              SlaStats.read()
                  .lastRun("15:07:02.440 UTC Tue Sep 08 2020")
                  .returnCode("OK", true)
                  .counts(1, 1)
                  .rtt(1.0, 1.0, 1.0)
                  .progress("15:07:02.440 UTC Tue Sep 08 2020 | attempted 708, skipped 12")
                  .build());
    }
  }

  /** Hand-made in the published layouts (see SOURCES.md), for cases no publication showed. */
  @Nested
  class HandMadeOutputs {
    @Test
    void udpJitterWithOneWayDelay() {
      assertThat(parser.parse(cisco("iosxr-udp-jitter-handmade.txt")))
          .isEqualTo(
              SlaStats.read()
                  .lastRun("09:17:12.120 UTC Tue Mar 03 2026")
                  .returnCode("OK", true)
                  .counts(null, 9)
                  .rtt(10.0, 12.0, 19.0)
                  .lostPerDirection(1, 0)
                  .jitter(2.0, 1.0)
                  .oneWayDelay(7.0, 5.0)
                  .progress("09:17:12.120 UTC Tue Mar 03 2026 | attempted 77, skipped 0")
                  .build());
    }

    @Test
    void udpJitterWithoutOneWaySamplesHasNoOneWayDelay() {
      String output = cisco("iosxr-udp-jitter-handmade.txt").replace("NumOfOW: 9", "NumOfOW: 0");
      SlaStats r = parser.parse(output);
      assertThat(r.outcome()).isEqualTo(Outcome.READ);
      assertThat(r.owdSdMs()).isNull();
      assertThat(r.owdDsMs()).isNull();
      assertThat(r.jitterSdMs()).isEqualTo(2.0);
    }

    @Test
    void onlyTheTimestampIsNotConfigured() {
      assertThat(parser.parse("Mon Mar 16 19:52:08.523 UTC\n"))
          .isEqualTo(
              SlaStats.without(Outcome.NOT_CONFIGURED, "IOS-XR printed no entry of that number"));
    }

    @Test
    void routersNoSuchEntryLineIsNotConfigured() {
      assertThat(parser.parse("Mon Mar 16 19:52:08.523 UTC\nEntry 99 does not exist\n"))
          .isEqualTo(SlaStats.without(Outcome.NOT_CONFIGURED, "Entry 99 does not exist"));
    }

    @Test
    void neverAttemptedIsNotRunning() {
      String output =
          """
          Entry number: 5
              Number of operations attempted: 0
              Number of operations skipped  : 0
              Operational state of entry    : Active
              Latest operation return code  : OK
          """;
      assertThat(parser.parse(output))
          .isEqualTo(SlaStats.without(Outcome.NOT_RUNNING, "Number of operations attempted: 0"));
    }
  }

  @Nested
  class NeverThrows {
    @Test
    void nullEmptyAndBlank() {
      assertThat(parser.parse(null)).isEqualTo(SlaStats.without(Outcome.UNREADABLE, "no output"));
      assertThat(parser.parse("")).isEqualTo(SlaStats.without(Outcome.UNREADABLE, "empty output"));
      assertThat(parser.parse("\r\n")).extracting(SlaStats::outcome).isEqualTo(Outcome.UNREADABLE);
    }

    @Test
    void iosOutputIsUnreadable() {
      assertThat(parser.parse(cisco("iosxe-icmp-echo-details.txt")))
          .isEqualTo(SlaStats.without(Outcome.UNREADABLE, "no IPSLA entry in the output"));
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
