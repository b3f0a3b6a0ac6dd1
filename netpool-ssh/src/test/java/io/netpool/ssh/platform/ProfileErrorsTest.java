package io.netpool.ssh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken profile fails with {@code <file>:<line>:<column>: <field path>: <what is wrong>}: the
 * exact positions are checked here against the numbered lines of each sample.
 */
class ProfileErrorsTest {
  @TempDir Path dir;

  /** A valid profile; the cases below break one line of it. */
  static final String VALID =
      """
      name: acme_os
      aliases: [acme]
      privilege_levels:
        - name: exec
          pattern: '^acme>$'
      ping:
        syntax: cisco
      """;

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  /** The message of loading {@code dir} after writing {@code yaml} to {@code name}. */
  private String error(String name, String yaml) throws Exception {
    Files.writeString(dir.resolve(name), yaml);
    ProfileException e =
        catchThrowableOfType(ProfileException.class, () -> PlatformRegistry.withDirectory(dir));
    assertThat(e).as("loading %s", name).isNotNull();
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).startsWith(dir.toString()));
    return e.getMessage();
  }

  @Test
  void theValidSampleLoads() throws Exception {
    Files.writeString(dir.resolve("acme_os.yaml"), VALID);
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").requirePing().countWord())
        .isEqualTo("repeat");
  }

  @Test
  void theIcmpErrorsWordDefaultsPerSyntaxAndNoneSwitchesItOff() throws Exception {
    Files.writeString(dir.resolve("acme_os.yaml"), VALID.replace("syntax: cisco", "syntax: dash"));
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").requirePing().icmpErrorsWord())
        .isEqualTo("-v");
    Files.writeString(
        dir.resolve("acme_os.yaml"),
        VALID.replace("syntax: cisco", "syntax: dash\n  icmp_errors_word: none"));
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").requirePing().icmpErrorsWord())
        .isNull();
    Files.writeString(dir.resolve("acme_os.yaml"), VALID);
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").requirePing().icmpErrorsWord())
        .isNull();
  }

  @Test
  void unknownPingSyntax() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("syntax: cisco", "syntax: cisc")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":7:3: ping.syntax: unknown syntax 'cisc'; known: cisco, nxos, junos, eos, dash,"
                + " linux");
  }

  @Test
  void sshAlgorithmsAreReadAndUnknownNamesLocated() throws Exception {
    Files.writeString(
        dir.resolve("acme_os.yaml"),
        VALID
            + """
            ssh:
              algorithms:
                kex: {add: [diffie-hellman-group14-sha1]}
                ciphers: [aes256-ctr, aes128-ctr]
            """);
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").algorithms().toString())
        .isEqualTo(
            "AlgorithmPolicy[kex add [diffie-hellman-group14-sha1], ciphers replace [aes256-ctr,"
                + " aes128-ctr]]");
    assertThat(
            error(
                "acme_os.yaml",
                VALID + "ssh:\n  algorithms:\n    macs: {add: [hmac-sha1, hmac-md4]}\n"))
        .startsWith(
            file("acme_os.yaml")
                + ":10:29: ssh.algorithms.macs.add[1]: unknown macs algorithm 'hmac-md4'; known: ")
        .contains("hmac-sha2-256");
    assertThat(error("acme_os.yaml", VALID + "ssh:\n  algorithms:\n    kx: [curve25519-sha256]\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":10:5: ssh.algorithms.kx: unknown key (did you mean kex?); allowed keys: kex,"
                + " ciphers, macs, host_key");
    assertThat(
            error(
                "acme_os.yaml",
                VALID + "ssh:\n  algorithms:\n    kex: {add: [curve25519-sha256], replace: []}\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":10:5: ssh.algorithms.kex: expected exactly one of add: [...] or replace: [...]");
  }

  @Test
  void yamlSyntaxError() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: [acme")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":3:17: invalid YAML: expected ',' or ']', but got : (while parsing a flow"
                + " sequence at 2:10)");
  }

  @Test
  void tabIndentation() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("  syntax: cisco", "\tsyntax: cisco")))
        .startsWith(file("acme_os.yaml") + ":7:1: invalid YAML: found character '\\t(TAB)'");
  }

  @Test
  void unknownKeyListsTheAllowedOnes() throws Exception {
    assertThat(error("acme_os.yaml", VALID + "pagin_pattern: '--More--'\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":8:1: pagin_pattern: unknown key (did you mean paging_pattern?); allowed keys:"
                + " name, aliases, description, privilege_levels, default_level, on_open,"
                + " failed_when_contains, health_command, paging_pattern, ping, ssh, probes");
    assertThat(error("acme_os.yaml", VALID + "  count: 5\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":8:3: ping.count: unknown key; allowed keys: syntax, count_word, timeout_word,"
                + " timeout_unit, size_word, source_address_word, source_interface_word, vrf_word,"
                + " ipv6_word, icmp_errors_word");
    assertThat(error("acme_os.yaml", VALID.replace("    pattern:", "    escalat: x\n    pattern:")))
        .startsWith(
            file("acme_os.yaml")
                + ":5:5: privilege_levels[0].escalat: unknown key (did you mean escalate?);"
                + " allowed keys: name, pattern, not_contains, previous, escalate,");
  }

  @Test
  void duplicateKey() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: [acme]\nname: x")))
        .isEqualTo(file("acme_os.yaml") + ":3:1: duplicate key 'name' (first at line 1, column 1)");
  }

  @Test
  void missingRequiredField() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("    pattern: '^acme>$'\n", "")))
        .isEqualTo(file("acme_os.yaml") + ":4:5: privilege_levels[0].pattern: missing (required)");
    assertThat(error("acme_os.yaml", VALID.replace("name: acme_os\n", "")))
        .isEqualTo(file("acme_os.yaml") + ":1:1: name: missing (required)");
    assertThat(error("acme_os.yaml", VALID.replace("syntax: cisco", "count_word: count")))
        .isEqualTo(file("acme_os.yaml") + ":7:3: ping.syntax: missing (required)");
    assertThat(error("acme_os.yaml", "# nothing yet\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":1:1: the file is empty; a profile needs at least name and privilege_levels");
  }

  @Test
  void badRegexNamesTheField() throws Exception {
    String twoLevels =
        VALID.replace(
            "ping:",
            """
              - name: enable
                pattern: '^acme(#$'
                previous: exec
            ping:""");
    assertThat(error("acme_os.yaml", twoLevels))
        .isEqualTo(
            file("acme_os.yaml")
                + ":7:5: privilege_levels[1].pattern: invalid regex '^acme(#$': Unclosed group"
                + " near index 8");
    assertThat(error("acme_os.yaml", VALID + "paging_pattern: '*more'\n"))
        .startsWith(
            file("acme_os.yaml")
                + ":8:1: paging_pattern: invalid regex '*more': Dangling meta character '*'");
  }

  @Test
  void wrongTypes() throws Exception {
    assertThat(
            error(
                "acme_os.yaml",
                VALID.replace(
                    "privilege_levels:\n  - name: exec\n    pattern: '^acme>$'\n",
                    "privilege_levels: exec\n")))
        .isEqualTo(file("acme_os.yaml") + ":3:1: privilege_levels: expected a list, got a string");
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: acme")))
        .isEqualTo(file("acme_os.yaml") + ":2:1: aliases: expected a list, got a string");
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: [acme, [x]]")))
        .isEqualTo(file("acme_os.yaml") + ":2:17: aliases[1]: expected a string, got a list");
    assertThat(
            error(
                "acme_os.yaml",
                VALID.replace("    pattern:", "    escalate_auth: maybe\n    pattern:")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":5:5: privilege_levels[0].escalate_auth: expected true or false, got a string");
    assertThat(error("acme_os.yaml", VALID.replace("ping:\n  syntax: cisco\n", "ping: cisco\n")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":6:1: ping: expected a mapping (syntax: one of cisco, nxos, junos, eos, dash,"
                + " linux, ...), got a string");
    assertThat(error("acme_os.yaml", VALID + "  timeout_unit: sec\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":8:3: ping.timeout_unit: unknown unit 'sec'; known: s (seconds), ms"
                + " (milliseconds)");
    assertThat(error("acme_os.yaml", VALID + "  count_word: repeat; reload\n"))
        .startsWith(
            file("acme_os.yaml") + ":8:3: ping.count_word: 'repeat; reload' is not a command word");
    assertThat(error("acme_os.yaml", "- name: acme_os\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":1:1: a profile is a mapping of keys (name, privilege_levels, ...), got a list");
  }

  @Test
  void levelReferencesAreChecked() throws Exception {
    assertThat(error("acme_os.yaml", VALID + "default_level: enable\n"))
        .isEqualTo(
            file("acme_os.yaml")
                + ":8:1: default_level: 'enable' is not one of the privilege levels [exec]");
    assertThat(
            error(
                "acme_os.yaml", VALID.replace("    pattern:", "    previous: user\n    pattern:")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":5:5: privilege_levels[0].previous: 'user' is not one of the privilege levels"
                + " [exec]");
  }

  @Test
  void fileNameMustMatchTheName() throws Exception {
    assertThat(error("acme.yaml", VALID))
        .isEqualTo(
            file("acme.yaml")
                + ":1:1: name: 'acme_os' does not match the file name; a profile file is named"
                + " <name>.yaml (acme.yaml holds name: acme)");
  }

  @Test
  void aliasesAreUniqueAcrossFiles() throws Exception {
    Files.writeString(dir.resolve("a_os.yaml"), VALID.replace("acme_os", "a_os"));
    assertThat(
            error(
                "b_os.yaml",
                VALID.replace("acme_os", "b_os").replace("aliases: [acme]", "aliases: [b, ACME]")))
        .isEqualTo(
            file("b_os.yaml")
                + ":2:14: aliases[1]: 'ACME' is already an alias of a_os ("
                + file("a_os.yaml")
                + ")");
  }

  @Test
  void aUserAliasMayNotTakeAShippedOne() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: [acme, ios]")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":2:17: aliases[1]: 'ios' is already an alias of cisco_ios"
                + " (io/netpool/ssh/platforms/cisco_ios.yaml)");
    Files.delete(dir.resolve("acme_os.yaml"));
    assertThat(error("cisco_xe.yaml", VALID.replace("acme_os", "cisco_xe")))
        .isEqualTo(
            file("cisco_xe.yaml")
                + ":1:1: name: 'cisco_xe' is already an alias of cisco_iosxe"
                + " (io/netpool/ssh/platforms/cisco_iosxe.yaml)");
  }

  @Test
  void aliasRepeatedInOneFile() throws Exception {
    assertThat(error("acme_os.yaml", VALID.replace("aliases: [acme]", "aliases: [acme, Acme_OS]")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":2:17: aliases[1]: 'Acme_OS' is the profile's own name (names and aliases are"
                + " case-insensitive)");
  }

  @Test
  void twoFilesForOnePlatform() throws Exception {
    Files.writeString(dir.resolve("acme_os.yaml"), VALID);
    assertThat(error("ACME_OS.yml", VALID.replace("aliases: [acme]", "aliases: [acme2]")))
        .isEqualTo(
            file("acme_os.yaml")
                + ":1:1: name: 'acme_os' is also the name of the profile in "
                + file("ACME_OS.yml")
                + "; one file per platform");
  }

  @Test
  void everyBrokenFileIsReported() throws Exception {
    Files.writeString(dir.resolve("good_os.yaml"), VALID.replace("acme_os", "good_os"));
    Files.writeString(dir.resolve("a_os.yaml"), VALID.replace("acme_os", "a_os") + "x: 1\n");
    String message =
        error("b_os.yaml", VALID.replace("acme_os", "b_os").replace("cisco", "cisco_ios"));
    assertThat(message.lines())
        .containsExactly(
            file("a_os.yaml")
                + ":8:1: x: unknown key; allowed keys: name, aliases, description,"
                + " privilege_levels, default_level, on_open, failed_when_contains,"
                + " health_command, paging_pattern, ping, ssh, probes",
            file("b_os.yaml")
                + ":7:3: ping.syntax: unknown syntax 'cisco_ios'; known: cisco, nxos, junos,"
                + " eos, dash, linux");
  }

  @Test
  void aMissingDirectoryIsAnError() {
    Path missing = dir.resolve("nope");
    ProfileException e =
        catchThrowableOfType(ProfileException.class, () -> PlatformRegistry.withDirectory(missing));
    assertThat(e).hasMessage(missing + ": platforms directory does not exist");
  }

  @Test
  void platformsLoadReportsTheSameLocatedErrors() throws Exception {
    Path f = dir.resolve("x.yaml");
    Files.writeString(f, VALID.replace("syntax: cisco", "syntax: cisc"));
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Platforms.load(f));
    assertThat(e).hasMessageStartingWith(f + ":7:3: ping.syntax: unknown syntax 'cisc'");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.column()).isEqualTo(3);
              assertThat(p.field()).isEqualTo("ping.syntax");
            });
  }

  @Test
  void probesAreReadWithTheirPlaceholders() throws Exception {
    Files.writeString(
        dir.resolve("acme_os.yaml"),
        VALID
            + """
            probes:
              sla:
                command: 'show sla {admin} {test} detail'
                format: acme_sla
            """);
    ProbeCommand sla = PlatformRegistry.withDirectory(dir).get("acme").probe("sla").orElseThrow();
    assertThat(sla.format()).isEqualTo("acme_sla");
    assertThat(sla.keys()).containsExactly("admin", "test");
    assertThat(sla.fill(java.util.Map.of("admin", "noc", "test", "l1")))
        .isEqualTo("show sla noc l1 detail");
    assertThat(PlatformRegistry.withDirectory(dir).get("acme").probe("other")).isEmpty();
  }

  @Test
  void aProbeCommandWithAStrayBraceOrNoFormatIsLocated() throws Exception {
    assertThat(
            error(
                "acme_os.yaml",
                VALID
                    + """
                    probes:
                      sla:
                        command: 'show sla {Admin}'
                        format: acme_sla
                    """))
        .isEqualTo(
            file("acme_os.yaml")
                + ":10:5: probes.sla: 'show sla {Admin}': braces only around a placeholder"
                + " name such as {operation}");
    assertThat(
            error(
                "acme_os.yaml",
                VALID
                    + """
                    probes:
                      sla:
                        command: 'show sla'
                    """))
        .isEqualTo(file("acme_os.yaml") + ":10:5: probes.sla.format: missing (required)");
  }
}
