package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.probe.sla.SlaStats.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Huawei VRP {@code display nqa results test-instance <admin> <test>}, read from real outputs. */
class HuaweiNqaParserTest {
  private static final String DIR = "/io/netpool/monitor/probe/sla/huawei/";
  private static final String ICMP_SUCCESS = DIR + "ne40e-icmp-success.txt";
  private static final String ICMP_FAILED = DIR + "ne40e-icmp-failed.txt";
  private static final String VRRP_SUCCESS = DIR + "ne40e-icmp-vrrp-success.txt";
  private static final String VRRP_FAILED = DIR + "ne40e-icmp-vrrp-failed.txt";
  private static final String JITTER_NE40E = DIR + "ne40e-jitter-voip.txt";
  private static final String JITTER_CE6800 = DIR + "ce6800-udpjitter-voip.txt";
  private static final String NO_RECORD = DIR + "handmade-entry-without-record.txt";
  private static final String NOT_EXIST = DIR + "handmade-error-not-exist.txt";

  private final HuaweiNqaParser parser = new HuaweiNqaParser();

  @Test
  void readsASuccessfulIcmpTest() {
    assertThat(parser.parse(SlaFixtures.load(ICMP_SUCCESS)))
        .isEqualTo(
            icmp(
                "2012-11-14 04:20:36.9",
                "success",
                true,
                2,
                2,
                0.0,
                1.0,
                1.0,
                1.0,
                "Test 6645, Last Good Probe Time: 2012-11-14 04:20:36.9"));
  }

  @Test
  void readsAFailedIcmpTestWhoseProbesNeverSucceeded() {
    // "Last Good Probe Time: 0000-00-00 00:00:00.0": no time, the run number still progresses.
    assertThat(parser.parse(SlaFixtures.load(ICMP_FAILED)))
        .isEqualTo(icmp(null, "failed", false, 2, 0, 100.0, 0.0, 0.0, 0.0, "Test 7160"));
  }

  @Test
  void readsAnIcmpTestWrittenWithoutSpaceBeforeTest() {
    // "1 .Test 1 result" in this output.
    assertThat(parser.parse(SlaFixtures.load(VRRP_SUCCESS)))
        .isEqualTo(
            icmp(
                "2013-09-24 15:30:38.7",
                "success",
                true,
                3,
                3,
                0.0,
                60.0,
                80.0,
                90.0,
                "Test 1, Last Good Probe Time: 2013-09-24 15:30:38.7"));
  }

  @Test
  void aFailedRunKeepsTheLastGoodProbeTimeItPrints() {
    assertThat(parser.parse(SlaFixtures.load(VRRP_FAILED)))
        .isEqualTo(
            icmp(
                "2013-09-24 15:40:26.7",
                "failed",
                false,
                3,
                0,
                100.0,
                0.0,
                0.0,
                0.0,
                "Test 1, Last Good Probe Time: 2013-09-24 15:40:26.7"));
  }

  @Test
  void readsAJitterTestWithVoiceScores() {
    assertThat(parser.parse(SlaFixtures.load(JITTER_NE40E))).isEqualTo(jitter());
  }

  @Test
  void readsTheSameJitterTestInTheNewerSpelling() {
    // CE6800 V300R023: "test type is JITTER", "Completion: success", "Average of jitter SD: 2".
    assertThat(parser.parse(SlaFixtures.load(JITTER_CE6800))).isEqualTo(jitter());
  }

  @Test
  void readsTheRecordWithTheHighestTestNumberInAnyOrder() {
    String success = SlaFixtures.load(ICMP_SUCCESS);
    String failed = SlaFixtures.load(ICMP_FAILED);
    String failedRecord = failed.substring(failed.indexOf('\n') + 1);
    String successRecord = success.substring(success.indexOf('\n') + 1);
    String header = success.substring(0, success.indexOf('\n') + 1);

    SlaStats oldFirst = parser.parse(header + successRecord + failedRecord);
    SlaStats newFirst = parser.parse(header + failedRecord + successRecord);

    assertThat(oldFirst.progress()).isEqualTo("Test 7160");
    assertThat(newFirst).isEqualTo(oldFirst);
    assertThat(newFirst.returnCode()).isEqualTo("failed");
  }

  @Test
  void anEntryWithoutResultRecordIsNotRunning() {
    SlaStats stats = parser.parse(SlaFixtures.load(NO_RECORD));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_RUNNING);
    assertThat(stats.message())
        .isEqualTo(
            "no result record: NQA entry(user, test) : testflag is active ,testtype is icmp");
  }

  @Test
  void anErrorSayingTheInstanceDoesNotExistIsNotConfigured() {
    SlaStats stats = parser.parse(SlaFixtures.load(NOT_EXIST));

    assertThat(stats.outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
    assertThat(stats.message()).isEqualTo("Error: The test instance does not exist.");
  }

  @Test
  void anotherErrorIsUnreadableWithThatLine() {
    SlaStats stats =
        parser.parse("            ^\nError: Unrecognized command found at '^' position.");

    assertThat(stats.outcome()).isEqualTo(Outcome.UNREADABLE);
    assertThat(stats.message()).isEqualTo("Error: Unrecognized command found at '^' position.");
  }

  @Test
  void anInfoLineBesideResultsDoesNotHideThem() {
    String output = "Info: It will take several minutes.\n" + SlaFixtures.load(ICMP_SUCCESS);

    assertThat(parser.parse(output)).isEqualTo(parser.parse(SlaFixtures.load(ICMP_SUCCESS)));
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
        parser,
        List.of(
            ICMP_SUCCESS,
            ICMP_FAILED,
            VRRP_SUCCESS,
            VRRP_FAILED,
            JITTER_NE40E,
            JITTER_CE6800,
            NO_RECORD,
            NOT_EXIST));
  }

  private static SlaStats icmp(
      String lastRun,
      String completion,
      boolean ok,
      int sent,
      int received,
      double loss,
      double min,
      double avg,
      double max,
      String progress) {
    return new SlaStats(
        Outcome.READ,
        null,
        "icmp",
        lastRun,
        completion,
        ok,
        sent,
        received,
        loss,
        null,
        null,
        min,
        avg,
        max,
        null,
        null,
        null,
        null,
        null,
        null,
        progress);
  }

  /** Both jitter fixtures print the same run (Huawei's VoIP example) in two spellings. */
  private static SlaStats jitter() {
    return new SlaStats(
        Outcome.READ,
        null,
        "jitter",
        null, // no "Last Good Probe Time" in jitter results
        "success",
        true,
        1000,
        919,
        8.0,
        0,
        0,
        1.0,
        5.0,
        408.0,
        2.0,
        2.0,
        null, // "Min/Max Delay SD/DS", "OWD SD Sum": clock sync unknown
        null,
        3.54, // "MOS-CQ value: 354"
        23.0,
        "Test 1");
  }
}
