package io.netpool.ssh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformRegistryTest {
  @TempDir Path dir;

  /** The one alias table (issue 10): alias → platform. */
  static final Map<String, String> ALIASES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("ios", "cisco_ios"),
              Map.entry("iosxe", "cisco_iosxe"),
              Map.entry("ios-xe", "cisco_iosxe"),
              Map.entry("cisco_xe", "cisco_iosxe"),
              Map.entry("iosxr", "cisco_iosxr"),
              Map.entry("ios-xr", "cisco_iosxr"),
              Map.entry("cisco_xr", "cisco_iosxr"),
              Map.entry("nxos", "cisco_nxos"),
              Map.entry("nx-os", "cisco_nxos"),
              Map.entry("huawei", "huawei_vrp"),
              Map.entry("vrp", "huawei_vrp"),
              Map.entry("h3c", "h3c_comware"),
              Map.entry("comware", "h3c_comware"),
              Map.entry("hp_comware", "h3c_comware"),
              Map.entry("junos", "juniper_junos"),
              Map.entry("juniper", "juniper_junos"),
              Map.entry("eos", "arista_eos"),
              Map.entry("arista", "arista_eos"),
              Map.entry("unix", "linux")));

  static Stream<Arguments> aliases() {
    return ALIASES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("aliases")
  void everyAliasResolvesCaseInsensitively(String alias, String platform) {
    PlatformRegistry r = PlatformRegistry.shipped();
    assertThat(r.get(alias).name()).isEqualTo(platform);
    assertThat(r.get(alias.toUpperCase(Locale.ROOT)).name()).isEqualTo(platform);
    assertThat(r.get(" " + alias + " ").name()).isEqualTo(platform);
    assertThat(r.get(platform.toUpperCase(Locale.ROOT)).name()).isEqualTo(platform);
    assertThat(Platforms.get(alias).name()).isEqualTo(platform);
  }

  @Test
  void theShippedAliasesAreExactlyTheTable() {
    assertThat(PlatformRegistry.shipped().aliases()).isEqualTo(ALIASES);
    assertThat(PlatformRegistry.shipped().names())
        .containsExactly(
            "arista_eos",
            "cisco_ios",
            "cisco_iosxe",
            "cisco_iosxr",
            "cisco_nxos",
            "h3c_comware",
            "huawei_vrp",
            "juniper_junos",
            "linux");
  }

  @Test
  void everyShippedYamlIsInTheIndexAndViceVersa() throws Exception {
    URL index = getClass().getResource("/" + PlatformRegistry.RESOURCE_DIR + "index.txt");
    assertThat(index).isNotNull();
    Path folder = Path.of(index.toURI()).getParent();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> !n.equals("index.txt"))
                  .toList())
          .as("every file in %s is <name>.yaml and listed in index.txt", folder)
          .containsExactlyInAnyOrderElementsOf(
              PlatformRegistry.indexNames().stream().map(n -> n + ".yaml").toList());
    }
    assertThat(PlatformRegistry.shipped().names())
        .containsExactlyInAnyOrderElementsOf(PlatformRegistry.indexNames());
  }

  @Test
  void unknownPlatformSaysWhatIsClosestAndWhatIsKnown() {
    PlatformRegistry r = PlatformRegistry.shipped();
    assertThat(r.find("cisco_catos")).isEmpty();
    assertThat(r.find(null)).isEmpty();
    assertThat(r.didYouMean("cisco_nxo")).contains("cisco_nxos");
    assertThat(r.didYouMean("junso")).contains("junos");
    assertThat(r.didYouMean("mikrotik")).isEmpty();
    assertThatThrownBy(() -> r.get("huawei_vpr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown platform 'huawei_vpr'; did you mean huawei_vrp? known platforms: arista_eos,"
                + " cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, h3c_comware, huawei_vrp,"
                + " juniper_junos, linux");
    assertThat(r.unknownPlatformMessage("mikrotik"))
        .startsWith("unknown platform 'mikrotik'; known platforms: arista_eos, ");
  }

  static final String ACME =
      """
      # A user's platform: one file is all it takes.
      name: acme_os
      aliases: [acme, ACME-OS]
      description: ACME router OS
      privilege_levels:
        - name: exec
          pattern: '^[\\w.\\-]{1,63}>\\s?$'
        - name: admin
          pattern: '^[\\w.\\-]{1,63}#\\s?$'
          previous: exec
          escalate: admin
          escalate_prompt: '^password:\\s?$'
          escalate_auth: true
          deescalate: exit
      default_level: admin
      on_open: [terminal pager off]
      failed_when_contains: ['% Bad command']
      health_command: show time
      paging_pattern: '^--more--$'
      ping:
        syntax: dash
        timeout_unit: s
        vrf_word: -vrf
      """;

  @Test
  void aUserDirectoryAddsAPlatform() throws Exception {
    Files.writeString(dir.resolve("acme_os.yaml"), ACME);
    Files.writeString(dir.resolve("README.txt"), "not a profile");
    Files.createDirectory(dir.resolve("old.yaml")); // a directory, not a profile

    PlatformRegistry r = PlatformRegistry.withDirectory(dir);

    assertThat(r.names()).contains("acme_os", "cisco_ios").hasSize(10);
    PlatformProfile p = r.get("ACME");
    assertThat(p.name()).isEqualTo("acme_os");
    assertThat(r.get("acme-os")).isSameAs(p);
    assertThat(r.source("acme")).contains(dir.resolve("acme_os.yaml").toString());
    assertThat(r.source("ios")).contains("io/netpool/ssh/platforms/cisco_ios.yaml");
    assertThat(r.aliases()).containsEntry("acme", "acme_os").containsEntry("acme-os", "acme_os");
    assertThat(p.defaultLevel()).isEqualTo("admin");
    assertThat(p.level("admin").escalateAuth()).isTrue();
    assertThat(p.isPagingPrompt("--More--")).isTrue();
    assertThat(p.failureIn("% bad command at x")).contains("% Bad command");

    PingSpec ping = p.requirePing();
    assertThat(ping.syntax()).isEqualTo(PingSyntax.DASH);
    assertThat(ping.timeoutUnit()).isEqualTo(PingSpec.TimeoutUnit.SECONDS);
    assertThat(ping.vrfWord()).isEqualTo("-vrf");
    assertThat(ping.countWord()).isEqualTo("-c"); // default of dash
    assertThat(ping.sourceWord(true)).isEqualTo("-a");

    // the shipped registry is unchanged
    assertThat(PlatformRegistry.shipped().find("acme_os")).isEmpty();
  }

  @Test
  void aUserProfileWithTheNameOfAShippedOneReplacesIt() throws Exception {
    String ios =
        shippedText("cisco_ios")
            .replace("aliases: [ios]", "aliases: [ios, classic_ios]")
            .replace("terminal width 512", "terminal width 132");
    Files.writeString(dir.resolve("cisco_ios.yml"), ios);

    PlatformRegistry r = PlatformRegistry.withDirectory(dir);

    assertThat(r.names()).hasSize(9);
    assertThat(r.get("classic_ios").name()).isEqualTo("cisco_ios");
    assertThat(r.get("ios").onOpen()).containsExactly("terminal length 0", "terminal width 132");
    assertThat(r.source("cisco_ios")).contains(dir.resolve("cisco_ios.yml").toString());
    assertThat(r.get("cisco_iosxe").onOpen()).contains("terminal width 512");
    assertThat(PlatformRegistry.shipped().get("cisco_ios").onOpen()).contains("terminal width 512");
  }

  @Test
  void aReplacementDecidesTheAliases() throws Exception {
    Files.writeString(
        dir.resolve("linux.yaml"),
        "name: linux\nprivilege_levels: [{name: shell, pattern: '[$#] ?$'}]\n");
    PlatformRegistry r = PlatformRegistry.withDirectory(dir);
    assertThat(r.find("unix")).isEmpty();
    assertThat(r.get("linux").ping()).isNull(); // a user profile may leave ping out
  }

  @Test
  void theEnvironmentVariableNamesTheDirectory() throws Exception {
    Files.writeString(dir.resolve("acme_os.yaml"), ACME);
    assertThat(
            PlatformRegistry.fromEnvironment(
                    Map.of(PlatformRegistry.ENV_PLATFORMS_DIR, dir.toString())::get)
                .names())
        .contains("acme_os");
    assertThat(PlatformRegistry.fromEnvironment(Map.<String, String>of()::get))
        .isSameAs(PlatformRegistry.shipped());
    assertThat(
            PlatformRegistry.fromEnvironment(Map.of(PlatformRegistry.ENV_PLATFORMS_DIR, "  ")::get))
        .isSameAs(PlatformRegistry.shipped());
    assertThat(PlatformRegistry.ENV_PLATFORMS_DIR).isEqualTo("NETPOOL_PLATFORMS_DIR");
  }

  @Test
  void theStaticFacadeStillRegistersAndLoads() throws Exception {
    Path file = dir.resolve("facade_test_os.yaml");
    Files.writeString(
        file,
        ACME.replace("name: acme_os", "name: facade_test_os")
            .replace("aliases: [acme, ACME-OS]", "aliases: [facade_alias]"));
    PlatformRegistry before = Platforms.registry();
    PlatformProfile p = Platforms.load(file);
    assertThat(Platforms.get("FACADE_ALIAS")).isSameAs(p);
    assertThat(Platforms.names()).contains("facade_test_os");
    assertThat(before.find("facade_test_os")).as("a registry is a snapshot").isEmpty();

    PlatformProfile code =
        PlatformProfile.of(
            "facade_code_os",
            java.util.List.of(),
            "",
            java.util.List.of(
                PrivilegeLevel.of("exec", "^c>$", null, null, null, null, null, null)),
            null,
            null,
            null,
            null,
            null);
    Platforms.register(code);
    assertThat(Platforms.get("facade_code_os")).isSameAs(code);
    assertThat(Platforms.registry().source("facade_code_os")).contains("(registered in code)");

    PlatformProfile thief =
        PlatformProfile.of(
            "facade_thief_os",
            java.util.List.of("ios"),
            "",
            code.privilegeLevels(),
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> Platforms.register(thief))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ios' is already an alias of cisco_ios");

    byte[] yaml = ACME.getBytes(StandardCharsets.UTF_8);
    assertThat(Platforms.parse(new ByteArrayInputStream(yaml), "x").name()).isEqualTo("acme_os");
    assertThat(Platforms.registry().find("acme_os")).as("parse does not register").isEmpty();
  }

  static String shippedText(String name) throws Exception {
    try (var in =
        PlatformRegistryTest.class.getResourceAsStream(
            "/" + PlatformRegistry.RESOURCE_DIR + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
