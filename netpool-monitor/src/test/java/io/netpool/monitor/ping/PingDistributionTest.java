package io.netpool.monitor.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-reply times, median, standard deviation, jitter, duplicates and errors parsed from the
 * fixtures in {@code src/test/resources/ping} (their sources are in the README there).
 */
class PingDistributionTest {

  private static PingResult parse(String platform, String fixture) {
    try (InputStream in = PingDistributionTest.class.getResourceAsStream("/ping/" + fixture)) {
      assertThat(in).as("fixture %s", fixture).isNotNull();
      return PingPlatform.of(platform).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<BigDecimal> ms(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  private static void assertDistribution(
      PingResult r, List<BigDecimal> rtts, String median, String stddev, String jitter) {
    assertThat(r.rttsMs()).as("rtts of %s", r).isEqualTo(rtts);
    assertThat(r.rttMedianMs()).isEqualByComparingTo(median);
    assertThat(r.rttStddevMs()).isEqualByComparingTo(stddev);
    assertThat(r.jitterMs()).isEqualByComparingTo(jitter);
  }

  @Test
  void nxosRepliesInOrderWithTheirDecimals() {
    PingResult r = parse("cisco_nxos", "nxos-success.txt");
    // sorted 1.116 1.374 1.405 1.416 1.687; |diffs| .571 .289 .031 .042 -> 0.933 / 4
    assertDistribution(
        r, ms("1.687", "1.116", "1.405", "1.374", "1.416"), "1.405", "0.181", "0.233");
    assertThat(r.rttsMs().get(0).scale()).isEqualTo(3);
    assertThat(r.duplicates()).isZero(); // BSD summary prints "+N duplicates" when there are any
    assertThat(r.errors()).isNull(); // BSD ping has no error count
  }

  @Test
  void junosNonRapidStddevMatchesTheDevicesOwn() {
    PingResult r = parse("juniper_junos", "junos-success.txt");
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    // the device printed stddev 0.017: ours is the same population formula
    assertDistribution(r, ms("0.661", "0.619", "0.621", "0.634"), "0.6275", "0.017", "0.019");
  }

  @Test
  void junosRapidHasOnlyTheDevicesStddev() {
    PingResult r = parse("juniper_junos", "junos-rapid.txt");
    assertThat(r.status()).isEqualTo(PingStatus.DEGRADED);
    assertThat(r.rttsMs()).isNull();
    assertThat(r.rttMedianMs()).isNull();
    assertThat(r.jitterMs()).isNull();
    assertThat(r.rttStddevMs()).isEqualByComparingTo("0.110");
  }

  @Test
  void huaweiIntegerMillisecondsSkipTheLostProbe() {
    PingResult r = parse("huawei_vrp", "huawei_vrp-partial.txt");
    assertThat(r.status()).isEqualTo(PingStatus.DEGRADED);
    // 3 2 4 2: mean 2.75, population variance 0.6875; |diffs| 1 2 2
    assertDistribution(r, ms("3", "2", "4", "2"), "2.5", "0.829", "1.667");
    assertThat(r.duplicates()).isNull(); // VRP has no notion of duplicates
    assertThat(r.errors()).isNull();
  }

  @Test
  void huaweiIpv6RepliesOnTwoLines() {
    PingResult r = parse("huawei_vrp", "huawei_vrp-ipv6.txt");
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    assertDistribution(r, ms("2", "1", "1", "3", "1"), "1", "0.800", "1.250");
  }

  @Test
  void comwareReplies() {
    PingResult r = parse("h3c_comware", "h3c_comware-partial.txt");
    assertThat(r.status()).isEqualTo(PingStatus.DEGRADED);
    assertDistribution(r, ms("2.137", "1.958", "2.001"), "2.001", "0.076", "0.111");
  }

  @Test
  void comwareIpv6StddevEqualsTheDevicesStdDev() {
    PingResult r = parse("h3c_comware", "h3c_comware-ipv6.txt");
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    assertDistribution(
        r, ms("1.000", "2.000", "1.000", "1.000", "3.000"), "1.000", "0.800", "1.000");
  }

  @Test
  void iputilsDuplicatesAreCountedNotTimed() {
    PingResult r = parse("linux", "linux-duplicates.txt");
    assertThat(r.received()).isEqualTo(3);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.errors()).isZero();
    assertDistribution(r, ms("0.412", "0.380", "0.455"), "0.412", "0.031", "0.054");
  }

  @Test
  void iputilsErrorsAndNoReplies() {
    PingResult r = parse("linux", "linux-unreachable-errors.txt");
    assertThat(r.status()).isEqualTo(PingStatus.UNREACHABLE);
    assertThat(r.errors()).isEqualTo(2);
    assertThat(r.duplicates()).isZero();
    assertThat(r.distribution()).isNull();
  }

  @Test
  void eosPartialLossUsesTheTwoReplies() {
    PingResult r = parse("arista_eos", "arista_eos-partial.txt");
    assertDistribution(r, ms("0.321", "0.290"), "0.3055", "0.016", "0.031");
  }

  @Test
  void iosPrintsOnlyASummarySoNothingIsInvented() {
    PingResult r = parse("cisco_iosxe", "cisco_iosxe-success.txt");
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    assertThat(r.distribution()).isNull();
    assertThat(r.rttsMs()).isNull();
    assertThat(r.rttMedianMs()).isNull();
    assertThat(r.rttStddevMs()).isNull();
    assertThat(r.jitterMs()).isNull();
    assertThat(r.duplicates()).isNull();
    assertThat(r.errors()).isNull();
  }

  @Test
  void replyLinesThatDisagreeWithTheSummaryGiveNoList() {
    // a transcript that lost a reply line (log noise, cut buffer): 2 lines but 3 received
    PingResult r =
        PingPlatform.of("cisco_nxos")
            .parse(
                """
                64 bytes from 10.0.0.2: icmp_seq=0 ttl=61 time=1.687 ms
                64 bytes from 10.0.0.2: icmp_seq=2 ttl=61 time=1.405 ms
                --- 10.0.0.2 ping statistics ---
                3 packets transmitted, 3 packets received, 0.00% packet loss
                round-trip min/avg/max = 1.116/1.399/1.687 ms
                """);
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    assertThat(r.distribution()).isNull();
  }

  @Test
  void junosXmlStddevInMicroseconds() {
    PingResult r =
        PingPlatform.of("juniper_junos")
            .parse(
                """
                <ping-results><probe-results-summary>
                <probes-sent>5</probes-sent><responses-received>5</responses-received>
                <packet-loss>0</packet-loss><rtt-minimum>1511</rtt-minimum>
                <rtt-maximum>2377</rtt-maximum><rtt-average>1796</rtt-average>
                <rtt-stddev>311</rtt-stddev>
                </probe-results-summary></ping-results>
                """);
    assertThat(r.rttStddevMs()).isEqualByComparingTo("0.311");
    assertThat(r.rttsMs()).isNull();
  }

  @Test
  void unreachableOnHuaweiComwareAndJunos() {
    assertThat(parse("huawei_vrp", "huawei_vrp-unreachable-v.txt").status())
        .isEqualTo(PingStatus.UNREACHABLE);
    assertThat(parse("h3c_comware", "h3c_comware-unreachable-v.txt").status())
        .isEqualTo(PingStatus.UNREACHABLE);
    assertThat(parse("juniper_junos", "junos-unreachable.txt").status())
        .isEqualTo(PingStatus.UNREACHABLE);
    PingResult rapid = parse("juniper_junos", "junos-rapid-unreachable.txt");
    assertThat(rapid.status()).isEqualTo(PingStatus.UNREACHABLE);
    assertThat(rapid.sent()).isEqualTo(5);
  }

  @Test
  void junosRapidUWithoutSummaryIsCountedFromTheRow() {
    PingResult r =
        PingPlatform.of("juniper_junos").parse("PING 10.9.9.9 (10.9.9.9): 56 data bytes\nUU.UU\n");
    assertThat(r.status()).isEqualTo(PingStatus.UNREACHABLE);
    assertThat(r.sent()).isEqualTo(5);
  }

  @Test
  void timeoutsOnJunosRapidAreDownNotUnreachable() {
    PingResult r =
        PingPlatform.of("juniper_junos")
            .parse(
                """
                PING 10.9.9.9 (10.9.9.9): 56 data bytes
                .....
                --- 10.9.9.9 ping statistics ---
                5 packets transmitted, 0 packets received, 100% packet loss
                """);
    assertThat(r.status()).isEqualTo(PingStatus.DOWN);
  }
}
