package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netpool exec} against simulated routers over real SSH. */
class ExecCommandSimTest {
  private static final String PASSWORD = "Exec-Pa55!";
  private static final String WRONG = "Wr0ng-Secret!";

  @TempDir static Path dir;
  private static Simulator sim;
  private static Path config;
  private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> LOGINS =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    sim =
        Simulator.builder()
            .credentials("netops", PASSWORD)
            .timeScale(0.05)
            .loginListener(
                (d, t) ->
                    LOGINS
                        .computeIfAbsent(
                            d.id(), k -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet())
            .device(
                DeviceSpec.of("edge1", Platform.CISCO_IOSXE),
                DeviceSpec.of("core1", Platform.CISCO_IOSXE),
                DeviceSpec.of("edge2", Platform.CISCO_IOSXE),
                DeviceSpec.of("bad1", Platform.CISCO_IOSXE),
                DeviceSpec.of("lnx1", Platform.LINUX))
            .start();
    StringBuilder yml = new StringBuilder("devices:\n");
    device(yml, "edge1", "cli", PASSWORD, "{site: bj, role: edge}");
    device(yml, "core1", "cli", PASSWORD, "{site: sh}");
    device(yml, "edge2", "ssh", PASSWORD, "{site: bj}");
    device(yml, "bad1", "cli", WRONG, "{site: bj}");
    device(yml, "lnx1", "ssh", PASSWORD, "[lab]");
    config = dir.resolve("monitor.yml");
    Files.writeString(config, yml.toString());
  }

