package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each field reader with a good and a bad value: the value, or the exact problem and location. */
class FieldsTest {
  static final Map<String, String> ENV = Map.of("PW", "secret-from-env");

  /** Reads {@code v: VALUE} with {@code reader}; returns the value or the problems as text. */
  static Object read(FieldReader<?> reader, String value) {
    List<Problem> sink = new ArrayList<>();
    byte[] yaml = ("v: " + value + "\n").getBytes(StandardCharsets.UTF_8);
    Node root = YamlTree.parse("monitor.yml", yaml, sink);
    assertThat(sink).as("YAML of " + value).isEmpty();
    Node node = ((MapNode) root).entries().get("v").value();
    Problems problems = new Problems("monitor.yml");
    ReadContext ctx = new ReadContext(problems, Path.of("/nonexistent"), ENV::get);
    Object v = reader.read(node, "v", ctx);
    List<Problem> found = problems.errors();
    if (v == null) {
      assertThat(found).as("an invalid value is reported").isNotEmpty();
    }
    return found.isEmpty() ? v : String.join("\n", found.stream().map(Problem::toString).toList());
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        Arguments.of("id", Fields.id(), "edge-1/0@x", "edge-1/0@x"),
        Arguments.of("host", Fields.host(), "'[2001:db8::1]'", "[2001:db8::1]"),
        Arguments.of("host", Fields.host(), "edge1.example.net", "edge1.example.net"),
        Arguments.of("integer", Fields.integer(1, 65535), "22", 22),
        Arguments.of(
            "duration",
            Fields.duration(Duration.ofMillis(1), null),
            "1h30m",
            Duration.ofMinutes(90)),
        Arguments.of("platform", Fields.platform(), "iosxe", PingPlatform.of("cisco_iosxe")),
        Arguments.of("protocol", Fields.protocol(), "scrapli", Protocol.CLI),
        Arguments.of("host key", Fields.hostKey(), "accept-new", HostKeyPolicy.ACCEPT_NEW),
        Arguments.of("target", Fields.target(), " 2001:db8::7 ", "2001:db8::7"),
        Arguments.of("source", Fields.source(), "Loopback0", "Loopback0"),
        Arguments.of("vrf", Fields.vrf(), "100", "100"),
        Arguments.of(
            "secret", Fields.secret(), "{env: PW}", SecretRef.env("PW", "secret-from-env")),
        Arguments.of("tags", Fields.tags(), "[lab, v6]", Map.of("lab", "", "v6", "")),
        Arguments.of("tags", Fields.tags(), "{ssh.hostKeys: off}", Map.of("ssh.hostKeys", "off")),
        Arguments.of(
            "name=value", Fields.nameValue(), "TempType = LINE", Map.entry("TempType", "LINE")),
        Arguments.of("zabbix host", Fields.zabbixHost(), "line bj-sh", "line bj-sh"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("goodValues")
  void goodValuesAreRead(String reader, FieldReader<?> r, String yaml, Object expected) {
    assertThat(read(r, yaml)).isEqualTo(expected);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            Fields.id(),
            "'bad id!'",
            "monitor.yml:1:4: v: 'bad id!' is not a valid id (1..128 characters: letters, digits"
                + " and _ . : / @ + -)"),
        Arguments.of(
            Fields.host(),
            "'bad host'",
            "monitor.yml:1:4: v: 'bad host' is not a host name or IP address"),
        Arguments.of(
            Fields.integer(1, 65535),
            "\"22\"",
            "monitor.yml:1:4: v: expected an integer, got a string '22'"),
        Arguments.of(
            Fields.integer(1, 65535), "70000", "monitor.yml:1:4: v: must be 1..65535, was 70000"),
        Arguments.of(
            Fields.duration(Duration.ofSeconds(1), null),
            "180",
            "monitor.yml:1:4: v: '180' has no unit; write e.g. '180s' (units: ms, s, m, h, d)"),
        Arguments.of(
            Fields.duration(Duration.ofSeconds(1), null),
            "0s",
            "monitor.yml:1:4: v: v must be greater than 0 (at least 1s)"),
        Arguments.of(
            Fields.duration(Duration.ofMillis(1), Duration.ofHours(1)),
            "2h",
            "monitor.yml:1:4: v: v must be at most 1h, was '2h'"),
        Arguments.of(
            Fields.platform(),
            "cisco_iosx",
            "monitor.yml:1:4: v: unknown platform 'cisco_iosx'; did you mean 'cisco_ios'? (known:"
                + " arista_eos, cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, h3c_comware,"
                + " huawei_vrp, juniper_junos, linux)"),
        Arguments.of(
            Fields.protocol(),
            "sshh",
            "monitor.yml:1:4: v: unknown protocol 'sshh'; did you mean 'ssh'? (use ssh, cli or its"
                + " alias scrapli)"),
        Arguments.of(
            Fields.target(),
            "10.0.0.300",
            "monitor.yml:1:4: v: '10.0.0.300' is not an IPv4 or IPv6 address"),
        Arguments.of(
            Fields.vrf(),
            "'a b'",
            "monitor.yml:1:4: v: 'a b' is not a valid VRF name (letters, digits and _ . : / -, up to"
                + " 64)"),
        Arguments.of(
            Fields.secret(),
            "hunter2",
            "monitor.yml:1:4: v: expected a reference {env: VAR}, {file: PATH} or {value: ...}, got"
                + " a string (a plain string is not accepted, so that no secret is written into the"
                + " file by accident)"),
        Arguments.of(
            Fields.secret(),
            "{env: NOT_SET}",
            "monitor.yml:1:10: v.env: environment variable NOT_SET is not set"),
        Arguments.of(
            Fields.secret(),
            "{env: PW, vaule: x}",
            "monitor.yml:1:14: v.vaule: unknown key 'vaule' in v; did you mean 'value'?"),
        Arguments.of(
            Fields.tags(), "{a: [1]}", "monitor.yml:1:8: v.a: expected a single value, got a list"),
        Arguments.of(
            Fields.nameValue(),
            "=LINE",
            "monitor.yml:1:4: v: '=LINE' is not NAME=VALUE; write e.g. TempType=LINE"),
        Arguments.of(
            Fields.httpUrl(),
            "'https://u:p@zabbix/api_jsonrpc.php'",
            "monitor.yml:1:4: v: the URL must not contain a user or password; use 'token' or"
                + " 'username'/'password'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badValues")
  void badValuesAreReportedAtTheirPlace(FieldReader<?> r, String yaml, String problem) {
    assertThat(read(r, yaml)).isEqualTo(problem);
  }

  @Test
  void theHostRuleAcceptsBracketedIpv6() {
    assertThat(Fields.isHost("[2001:db8::1]")).isTrue();
    assertThat(Fields.isHost("fe80::1%eth0")).isTrue();
    assertThat(Fields.isHost("edge 1")).isFalse();
  }
}
