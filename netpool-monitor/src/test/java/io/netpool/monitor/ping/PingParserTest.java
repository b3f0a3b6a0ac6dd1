package io.netpool.monitor.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Parser cases per platform: the real captures of the original system (original-system.md section
 * 5, byte for byte), the vendor output grammars, and one test per parser bug of the original
 * (section 6B items 1-6).
 */
class PingParserTest {

  private static PingResult parse(String platform, String output) {
    return PingPlatform.of(platform).parse(output);
  }

  private static void assertResult(
      PingResult r, PingStatus status, int sent, int received, String loss) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.sent()).as("sent").isEqualTo(sent);
    assertThat(r.received()).as("received").isEqualTo(received);
    assertThat(r.lossPercent()).as("loss").isEqualByComparingTo(new BigDecimal(loss));
    assertThat(r.error()).isNull();
  }

  private static void assertRtt(PingResult r, String min, String avg, String max) {
    assertThat(r.rttMinMs()).isEqualByComparingTo(min);
    assertThat(r.rttAvgMs()).isEqualByComparingTo(avg);
    assertThat(r.rttMaxMs()).isEqualByComparingTo(max);
  }

  @Nested
  class RealCapturesOfTheOriginalSystem {
    @Test
    void iosxeSuccess() {
      PingResult r =
          parse(
              "cisco_iosxe",
              """
              ZZB0000_DTT_05_OTV01#ping 10.194.10.106
              Type escape sequence to abort.
              Sending 5, 100-byte ICMP Echos to 10.194.10.106, timeout is 2 seconds:
              !!!!!
              Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/1 ms
              ZZB0000_DTT_05_OTV01#
              """);
      assertResult(r, PingStatus.OK, 5, 5, "0");
      assertRtt(r, "1", "1", "1");
    }

    @Test
    void iosxeTotalLossWithLeadingSpaces() {
      PingResult r =
          parse(
              "cisco_iosxe",
              " ZZA0000_17_PRO_CS05-10.192.253.228#ping 123.123.123.123\n"
                  + " Type escape sequence to abort.\n"
                  + " Sending 5, 100-byte ICMP Echos to 123.123.123.123, timeout is 2 seconds:\n"
                  + " .....\n"
                  + " Success rate is 0 percent (0/5)\n"
                  + " ZZA0000_17_PRO_CS05#\n");
      assertResult(r, PingStatus.DOWN, 5, 0, "100");
      assertThat(r.rttAvgMs()).isNull();
    }

    @Test
    void iosxrSuccessWithShellLines() {
      PingResult r =
          parse(
              "cisco_iosxr",
              """
              ZZA_DTT_17_SA21#
              > ping 10.194.10.106

              ping 10.194.10.106
              Type escape sequence to abort.
              Sending 5, 100-byte ICMP Echos to 10.194.10.106, timeout is 2 seconds:
              !!!!!
              Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms
              ZZA_DTT_17_SA21#
              >
              """);
      assertResult(r, PingStatus.OK, 5, 5, "0");
      assertRtt(r, "1", "2", "4");
    }

    @Test
    void iosxrUnreachableWithTimestamp() {
      PingResult r =
          parse(
              "cisco_iosxr",
              """
              RP/0/RSP0/CPU0:ZZA0000-SRB-WANPE-10.252.254.6#ping 123.123.123.123
              Mon Dec 15 10:17:58.918 CST
              Type escape sequence to abort.
              Sending 5, 100-byte ICMP Echos to 123.123.123.123, timeout is 2 seconds:
              UUUUU
              Success rate is 0 percent (0/5)
              RP/0/RSP0/CPU0:ZZA0000-SRB-WANPE#
              """);
      assertResult(r, PingStatus.UNREACHABLE, 5, 0, "100");
    }

    @Test
    void nxosSuccessWithDecimals() {
      PingResult r =
          parse(
              "cisco_nxos",
              """
              ZZB0000_DTT_05_SA17# ping 10.194.17.20
              PING 10.194.17.20 (10.194.17.20): 56 data bytes
              64 bytes from 10.194.17.20: icmp_seq=0 ttl=61 time=1.687 ms
              64 bytes from 10.194.17.20: icmp_seq=1 ttl=61 time=1.116 ms
              64 bytes from 10.194.17.20: icmp_seq=2 ttl=61 time=1.405 ms
              64 bytes from 10.194.17.20: icmp_seq=3 ttl=61 time=1.374 ms
              64 bytes from 10.194.17.20: icmp_seq=4 ttl=61 time=1.416 ms

              --- 10.194.17.20 ping statistics ---
              5 packets transmitted, 5 packets received, 0.00% packet loss
              round-trip min/avg/max = 1.116/1.399/1.687 ms
              ZZB0000_DTT_05_SA17#
              """);
      assertResult(r, PingStatus.OK, 5, 5, "0.00");
      assertThat(r.lossPercent()).isEqualTo(new BigDecimal("0.00"));
      assertRtt(r, "1.116", "1.399", "1.687");
    }

    @Test
    void huaweiTimeoutsWithoutStatistics() {
      PingResult r =
          parse(
              "huawei_vrp",
              """
              <ZZA0000_17_PRO_WR37-10.192.253.238>ping 123.123.123.123
              Ping 123.123.123.123 (123.123.123.123): 56 data bytes, press CTRL+C to break
              Request time out
              Request time out
              Request time out
              Request time out
              Request time out
              """);
      assertResult(r, PingStatus.DOWN, 5, 0, "100");
    }
  }

  /** The original's parser bugs (original-system.md 6B items 1-4), each as a test. */
  @Nested
  class OriginalParserBugs {
    @Test
    void bug1_iosxePartialLossIsNotHundredPercent() {
      PingResult r =
          parse(
              "cisco_iosxe",
              """
              R1#ping 10.0.0.2 repeat 5 timeout 2
              Type escape sequence to abort.
              Sending 5, 100-byte ICMP Echos to 10.0.0.2, timeout is 2 seconds:
              !!.!!
              Success rate is 80 percent (4/5), round-trip min/avg/max = 1/2/4 ms
              R1#
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 4, "20");
      assertRtt(r, "1", "2", "4");
    }

    @Test
    void bug1_iosxrSixtyPercentSuccess() {
      PingResult r =
          parse(
              "cisco_iosxr",
              """
              Sending 5, 100-byte ICMP Echos to 10.0.0.2 timeout is 2 seconds:
              !.!.!
              Success rate is 60 percent (3/5), round-trip min/avg/max = 3/5/9 ms
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 3, "40");
    }

    @Test
    void bug2_nxosTotalLossIsNotZero() {
      PingResult r =
          parse(
              "cisco_nxos",
              """
              N9K# ping 10.0.0.9 count 5 timeout 2
              PING 10.0.0.9 (10.0.0.9): 56 data bytes
              Request 0 timed out
              Request 1 timed out
              Request 2 timed out
              Request 3 timed out
              Request 4 timed out

              --- 10.0.0.9 ping statistics ---
              5 packets transmitted, 0 packets received, 100.00% packet loss
              N9K#\s
              """);
      assertResult(r, PingStatus.DOWN, 5, 0, "100.00");
      assertThat(r.rttMinMs()).isNull();
    }

    @Test
    void bug2_nxosPartialLossKeepsDecimals() {
      PingResult r =
          parse(
              "cisco_nxos",
              """
              --- 10.0.0.9 ping statistics ---
              5 packets transmitted, 3 packets received, 40.00% packet loss
              round-trip min/avg/max = 1.1/2.2/3.3 ms
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 3, "40.00");
      assertThat(r.lossPercent().toPlainString()).isEqualTo("40.00");
    }

    @Test
    void bug3_huaweiOneTimeoutIsPartialLoss() {
      PingResult r =
          parse(
              "huawei_vrp",
              """
              <HUAWEI>ping -c 5 -t 2000 10.1.1.1
                PING 10.1.1.1: 56  data bytes, press CTRL_C to break
                  Reply from 10.1.1.1: bytes=56 Sequence=1 ttl=255 time=3 ms
                  Request time out
                  Reply from 10.1.1.1: bytes=56 Sequence=3 ttl=255 time=2 ms
                  Reply from 10.1.1.1: bytes=56 Sequence=4 ttl=255 time=4 ms
                  Reply from 10.1.1.1: bytes=56 Sequence=5 ttl=255 time=2 ms

                --- 10.1.1.1 ping statistics ---
                  5 packet(s) transmitted
                  4 packet(s) received
                  20.00% packet loss
                  round-trip min/avg/max = 2/2/4 ms

              <HUAWEI>
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 4, "20.00");
      assertRtt(r, "2", "2", "4");
    }

    @Test
    void bug3_huaweiHundredPointZeroZeroIsTotalLoss() {
      PingResult r =
          parse(
              "huawei_vrp",
              """
                --- 10.1.1.1 ping statistics ---
                  5 packet(s) transmitted
                  0 packet(s) received
                  100.00% packet loss
              """);
      assertResult(r, PingStatus.DOWN, 5, 0, "100.00");
    }

    @Test
    void bug4_h3cTimeoutsStillGiveALossValue() {
      PingResult r =
          parse(
              "h3c_comware",
              """
              <H3C>ping -c 5 -t 2000 8.8.8.8
              Ping 8.8.8.8 (8.8.8.8): 56 data bytes, press CTRL_C to break
              56 bytes from 8.8.8.8: icmp_seq=0 ttl=254 time=2.137 ms
              Request time out
              56 bytes from 8.8.8.8: icmp_seq=2 ttl=254 time=1.958 ms
              Request time out
              56 bytes from 8.8.8.8: icmp_seq=4 ttl=254 time=2.001 ms

              --- Ping statistics for 8.8.8.8 ---
              5 packet(s) transmitted, 3 packet(s) received, 40.0% packet loss
              round-trip min/avg/max/std-dev = 1.958/2.032/2.137/0.076 ms
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 3, "40.0");
      assertRtt(r, "1.958", "2.032", "2.137");
    }

    @Test
    void bug4_h3cUnreachableIsUnreachableWithLoss() {
      PingResult r =
          parse(
              "h3c_comware",
              """
              Ping 10.9.9.9 (10.9.9.9): 56 data bytes, press CTRL_C to break
              From 10.0.0.1: Destination Host Unreachable
              From 10.0.0.1: Destination Host Unreachable

              --- Ping statistics for 10.9.9.9 ---
              2 packet(s) transmitted, 0 packet(s) received, 100.0% packet loss
              """);
      assertResult(r, PingStatus.UNREACHABLE, 2, 0, "100.0");
    }
  }

  @Nested
  class OtherPlatformsAndVariants {
    @Test
    void junosRapid() {
      PingResult r =
          parse(
              "juniper_junos",
              """
              user@mx1> ping 10.0.0.2 count 5 wait 2 rapid
              PING 10.0.0.2 (10.0.0.2): 56 data bytes
              !!!!.
              --- 10.0.0.2 ping statistics ---
              5 packets transmitted, 4 packets received, 20% packet loss
              round-trip min/avg/max/stddev = 0.512/0.601/0.788/0.110 ms

              user@mx1>
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 4, "20");
      assertRtt(r, "0.512", "0.601", "0.788");
    }

    @Test
    void junosXmlRttInMicroseconds() {
      PingResult r =
          parse(
              "juniper_junos",
              """
              <ping-results xmlns="http://xml.juniper.net/junos/18.4R1/junos-probe-tests">
              <target-host>10.0.0.2</target-host>
              <probe-results-summary>
              <probes-sent>5</probes-sent>
              <responses-received>5</responses-received>
              <packet-loss>0</packet-loss>
              <rtt-minimum>1511</rtt-minimum>
              <rtt-maximum>2377</rtt-maximum>
              <rtt-average>1796</rtt-average>
              <rtt-stddev>311</rtt-stddev>
              </probe-results-summary>
              <ping-success/>
              </ping-results>
              """);
      assertResult(r, PingStatus.OK, 5, 5, "0");
      assertRtt(r, "1.511", "1.796", "2.377");
    }

    @Test
    void linuxAndEosIputils() {
      PingResult r =
          parse(
              "arista_eos",
              """
              PING 10.0.0.2 (10.0.0.2) 72(100) bytes of data.
              80 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.321 ms
              80 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.290 ms

              --- 10.0.0.2 ping statistics ---
              5 packets transmitted, 2 received, 60% packet loss, time 41ms
              rtt min/avg/max/mdev = 0.290/0.305/0.321/0.015 ms, ipg/ewma 10.276/0.316 ms
              """);
      assertResult(r, PingStatus.DEGRADED, 5, 2, "60");
      assertRtt(r, "0.290", "0.305", "0.321");
    }

    @Test
    void linuxUnreachableWithErrors() {
      PingResult r =
          parse(
              "linux",
              """
              PING 10.9.9.9 (10.9.9.9) 56(84) bytes of data.
              From 10.0.0.1 icmp_seq=1 Destination Host Unreachable
              From 10.0.0.1 icmp_seq=2 Destination Host Unreachable

              --- 10.9.9.9 ping statistics ---
              3 packets transmitted, 0 received, +2 errors, 100% packet loss, time 2031ms
              """);
      assertResult(r, PingStatus.UNREACHABLE, 3, 0, "100");
    }

    @Test
    void iosMixedProgressCharactersOverWrappedRows() {
      String row = "!".repeat(70);
      PingResult r =
          parse(
              "cisco_ios",
              "Sending 100, 100-byte ICMP Echos to 10.0.0.2, timeout is 2 seconds:\n"
                  + row
                  + "\n"
                  + "!!!!!!!!!!!!!!!!!!!!!!!!!!.U!!\n"
                  + "Success rate is 98 percent (98/100), round-trip min/avg/max = 1/1/8 ms\n");
      assertResult(r, PingStatus.DEGRADED, 100, 98, "2");
    }

    @Test
    void badAddressIsAnErrorNotLoss() {
      PingResult r =
          parse(
              "cisco_iosxe",
              """
              R1#ping 300.1.1.1
              Translating "300.1.1.1"...domain server (255.255.255.255)
              % Unrecognized host or address, or protocol not running.

              R1#
              """);
      assertThat(r.status()).isEqualTo(PingStatus.ERROR);
      assertThat(r.error()).contains("Unrecognized host");
      assertThat(r.lossPercent()).isNull();
    }

    @Test
    void huaweiRejectedCommandIsAnError() {
      PingResult r =
          parse(
              "huawei_vrp",
              """
              <R2>ping -c 5 -t 2000 -vpn-instance NOPE 10.0.0.2
                                                   ^
              Error: Wrong parameter found at '^' position.
              <R2>
              """);
      assertThat(r.status()).isEqualTo(PingStatus.ERROR);
      assertThat(r.error()).startsWith("Error: Wrong parameter");
    }

    @Test
    void garbageIsAnErrorAndNeverThrows() {
      assertThat(parse("cisco_iosxe", "\u0000\u0007%%%garbage!!").status())
          .isEqualTo(PingStatus.ERROR);
      assertThat(parse("huawei_vrp", "").status()).isEqualTo(PingStatus.ERROR);
      assertThat(parse("linux", null).status()).isEqualTo(PingStatus.ERROR);
      assertThat(
              parse("cisco_nxos", "999999999999 packets transmitted, 1 packets received").status())
          .isEqualTo(PingStatus.ERROR);
    }

    @Test
    void ansiEscapesAndCarriageReturnsAreIgnored() {
      PingResult r =
          parse(
              "cisco_iosxe",
              "\u001B[0mSending 5, 100-byte ICMP Echos to 10.0.0.2, timeout is 2 seconds:\r\n"
                  + "!!!!!\r\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\r\n");
      assertResult(r, PingStatus.OK, 5, 5, "0");
    }
  }
}