  private static void device(
      StringBuilder yml, String id, String protocol, String password, String tags) {
    SimulatedDevice d = sim.device(id);
    yml.append(
        """
          - id: %s
            host: %s
            port: %d
            platform: %s
            protocol: %s
            username: netops
            password: {value: "%s"}
            host_key: "off"
            tags: %s
        """
            .formatted(id, d.host(), d.port(), d.platform().id(), protocol, password, tags));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static int logins(String device) {
    java.util.concurrent.atomic.AtomicInteger n = LOGINS.get(device);
    return n == null ? 0 : n.get();
  }

  private static ExecRun exec(String... args) {
    return ExecRun.of(config, args);
  }

  @Test
  void tagSelectsDevicesPrintedInInventoryOrderAndAFailedLoginExitsOne() {
    int badLogins = logins("bad1");
    ExecRun r = exec("--tag", "site=bj", "show clock", "show version");

    assertThat(r.code()).isEqualTo(1);
    String out = r.out();
    assertThat(out).doesNotContain("core1").doesNotContain("lnx1");
    int edge1 = out.indexOf("== edge1");
    int edge2 = out.indexOf("== edge2");
    int bad1 = out.indexOf("== bad1");
    assertThat(edge1).isNotNegative().isLessThan(edge2);
    assertThat(edge2).isLessThan(bad1);
    String edge1Part = out.substring(edge1, edge2);
    assertThat(edge1Part).contains("cisco_iosxe  cli");
    assertThat(edge1Part.indexOf("-- show clock"))
        .isNotNegative()
        .isLessThan(edge1Part.indexOf("-- show version"));
    assertThat(edge1Part).contains("Cisco IOS");
    assertThat(out.substring(edge2, bad1)).contains("cisco_iosxe  ssh").contains("Cisco IOS");
    assertThat(out.substring(bad1))
        .contains("FAILED (auth_failed)")
        .contains("!! auth_failed: no session:");
    assertThat(r.err()).contains("3 devices, 1 failed: bad1");
    // a refused login is not retried: retries can lock the account out at the AAA server
    assertThat(logins("bad1") - badLogins).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void jsonHasEveryDeviceAndCommandInOrder() throws Exception {
    ExecRun r = exec("--all", "--json", "show clock", "show version");

    assertThat(r.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("ok").asBoolean(true)).isFalse();
    List<String> ids =
        StreamSupport.stream(root.path("devices").spliterator(), false)
            .map(n -> n.path("device").asText())
            .toList();
    assertThat(ids).containsExactly("edge1", "core1", "edge2", "bad1", "lnx1");
    JsonNode edge1 = root.path("devices").get(0);
    assertThat(edge1.path("ok").asBoolean()).isTrue();
    assertThat(edge1.path("failure").isNull()).isTrue();
    assertThat(edge1.path("commands").get(0).path("command").asText()).isEqualTo("show clock");
    assertThat(edge1.path("commands").get(1).path("command").asText()).isEqualTo("show version");
    assertThat(edge1.path("commands").get(1).path("output").asText()).contains("Cisco IOS");
    assertThat(edge1.path("commands").get(1).path("elapsedMs").isNumber()).isTrue();
    assertThat(edge1.path("commands").get(1).path("started").asText()).endsWith("Z");
    JsonNode bad = root.path("devices").get(3);
    assertThat(bad.path("ok").asBoolean(true)).isFalse();
    assertThat(bad.path("failure").asText()).isEqualTo("auth_failed");
    assertThat(bad.path("error").asText()).contains("no session");
    assertThat(bad.path("commands").size()).isZero();
    // the exec channel of a Linux host: "show clock" is no command there
    JsonNode lnx = root.path("devices").get(4);
    assertThat(lnx.path("commands").get(0).path("failure").asText()).isEqualTo("command_failed");
    assertThat(r.out()).doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void allAcceptedExitsZero() {
    ExecRun r = exec("--device", "edge1,edge2", "--device", "core1", "show clock");

    assertThat(r.code()).isZero();
    assertThat(r.out().indexOf("== edge1")).isLessThan(r.out().indexOf("== core1"));
    assertThat(r.out().indexOf("== core1")).isLessThan(r.out().indexOf("== edge2"));
    assertThat(r.err()).contains("3 devices, 0 failed");
  }

  @Test
  void rejectedCommandKeepsTheSessionForTheNextOne() throws Exception {
    ExecRun r = exec("--device", "edge1", "--json", "show bogus", "show clock");

    assertThat(r.code()).isEqualTo(1);
    JsonNode cmds = new ObjectMapper().readTree(r.out()).path("devices").get(0).path("commands");
    assertThat(cmds.get(0).path("failure").asText()).isEqualTo("command_failed");
    assertThat(cmds.get(0).path("error").asText()).contains("% Invalid input");
    assertThat(cmds.get(1).path("ok").asBoolean()).isTrue();
  }

  @Test
  void execChannelExitStatusIsAFailure() {
    ExecRun r = exec("--device", "lnx1", "hostname", "false");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("-- hostname\n")
        .contains("-- false  [command_failed] exit status 1");
  }

  @Test
  void unknownDeviceNamesCloseMatchesAndExitsTwo() {
    ExecRun r = exec("--device", "edge3", "show clock");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no device 'edge3'").contains("'edge1'").contains("'edge2'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(exec("show clock").code()).isEqualTo(2); // no selection
    assertThat(exec("--all", "--device", "edge1", "show clock").code()).isEqualTo(2);
    assertThat(exec("--all").code()).isEqualTo(2); // no command
    ExecRun noTag = exec("--tag", "site=xx", "show clock");
    assertThat(noTag.code()).isEqualTo(2);
    assertThat(noTag.err()).contains("site=xx").contains("role, site");
  }

  @Test
  void parallelismIsBounded() throws Exception {
    List<DeviceSpec> slow = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      slow.add(
          DeviceSpec.builder("slow" + i, Platform.CISCO_IOSXE)
              .fault(Fault.slowHandshake(Duration.ofMillis(300)))
              .build());
    }
    try (Simulator own =
        Simulator.builder().credentials("netops", PASSWORD).timeScale(0.05).devices(slow).start()) {
      StringBuilder yml = new StringBuilder("devices:\n");
      for (SimulatedDevice d : own.devices()) {
        yml.append(
            """
              - {id: %s, host: %s, port: %d, platform: cisco_iosxe, username: netops,
                 password: {value: "%s"}, host_key: "off"}
            """
                .formatted(d.id(), d.host(), d.port(), PASSWORD));
      }
      Path f = dir.resolve("slow.yml");
      Files.writeString(f, yml.toString());
      ExecRun r = ExecRun.of(f, "--all", "--parallel", "3", "show clock");

      assertThat(r.code()).isZero();
      assertThat(own.loginsStarted()).isEqualTo(10);
      // the pool-wide login budget (16) would let all ten log in at once
      assertThat(own.peakConcurrentLogins()).isBetween(2, 3);
    }
  }
}
