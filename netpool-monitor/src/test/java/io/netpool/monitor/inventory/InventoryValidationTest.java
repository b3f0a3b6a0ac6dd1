package io.netpool.monitor.inventory;

import static io.netpool.monitor.inventory.InventoryTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each invalid input is rejected with file, line, column, field path and a clear message. */
class InventoryValidationTest {

  private static final String DEVICE =
      """
      devices:
        - id: r1
          host: 10.0.0.1
          platform: cisco_iosxe
          username: netops
          password: {env: R1_PASS}
      """;

  /** The single problem of a file that has exactly one. */
  private static Problem only(String yaml) {
    List<Problem> p = problems(yaml);
    assertThat(p).hasSize(1);
    return p.getFirst();
  }

  private static String line(String fields) {
    return DEVICE + "lines:\n  - id: l1\n    router: r1\n" + fields;
  }

  @Test
  void badTargetAddressIsReportedAtTheValueWithTheDocumentedFormat() {
    Problem p = only(line("    target: 10.0.0.300\n"));
    assertThat(p.toString())
        .isEqualTo(
            "monitor.yml:10:13: lines[0].target: '10.0.0.300' is not an IPv4 or IPv6 address");
    assertThat(p).isEqualTo(new Problem("monitor.yml", 10, 13, "lines[0].target", p.message()));
  }

  @Test
  void unknownPlatformSuggestsTheClosestAndListsTheKnownOnes() {
    Problem p = only(DEVICE.replace("cisco_iosxe", "cisco-iosxe") + "lines: []\n");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.column()).isEqualTo(15);
    assertThat(p.field()).isEqualTo("devices[0].platform");
    assertThat(p.message())
        .startsWith("unknown platform 'cisco-iosxe'; did you mean 'cisco_iosxe'?")
        .contains(
            "known: arista_eos, cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, h3c_comware, huawei_vrp");

