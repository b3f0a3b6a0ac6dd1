package io.netpool.ssh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.ssh.platform.PingSpec.TimeoutUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code ping:} blocks of the shipped profiles hold everything netpool-monitor's {@code
 * PingPlatform} put in code: the expected commands below are what {@code PingPlatform.command}
 * produced for each platform before profiles carried ping (copied from its output), rebuilt here
 * from syntax + words by {@link #render}, the templates documented on {@link PingSyntax}.
 */
class PingSpecTest {

  /** A ping request as netpool-monitor's {@code PingRequest} has it. */
  record Request(
      String target, int count, long timeoutMillis, String source, String vrf, Integer size) {
    boolean ipv6() {
      return target.contains(":");
    }

    boolean sourceIsAddress() {
      return source != null && (source.contains(":") || source.matches("[\\d.]+"));
    }

    long timeout(TimeoutUnit unit) {
      return unit == TimeoutUnit.MILLISECONDS
          ? Math.min(65_535, Math.max(1, timeoutMillis))
          : Math.max(1, (timeoutMillis + 999) / 1000);
    }
  }

  static final List<Request> REQUESTS =
      List.of(
          new Request("10.0.0.1", 5, 2000, null, null, null),
          new Request("2001:db8::1", 3, 1500, "2001:db8::2", "MGMT", 100),
          new Request("10.0.0.1", 10, 300, "Loopback0", "blue", null));

  /** The command of {@code spec} for {@code r}, following the templates on {@link PingSyntax}. */
  static String render(PingSpec s, Request r) {
    String count = s.countWord() + " " + r.count();
    String timeout = s.timeoutWord() + " " + r.timeout(s.timeoutUnit());
    String size = r.size() == null ? null : s.sizeWord() + " " + r.size();
    String source =
        r.source() == null ? null : s.sourceWord(r.sourceIsAddress()) + " " + r.source();
    String vrf = r.vrf() == null ? null : s.vrfWord() + " " + r.vrf();
    String ipv6 = r.ipv6() ? s.ipv6Word() : null;
    List<String> parts =
        switch (s.syntax()) {
          case CISCO, EOS ->
              Arrays.asList("ping", vrf, ipv6, r.target(), count, timeout, size, source);
          case NXOS ->
              Arrays.asList(
                  r.ipv6() ? s.ipv6Word() : "ping", r.target(), count, timeout, size, source, vrf);
          case JUNOS ->
              Arrays.asList("ping", r.target(), ipv6, count, timeout, size, source, vrf, "rapid");
          case DASH ->
              Arrays.asList(
                  "ping",
                  r.ipv6() ? ipv6 : s.icmpErrorsWord(),
                  source,
                  count,
                  timeout,
                  size,
                  vrf,
                  r.target());
          case LINUX ->
              Arrays.asList(vrf, "ping", ipv6, "-n", count, timeout, size, source, r.target());
        };
    return parts.stream().filter(Objects::nonNull).collect(Collectors.joining(" "));
  }

  /** IOS and IOS-XE: the same commands. */
  static final List<String> IOS =
      List.of(
          "ping 10.0.0.1 repeat 5 timeout 2",
          "ping vrf MGMT ipv6 2001:db8::1 repeat 3 timeout 2 size 100 source 2001:db8::2",
          "ping vrf blue 10.0.0.1 repeat 10 timeout 1 source Loopback0");

  /** Huawei VRP and H3C Comware: the same commands. */
  static final List<String> DASH =
      List.of(
          "ping -v -c 5 -t 2000 10.0.0.1",
          "ping ipv6 -a 2001:db8::2 -c 3 -t 1500 -s 100 -vpn-instance MGMT 2001:db8::1",
          "ping -v -i Loopback0 -c 10 -t 300 -vpn-instance blue 10.0.0.1");

  /** What {@code PingPlatform.command} gave for each of {@link #REQUESTS}, per platform. */
  static final Map<String, List<String>> PING_PLATFORM_COMMANDS =
      Map.of(
          "cisco_ios",
          IOS,
          "cisco_iosxe",
          IOS,
          "cisco_iosxr",
          List.of(
              "ping 10.0.0.1 count 5 timeout 2",
              "ping vrf MGMT ipv6 2001:db8::1 count 3 timeout 2 size 100 source 2001:db8::2",
              "ping vrf blue 10.0.0.1 count 10 timeout 1 source Loopback0"),
          "cisco_nxos",
          List.of(
              "ping 10.0.0.1 count 5 timeout 2",
              "ping6 2001:db8::1 count 3 timeout 2 packet-size 100 source 2001:db8::2 vrf MGMT",
              "ping 10.0.0.1 count 10 timeout 1 source-interface Loopback0 vrf blue"),
          "huawei_vrp",
          DASH,
          "h3c_comware",
          DASH,
          "juniper_junos",
          List.of(
              "ping 10.0.0.1 count 5 wait 2 rapid",
              "ping 2001:db8::1 inet6 count 3 wait 2 size 100 source 2001:db8::2"
                  + " routing-instance MGMT rapid",
              "ping 10.0.0.1 count 10 wait 1 interface Loopback0 routing-instance blue rapid"),
          "arista_eos",
          List.of(
              "ping 10.0.0.1 repeat 5 timeout 2",
              "ping vrf MGMT ipv6 2001:db8::1 repeat 3 timeout 2 size 100 source 2001:db8::2",
              "ping vrf blue 10.0.0.1 repeat 10 timeout 1 interface Loopback0"),
          "linux",
          List.of(
              "ping -n -c 5 -W 2 10.0.0.1",
              "ip vrf exec MGMT ping -6 -n -c 3 -W 2 -s 100 -I 2001:db8::2 2001:db8::1",
              "ip vrf exec blue ping -n -c 10 -W 1 -I Loopback0 10.0.0.1"));

  static Stream<Arguments> commandsOfPingPlatform() {
    return PING_PLATFORM_COMMANDS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            e ->
                IntStream.range(0, REQUESTS.size())
                    .mapToObj(i -> Arguments.of(e.getKey(), i, e.getValue().get(i))));
  }

  @ParameterizedTest(name = "{0} request {1}")
  @MethodSource("commandsOfPingPlatform")
  void shippedPingSpecsReproduceTheCommandsOfPingPlatform(
      String platform, int request, String expected) {
    PingSpec spec = PlatformRegistry.shipped().get(platform).requirePing();
    assertThat(render(spec, REQUESTS.get(request))).isEqualTo(expected);
  }

  static Stream<Arguments> shippedParameters() {
    // platform, syntax, count word, timeout unit, size word, source-interface word, vrf word
    return Stream.of(
        Arguments.of("cisco_ios", PingSyntax.CISCO, "repeat", "s", "size", "source", "vrf"),
        Arguments.of("cisco_iosxe", PingSyntax.CISCO, "repeat", "s", "size", "source", "vrf"),
        Arguments.of("cisco_iosxr", PingSyntax.CISCO, "count", "s", "size", "source", "vrf"),
        Arguments.of(
            "cisco_nxos", PingSyntax.NXOS, "count", "s", "packet-size", "source-interface", "vrf"),
        Arguments.of("huawei_vrp", PingSyntax.DASH, "-c", "ms", "-s", "-i", "-vpn-instance"),
        Arguments.of("h3c_comware", PingSyntax.DASH, "-c", "ms", "-s", "-i", "-vpn-instance"),
        Arguments.of(
            "juniper_junos",
            PingSyntax.JUNOS,
            "count",
            "s",
            "size",
            "interface",
            "routing-instance"),
        Arguments.of("arista_eos", PingSyntax.EOS, "repeat", "s", "size", "interface", "vrf"),
        Arguments.of("linux", PingSyntax.LINUX, "-c", "s", "-s", "-I", "ip vrf exec"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedParameters")
  void everyShippedProfileHasItsPingParameters(
      String platform,
      PingSyntax syntax,
      String countWord,
      String unit,
      String sizeWord,
      String sourceInterfaceWord,
      String vrfWord) {
    PingSpec p = PlatformRegistry.shipped().get(platform).ping();
    assertThat(p).as(platform).isNotNull();
    assertThat(p.syntax()).isEqualTo(syntax);
    assertThat(p.countWord()).isEqualTo(countWord);
    assertThat(p.timeoutUnit().yamlName()).isEqualTo(unit);
    assertThat(p.sizeWord()).isEqualTo(sizeWord);
    assertThat(p.sourceInterfaceWord()).isEqualTo(sourceInterfaceWord);
    assertThat(p.vrfWord()).isEqualTo(vrfWord);
  }

  @Test
  void everyShippedProfileIsInTheTables() {
    assertThat(shippedParameters().map(a -> (String) a.get()[0]))
        .containsExactlyInAnyOrderElementsOf(PlatformRegistry.shipped().names());
    assertThat(PING_PLATFORM_COMMANDS.keySet())
        .containsExactlyInAnyOrderElementsOf(PlatformRegistry.shipped().names());
    for (PlatformProfile p : PlatformRegistry.shipped().profiles()) {
      assertThat(p.ping()).as(p.name()).isNotNull();
    }
  }

  @Test
  void sixSyntaxesWithLowerCaseYamlNames() {
    assertThat(PingSyntax.yamlNames()).isEqualTo("cisco, nxos, junos, eos, dash, linux");
    assertThat(PingSyntax.fromYamlName("DASH")).contains(PingSyntax.DASH);
    assertThat(PingSyntax.fromYamlName("cisc")).isEmpty();
    assertThat(PingSyntax.DASH.defaults().timeoutUnit()).isEqualTo(TimeoutUnit.MILLISECONDS);
    assertThat(PingSyntax.CISCO.defaults().timeoutUnit()).isEqualTo(TimeoutUnit.SECONDS);
    assertThat(PingSpec.of(PingSyntax.JUNOS).timeoutWord()).isEqualTo("wait");
  }

  @Test
  void aProfileWithoutPingCanOpenSessionsButNotPing() throws Exception {
    PlatformProfile p =
        Platforms.parse(
            new java.io.ByteArrayInputStream(
                "name: x\nprivilege_levels: [{name: exec, pattern: '^x>$'}]\n".getBytes()),
            "x.yaml");
    assertThat(p.ping()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(p::requirePing)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("platform x cannot be pinged from: its profile has no ping: block");
  }
}
