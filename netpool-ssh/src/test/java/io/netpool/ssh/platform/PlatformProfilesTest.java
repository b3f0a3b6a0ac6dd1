package io.netpool.ssh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformProfilesTest {

  @Test
  void allNinePlatformsAreBundled() {
    assertThat(Platforms.names())
        .contains(
            "cisco_ios",
            "cisco_iosxe",
            "cisco_nxos",
            "cisco_iosxr",
            "huawei_vrp",
            "h3c_comware",
            "juniper_junos",
            "arista_eos",
            "linux");
    for (String name : Platforms.names()) {
      PlatformProfile p = Platforms.get(name);
      assertThat(p.healthCommand()).as(name).isNotBlank();
      assertThat(p.onOpen()).as(name).isNotEmpty();
      assertThat(p.failedWhenContains()).as(name).isNotEmpty();
    }
  }

  @Test
  void unknownPlatformErrorListsKnownOnes() {
    assertThatThrownBy(() -> Platforms.get("cisco_catos"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown platform 'cisco_catos'")
        .hasMessageContaining("cisco_iosxe")
        .hasMessageContaining("huawei_vrp");
  }

  @Test
  void aliasesResolve() {
    assertThat(Platforms.get("hp_comware").name()).isEqualTo("h3c_comware");
    assertThat(Platforms.get("JUNOS").name()).isEqualTo("juniper_junos");
    assertThat(Platforms.get("cisco_xr").name()).isEqualTo("cisco_iosxr");
  }

  static Stream<Arguments> prompts() {
    return Stream.of(
        // platform, level, positive samples, negative samples
        Arguments.of(
            "cisco_iosxe",
            "exec",
            List.of("R1>", "ZZB0000_DTT_05_OTV01>", "core-sw.bj.lab>", "r1/ctx:a>", "R1> "),
            List.of("R1#", "R1(config)#", "> ping", "Success rate is 100 percent", "R1 >x")),
        Arguments.of(
            "cisco_iosxe",
            "privilege_exec",
            List.of("R1#", "ZZB0000_DTT_05_OTV01#", "ZZA0000_17_PRO_CS05#", "edge-1.dc.lab# "),
            List.of("R1(config)#", "R1>", "show run | inc #", "!!!!!", "#")),
        Arguments.of(
            "cisco_iosxe",
            "configuration",
            List.of("R1(config)#", "R1(config-if)#", "edge-1.lab(config-router-af)#"),
            List.of("R1#", "R1(tcl)#", "R1>")),
        Arguments.of(
            "cisco_ios",
            "privilege_exec",
            List.of("R1-core.lab#", "sw-01/ctx#"),
            List.of("R1-core.lab>", "Building configuration...")),
        Arguments.of(
            "cisco_nxos",
            "privilege_exec",
            List.of("ZZB0000_DTT_05_SA17# ", "N9K-1#", "n9k.dc1-leaf01#", "N9K-1(maint-mode)# "),
            List.of("N9K-1(config)#", "N9K-1>", "5 packets transmitted, 5 packets received")),
        Arguments.of(
            "cisco_nxos",
            "configuration",
            List.of("N9K-1(config)# ", "N9K-1(config-if)#"),
            List.of("N9K-1# ")),
        Arguments.of(
            "cisco_iosxr",
            "privilege_exec",
            List.of(
                "RP/0/RSP0/CPU0:ZZA0000-SRB-WANPE#",
                "RP/0/RP0/CPU0:pe1.bj.lab# ",
                "RP/0/RSP0/CPU0:ZZA0000-SRB-WANPE-10.252.254.6#",
                "ZZA_DTT_17_SA21#"),
            List.of(
                "RP/0/RSP0/CPU0:pe1(config)#",
                "Mon Dec 15 10:17:58.918 CST",
                "UUUUU",
                "Success rate is 0 percent (0/5)")),
        Arguments.of(
            "cisco_iosxr",
            "configuration",
            List.of("RP/0/RSP0/CPU0:pe1(config)#", "RP/0/RSP0/CPU0:pe1(config-if)#"),
            List.of("RP/0/RSP0/CPU0:pe1#")),
        Arguments.of(
            "huawei_vrp",
            "user_view",
            List.of(
                "<HUAWEI>",
                "<ZZA0000_17_PRO_WR37>",
                "HRP_M<USG6000-fw1.bj>",
                "HRP_S<USG6000-fw1>",
                "HRP_A<fw>",
                "<PE-1/ne40e.bj> ",
                "<ZZA0000_17_PRO_WR37-10.192.253.238>"),
            List.of("[HUAWEI]", "HRP_X<fw>", "<>", "Request time out", "  ---- More ----")),
        Arguments.of(
            "huawei_vrp",
            "system_view",
            List.of(
                "[HUAWEI]",
                "[~HUAWEI]",
                "[*PE-1.bj]",
                "HRP_M[USG6000-fw1]",
                "[~CE6850-GigabitEthernet1/0/1]"),
            List.of("[V200R009C00SPC500]", "<HUAWEI>", "[]")),
        Arguments.of(
            "h3c_comware",
            "user_view",
            List.of("<H3C>", "<H3C-S5560.lab-01>", "RBM_P<F1000-1>", "RBM_S<F1000-1>", "<sw/1>"),
            List.of("[H3C]", "---- More ----", "RBM_X<F1000>")),
        Arguments.of(
            "h3c_comware",
            "system_view",
            List.of("[H3C]", "[H3C-GigabitEthernet1/0/1]", "RBM_P[F1000-1]"),
            List.of("<H3C>", "[V700R001B45D011]")),
        Arguments.of(
            "juniper_junos",
            "exec",
            List.of(
                "netops@mx-1.lab>", "admin@srx-01> ", "user@re0.mx960-1.bj>", "root@EX4300:RE:0>"),
            List.of("netops@mx-1.lab#", "{master:0}", "---(more)---")),
        Arguments.of(
            "juniper_junos",
            "configuration",
            List.of("netops@mx-1.lab#", "admin@srx-01# "),
            List.of("[edit]", "netops@mx-1.lab>")),
        Arguments.of(
            "arista_eos",
            "exec",
            List.of("leaf-01.dc1>", "spine1>"),
            List.of("leaf-01.dc1#", "leaf-01(config)#")),
        Arguments.of(
            "arista_eos",
            "privilege_exec",
            List.of("leaf-01.dc1#", "spine1# "),
            List.of("leaf-01.dc1(config)#", "leaf-01.dc1(config-if-Et1)#", "leaf-01.dc1>")),
        Arguments.of(
            "arista_eos",
            "configuration",
            List.of("leaf-01.dc1(config)#", "leaf-01.dc1(config-if-Et1)#"),
            List.of("leaf-01.dc1#")),
        Arguments.of(
            "linux",
            "shell",
            List.of(
                "netops@srv-1:~$ ",
                "root@vm:~# ",
                "[root@host ~]# ",
                "# ",
                "$ ",
                "user@h:/var/log$"),
            List.of("64 bytes from 10.0.0.1: icmp_seq=1", "total 0", "echo cost is 5 $x")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("prompts")
  void promptRegexes(String platform, String levelName, List<String> yes, List<String> no) {
    PlatformProfile p = Platforms.get(platform);
    PrivilegeLevel level = p.level(levelName);
    for (String s : yes) {
      assertThat(level.matches(s)).as("%s %s should match '%s'", platform, levelName, s).isTrue();
      assertThat(p.levelOf(s)).as("%s level of '%s'", platform, s).contains(level);
    }
    for (String s : no) {
      assertThat(level.matches(s))
          .as("%s %s should not match '%s'", platform, levelName, s)
          .isFalse();
    }
  }

  static Stream<Arguments> paging() {
    return Stream.of(
        Arguments.of("cisco_iosxe", List.of(" --More-- ", "--More--"), List.of("More info", "R1#")),
        Arguments.of("cisco_nxos", List.of("--More--"), List.of("N9K-1# ")),
        Arguments.of(
            "huawei_vrp", List.of("  ---- More ----", "---- More ----"), List.of("<HUAWEI>")),
        Arguments.of("h3c_comware", List.of("---- More ----"), List.of("<H3C>")),
        Arguments.of(
            "juniper_junos",
            List.of("---(more)---", "---(more 45%)---"),
            List.of("netops@mx-1>", "---(less)---")),
        Arguments.of("arista_eos", List.of(" --More-- "), List.of("leaf-1#")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paging")
  void pagingRegexes(String platform, List<String> yes, List<String> no) {
    PlatformProfile p = Platforms.get(platform);
    yes.forEach(s -> assertThat(p.isPagingPrompt(s)).as("'%s'", s).isTrue());
    no.forEach(s -> assertThat(p.isPagingPrompt(s)).as("'%s'", s).isFalse());
  }

  @Test
  void linuxDoesNotPage() {
    assertThat(Platforms.get("linux").isPagingPrompt("--More--")).isFalse();
  }

  @Test
  void failureStrings() {
    assertThat(
            Platforms.get("cisco_iosxe").failureIn("   ^\n% Invalid input detected at '^' marker."))
        .contains("% Invalid input detected");
    assertThat(
            Platforms.get("huawei_vrp").failureIn("Error: Wrong parameter found at '^' position."))
        .contains("Error: Wrong parameter");
    assertThat(
            Platforms.get("h3c_comware").failureIn("% Unrecognized command found at '^' position."))
        .isPresent();
    assertThat(Platforms.get("cisco_iosxe").failureIn("Success rate is 100 percent (5/5)"))
        .isEmpty();
  }

  @Test
  void escalationPath() {
    PlatformProfile p = Platforms.get("cisco_iosxe");
    assertThat(p.escalationPath(p.level("exec"), p.level("configuration")))
        .extracting(PrivilegeLevel::name)
        .containsExactly("privilege_exec", "configuration");
    assertThat(p.escalationPath(p.level("configuration"), p.level("exec"))).isEmpty();
  }

  @Test
  void profilesAreDataAndInvalidOnesAreRejectedClearly() throws Exception {
    String yaml =
        """
        name: acme_os
        privilege_levels:
          - name: exec
            pattern: '^acme>$'
        on_open: [no paging]
        failed_when_contains: ['ERR']
        health_command: show time
        """;
    PlatformProfile p =
        Platforms.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "acme");
    assertThat(p.defaultLevel()).isEqualTo("exec");
    assertThat(p.isPrompt("ACME>")).isTrue();

    String bad = "name: x\nprivilege_levels:\n  - name: exec\n    pattern: '^[a-$'\n";
    assertThatThrownBy(
            () ->
                Platforms.parse(
                    new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("bad.yaml:4:5: privilege_levels[0].pattern: invalid regex '^[a-$'");
    String typo = "name: x\nprivilege_level:\n  - name: exec\n    pattern: 'x'\n";
    assertThatThrownBy(
            () ->
                Platforms.parse(
                    new ByteArrayInputStream(typo.getBytes(StandardCharsets.UTF_8)), "typo.yaml"))
        .hasMessageStartingWith(
            "typo.yaml:2:1: privilege_level: unknown key (did you mean privilege_levels?)");
  }
}