    assertThat(only(DEVICE.replace("cisco_iosxe", "fortios") + "lines: []\n").message())
        .doesNotContain("did you mean")
        .contains("known:");
  }

  @Test
  void unknownProtocol() {
    Problem p = only(DEVICE + "    protocol: shh\nlines: []\n");
    assertThat(p.field()).isEqualTo("devices[0].protocol");
    assertThat(p.message())
        .isEqualTo(
            "unknown protocol 'shh'; did you mean 'ssh'? (use ssh, cli or its alias scrapli, or"
                + " telnet)");
    // telnet is a device's own choice (TelnetFieldsTest)
    assertThat(only(DEVICE + "    protocol: http\nlines: []\n").message())
        .startsWith("unknown protocol 'http' (use ssh");
  }

  @Test
  void intervalZeroNegativeTooShortUnitlessAndGarbage() {
    assertThat(only(line("    target: 192.0.2.1\n    interval: 0\n")).toString())
        .isEqualTo(
            "monitor.yml:11:15: lines[0].interval: interval must be greater than 0 (at least 1s), was 0");
    assertThat(only(line("    target: 192.0.2.1\n    interval: 0s\n")).message())
        .isEqualTo("interval must be greater than 0 (at least 1s)");
    assertThat(only(line("    target: 192.0.2.1\n    interval: -5\n")).message())
        .isEqualTo("interval must be greater than 0 (at least 1s), was -5");
    assertThat(only(line("    target: 192.0.2.1\n    interval: -5s\n")).message())
        .isEqualTo("'-5s' is negative; a duration must be > 0");
    assertThat(only(line("    target: 192.0.2.1\n    interval: 500ms\n")).message())
        .isEqualTo("interval must be at least 1s, was '500ms'");
    assertThat(only(line("    target: 192.0.2.1\n    interval: 180\n")).message())
        .isEqualTo("'180' has no unit; write e.g. '180s' (units: ms, s, m, h, d)");
    assertThat(only(line("    target: 192.0.2.1\n    interval: soon\n")).message())
        .startsWith("'soon' is not a duration");
    assertThat(only(line("    target: 192.0.2.1\n    timeout: 0s\n")).field())
        .isEqualTo("lines[0].timeout");
    assertThat(only(line("    target: 192.0.2.1\n    timeout: 2h\n")).message())
        .isEqualTo("timeout must be at most 1h, was '2h'");
  }

  @Test
  void duplicateDeviceAndLineIds() {
    List<Problem> p =
        problems(
            DEVICE
                + """
                  - id: r1
                    host: 10.0.0.9
                    platform: linux
                    username: u
                    password: {env: R1_PASS}
                lines:
                  - {id: l1, router: r1, target: 192.0.2.1}
                  - {id: l1, router: r1, target: 192.0.2.2}
                """);
    assertThat(p)
        .extracting(Problem::toString)
        .containsExactly(
            "monitor.yml:7:9: devices[1].id: duplicate device id 'r1' (first at line 2)",
            "monitor.yml:14:10: lines[1].id: duplicate line id 'l1' (first at line 13)");
  }

  @Test
  void routerNotFoundSuggestsAKnownDevice() {
    Problem p = only(DEVICE + "lines:\n  - {id: l1, router: r2, target: 192.0.2.1}\n");
    assertThat(p.toString())
        .isEqualTo(
            "monitor.yml:8:22: lines[0].router: no device 'r2' in devices; did you mean 'r1'?");
  }

  @Test
  void missingRequiredFields() {
    List<Problem> p =
        problems(
            """
            devices:
              - id: r1
                platform: linux
            lines:
              - id: l1
                router: r1
            """);
    assertThat(p)
        .extracting(Problem::toString)
        .containsExactly(
            "monitor.yml:2:5: devices[0].host: missing required field 'host'",
            "monitor.yml:2:5: devices[0].username: missing required field 'username'",
            "monitor.yml:2:5: devices[0]: missing 'password' (or 'private_key'): write password:"
                + " {env: VAR}, {file: PATH} or {value: ...}",
            "monitor.yml:5:5: lines[0].target: missing required field 'target'");
    // the line's router exists but is invalid: no extra "not found" error for it
  }

  @Test
  void badPortAndWrongTypes() {
    assertThat(only(DEVICE + "    port: 70000\nlines: []\n").toString())
        .isEqualTo("monitor.yml:7:11: devices[0].port: must be 1..65535, was 70000");
    assertThat(only(DEVICE + "    port: ssh\nlines: []\n").message())
        .isEqualTo("expected an integer, got a string 'ssh'");
    assertThat(only(DEVICE + "    port: \"22\"\nlines: []\n").message())
        .isEqualTo("expected an integer, got a string '22'");
    assertThat(only(DEVICE + "    port: 22.5\nlines: []\n").message())
        .isEqualTo("expected an integer, got a decimal number '22.5'");
    assertThat(only(DEVICE + "    max_sessions: [1]\nlines: []\n").message())
        .isEqualTo("expected an integer, got a list");
    assertThat(only(line("    target: 192.0.2.1\n    repeat: 0\n")).message())
        .isEqualTo("must be 1..10000, was 0");
    assertThat(only(line("    target: 192.0.2.1\n    size: 70000\n")).message())
        .isEqualTo("must be 0..65000, was 70000");
    assertThat(only(line("    target: {ip: 192.0.2.1}\n")).message())
        .isEqualTo("expected a single value, got a mapping");
    assertThat(only(DEVICE + "    tags: {a: {b: c}}\nlines: []\n").field())
        .isEqualTo("devices[0].tags.a");
  }

  @Test
  void unknownKeysAnywhereWithSuggestions() {
    assertThat(only(line("    target: 192.0.2.1\n    intervall: 3m\n")).toString())
        .isEqualTo(
            "monitor.yml:11:5: lines[0].intervall: unknown key 'intervall' in lines[0]; did you mean 'interval'?");
    assertThat(only(DEVICE.replace("devices:", "device:") + "lines: []\n").toString())
        .isEqualTo(
            "monitor.yml:1:1: device: unknown key 'device' at the top level; did you mean 'devices'?");
    assertThat(only("defaults:\n  line:\n    intrval: 3m\n" + DEVICE + "lines: []\n").field())
        .isEqualTo("defaults.line.intrval");
    assertThat(only("defaults:\n  lines: {}\n" + DEVICE + "lines: []\n").message())
        .isEqualTo("unknown key 'lines' in defaults; did you mean 'line'?");
    assertThat(only(DEVICE.replace("{env: R1_PASS}", "{evn: R1_PASS}") + "lines: []\n").message())
        .isEqualTo("unknown key 'evn' in devices[0].password; did you mean 'env'?");
    assertThat(only(DEVICE + "    colour: red\nlines: []\n").message())
        .isEqualTo(
            "unknown key 'colour' in devices[0] (known: id, host, port, platform, protocol,"
                + " username, password, enable_secret, private_key, max_sessions, host_key, tags,"
                + " zabbix_host, jump, ssh_algorithms, fallback, telnet_port, keepalive,"
                + " keepalive_send, on_command_timeout, resync_timeout, privilege, aaa_group)");
    assertThat(only("defaults:\n  device:\n    id: x\n" + DEVICE + "lines: []\n").message())
        .startsWith("an id cannot have a default");
  }

  @Test
  void emptyCommentOnlyAndNonMappingFiles() {
    assertThat(only("").toString())
        .isEqualTo("monitor.yml:1:1: the file is empty (no YAML document)");
    assertThat(only("# nothing here\n\n").message())
        .isEqualTo("the file is empty (no YAML document)");
    assertThat(only("---\n").message()).isEqualTo("the file is empty (no YAML document)");
    assertThat(only("- a\n- b\n").message()).startsWith("the top level must be a mapping");
    assertThat(only("devices: r1\n").message()).startsWith("expected a list");
    assertThat(only("devices:\n  - r1\n").toString())
        .isEqualTo("monitor.yml:2:5: devices[0]: expected a mapping (id: ..., ...), got a string");
  }

  @Test
  void yamlSyntaxErrorsCarryTheirLine() {
    Problem p = only(DEVICE + "lines:\n  - id: l1\n     router: r1\n");
    assertThat(p.line()).isEqualTo(9);
    assertThat(p.message()).startsWith("YAML syntax error: ");
    assertThat(p.toString()).startsWith("monitor.yml:9:");

    Problem tab = only(DEVICE + "lines:\n\t- id: l1\n");
    assertThat(tab.line()).isEqualTo(8);
    assertThat(tab.message()).contains("TAB");

    Problem flow = only("devices: [\n  {id: r1\n");
    assertThat(flow.message()).startsWith("YAML syntax error: ");
    assertThat(flow.line()).isGreaterThan(1);
  }

  @Test
  void duplicateKeysSecondDocumentsAndUnknownAliases() {
    assertThat(only(DEVICE + "    host: 10.0.0.2\nlines: []\n").toString())
        .isEqualTo(
            "monitor.yml:7:5: : duplicate key 'host' (first at line 3); a YAML mapping must not repeat a key"
                .replace(": : ", ": "));
    assertThat(only(DEVICE + "lines: []\n---\nlines: []\n").message())
        .startsWith("a second YAML document");
    assertThat(only(DEVICE.replace("{env: R1_PASS}", "*nowhere") + "lines: []\n").message())
        .isEqualTo("unknown alias '*nowhere'");
  }

  @Test
  void secretReferences(@TempDir Path dir) throws Exception {
    assertThat(only(DEVICE.replace("R1_PASS", "NOT_SET_ANYWHERE") + "lines: []\n").toString())
        .isEqualTo(
            "monitor.yml:6:21: devices[0].password.env: environment variable NOT_SET_ANYWHERE is not set");
    assertThat(only(DEVICE.replace("{env: R1_PASS}", "hunter2") + "lines: []\n").message())
        .startsWith("expected a reference {env: VAR}, {file: PATH} or {value: ...}, got a string")
        .doesNotContain("hunter2");
    assertThat(
            only(DEVICE.replace("{env: R1_PASS}", "{env: R1_PASS, value: x}") + "lines: []\n")
                .message())
        .isEqualTo("needs exactly one of env, file or value");
    assertThat(only(DEVICE.replace("{env: R1_PASS}", "{env: 'R1 PASS'}") + "lines: []\n").message())
        .isEqualTo("'R1 PASS' is not an environment variable name");

    Path missing = Path.of("monitor.yml").toAbsolutePath().getParent().resolve("no/such/file");
    assertThat(
            only(DEVICE.replace("{env: R1_PASS}", "{file: no/such/file}") + "lines: []\n")
                .message())
        .isEqualTo("cannot read secret file " + missing + ": NoSuchFileException");

    Files.writeString(dir.resolve("pw"), "top-secret-value\n");
    InventoryException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InventoryException.class,
            () ->
                InventoryTestSupport.parse(
                    dir.resolve("monitor.yml"),
                    DEVICE.replace("{env: R1_PASS}", "{file: pw}") + "    port: 0\nlines: []\n"));
    assertThat(e.getMessage()).doesNotContain("top-secret-value");
  }

  @Test
  void otherFieldChecks() {
    assertThat(only(line("    target: 192.0.2.1\n    source: 'Gi0/0; reload'\n")).message())
        .isEqualTo("''Gi0/0; reload'' is not an interface name or IP address".replace("''", "'"));
    assertThat(only(line("    target: 192.0.2.1\n    vrf: 'a b'\n")).message())
        .startsWith("'a b' is not a valid VRF name");
    assertThat(only(DEVICE + "    host_key: maybe\nlines: []\n").message())
        .startsWith("unknown host_key mode 'maybe'");
    assertThat(only(DEVICE + "    host_key: strikt\nlines: []\n").message())
        .contains("did you mean 'strict'?");
    assertThat(only(DEVICE.replace("id: r1", "id: 'r 1'") + "lines: []\n").message())
        .startsWith("'r 1' is not a valid id");
    assertThat(only(DEVICE.replace("10.0.0.1", "'10.0.0.1; rm'") + "lines: []\n").field())
        .isEqualTo("devices[0].host");
    assertThat(only(DEVICE.replace("username: netops", "username: ''") + "lines: []\n").message())
        .isEqualTo("must not be blank");
    assertThat(only(DEVICE.replace("host: 10.0.0.1", "host: ~") + "lines: []\n").message())
        .isEqualTo("'host' must not be empty");
    assertThat(only(line("    target: 2001:db8::zz\n")).message())
        .isEqualTo("'2001:db8::zz' is not an IPv4 or IPv6 address");
  }

  @Test
  void allProblemsAreCollectedInFileOrderInOneException() {
    String yaml =
        """
        defaults:
          line:
            interval: 0s
        devices:
          - id: r1
            host: 10.0.0.1
            platform: cisco_xx
            username: netops
            password: {env: R1_PASS}
            port: 0
          - id: r2
            host: 10.0.0.2
            platform: linux
            username: u
            password: {env: R2_PASS}
        lines:
          - {id: a, router: r2, target: 10.0.0.300}
          - {id: b, router: r3, target: 192.0.2.1, repet: 3}
        """;
    InventoryException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InventoryException.class, () -> InventoryTestSupport.parse(yaml));
    assertThat(e.problems()).extracting(Problem::line).containsExactly(3, 7, 10, 17, 18, 18);
    assertThat(e.getMessage())
        .startsWith("6 problems in monitor.yml:\n  monitor.yml:3:15: defaults.line.interval:")
        .contains(
            "\n  monitor.yml:18:44: lines[1].repet: unknown key 'repet' in lines[1]; did you mean 'repeat'?");
  }

  @Test
  void anUnreadableFileIsAnInventoryExceptionToo(@TempDir Path dir) {
    Path file = dir.resolve("absent.yml");
    assertThatThrownBy(() -> InventoryLoader.load(file))
        .isInstanceOf(InventoryException.class)
        .hasMessageStartingWith(file + ": cannot read the file: NoSuchFileException");
  }
}
