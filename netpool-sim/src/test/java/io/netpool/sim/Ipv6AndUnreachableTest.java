package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPv6 pings and unreachable targets in each platform's own words (over exec channels): banners,
 * reply lines and statistics headers of ping6-style output, Huawei/H3C {@code -v}, and a router
 * without IPv6.
 */
class Ipv6AndUnreachableTest {
  static final String V6 = "2001:db8:1::2";
  static final String V6_UNREACH = "2001:db8:1::4";
  static final String UNREACH = "10.0.0.4";

  static Simulator sim;
  static SimClient client;

  @BeforeAll
  static void start() throws Exception {
    List<DeviceSpec> specs = new ArrayList<>();
    for (Platform p : Platform.values()) {
      specs.add(
          DeviceSpec.builder(p.id(), p)
              .target(V6, TargetBehaviour.latency(1, 3))
              .target(V6_UNREACH, TargetBehaviour.unreachableTarget())
              .target(UNREACH, TargetBehaviour.unreachableTarget())
              .build());
    }
    specs.add(DeviceSpec.builder("v4only", Platform.CISCO_IOSXE).ipv6(false).build());
    sim =
        Simulator.builder().seed(5).timeScale(0).credentials("netops", "pw").devices(specs).start();
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  static String exec(String device, String command) throws Exception {
    ClientSession s = client.login(sim.device(device), "netops", "pw");
    return client.exec(s, command).output().replace("\r\n", "\n"); // \r\n but on Linux
  }

  /** platform, command, what its output contains (in order). */
  static Stream<Arguments> ipv6Pings() {
    return Stream.of(
        Arguments.of(
            "cisco_iosxe",
            "ping ipv6 " + V6 + " repeat 5 timeout 1",
            List.of("ICMP Echos to 2001:DB8:1::2,", "!!!!!", "Success rate is 100 percent (5/5)")),
        Arguments.of(
            "cisco_iosxr",
            "ping ipv6 " + V6 + " count 5 timeout 1",
            List.of("ICMP Echos to " + V6 + ",", "!!!!!", "Success rate is 100 percent (5/5)")),
        Arguments.of(
            "cisco_nxos",
            "ping6 " + V6 + " count 5 timeout 1",
            List.of(
                "PING6(104=40+8+56 bytes) ",
                "16 bytes from " + V6 + ", icmp_seq=0 hlim=64 time=",
                "--- " + V6 + " ping6 statistics ---",
                "5 packets transmitted, 5 packets received, 0.00% packet loss")),
        Arguments.of(
            "juniper_junos",
            "ping " + V6 + " inet6 count 5 wait 1 rapid",
            List.of(
                "PING6(104=40+8+56 bytes) ",
                "!!!!!",
                "--- " + V6 + " ping6 statistics ---",
                "round-trip min/avg/max/std-dev = ")),
        Arguments.of(
            "huawei_vrp",
            "ping ipv6 -c 5 -t 1000 " + V6,
            List.of(
                "PING " + V6 + " : 56  data bytes",
                "Reply from " + V6 + "\n    bytes=56 Sequence=1 hop limit=64  time = ",
                "5 packet(s) received")),
        Arguments.of(
            "h3c_comware",
            "ping ipv6 -c 5 -t 1000 " + V6,
            List.of(
                "Ping6(56 data bytes) ",
                "56 bytes from " + V6 + ", icmp_seq=0 hlim=64 time=",
                "--- Ping6 statistics for " + V6 + " ---",
                "5 packet(s) transmitted, 5 packet(s) received, 0.0% packet loss")),
        Arguments.of(
            "arista_eos",
            "ping ipv6 " + V6 + " repeat 5 timeout 1",
            List.of("PING " + V6 + "(" + V6 + ") 72 data bytes", "icmp_seq=1 ttl=64 time=")),
        Arguments.of(
            "linux",
            "ping -6 -n -c 5 -W 1 " + V6,
            List.of("PING " + V6 + "(" + V6 + ") 56 data bytes", "5 received, 0% packet loss")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipv6Pings")
  void ipv6PingInThePlatformsOwnFormat(String platform, String command, List<String> expected)
      throws Exception {
    assertThat(exec(platform, command)).containsSubsequence(expected);
  }

  @Test
  void huaweiAndH3cShowUnreachablesOnlyWithMinusV() throws Exception {
    String vrp = exec("huawei_vrp", "ping -v -c 2 -t 1000 " + UNREACH);
    assertThat(vrp).contains("Reply from ").contains(": Destination Host Unreachable");
    assertThat(exec("huawei_vrp", "ping -c 2 -t 1000 " + UNREACH))
        .contains("Request time out")
        .doesNotContain("Unreachable");
    String h3c = exec("h3c_comware", "ping -v -c 2 -t 1000 " + UNREACH);
    assertThat(h3c).contains("36 bytes from ").contains(": Destination Host Unreachable");
    assertThat(exec("h3c_comware", "ping -c 2 -t 1000 " + UNREACH))
        .contains("Request time out")
        .doesNotContain("Unreachable");
    // ping ipv6 has no -v on either
    assertThat(exec("huawei_vrp", "ping ipv6 -v -c 2 " + V6)).contains("Wrong parameter");
  }

  @Test
  void unreachableIpv6Targets() throws Exception {
    assertThat(exec("linux", "ping -6 -n -c 2 -W 1 " + V6_UNREACH))
        .contains("Destination unreachable: Address unreachable")
        .contains("+2 errors");
    assertThat(exec("juniper_junos", "ping " + V6_UNREACH + " inet6 count 3 wait 1 rapid"))
        .contains("UUU");
    // ping6 prints ICMPv6 errors only when verbose: the probes time out
    assertThat(exec("cisco_nxos", "ping6 " + V6_UNREACH + " count 2 timeout 1"))
        .contains("Request 0 timed out")
        .doesNotContain("Unreachable");
  }

  @Test
  void aRouterWithoutIpv6RefusesTheTarget() throws Exception {
    assertThat(exec("v4only", "ping ipv6 " + V6 + " repeat 2 timeout 1"))
        .contains("% Unrecognized host or address, or protocol not running.");
  }
}
