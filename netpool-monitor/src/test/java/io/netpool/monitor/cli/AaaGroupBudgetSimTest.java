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
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AAA group's budget against simulated routers over real SSH: twenty routers of a group capped
 * at two concurrent logins, all asked at once ({@code netpool exec --parallel 21}), never have more
 * than two logins in progress at their simulator, while a router outside the group logs in at once.
 */
class AaaGroupBudgetSimTest {
  private static final String PASSWORD = "Budget-Pa55!";
  private static final Duration HANDSHAKE = Duration.ofMillis(200);

  @TempDir Path dir;

  @Test
  void aGroupCappedAtTwoNeverHasMoreThanTwoLoginsWhileOthersAreNotHeldBack() throws Exception {
    List<DeviceSpec> group = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      group.add(
          DeviceSpec.builder("g" + i, Platform.CISCO_IOSXE)
              .fault(Fault.slowHandshake(HANDSHAKE))
              .build());
    }
    ConcurrentLinkedQueue<Long> groupStarts = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> outsiderStarts = new ConcurrentLinkedQueue<>();
    try (Simulator inGroup =
            Simulator.builder()
                .credentials("netops", PASSWORD)
                .timeScale(0.05)
                .loginListener((d, t) -> groupStarts.add(t))
                .devices(group)
                .start();
        Simulator outside =
            Simulator.builder()
                .credentials("netops", PASSWORD)
                .timeScale(0.05)
                .loginListener((d, t) -> outsiderStarts.add(t))
                .device(
                    DeviceSpec.builder("free1", Platform.CISCO_IOSXE)
                        .fault(Fault.slowHandshake(HANDSHAKE))
                        .build())
                .start()) {
      StringBuilder yml =
          new StringBuilder(
              """
              aaa_groups:
                tacacs-1: {max_concurrent_logins: 2, logins_per_second: 1000}
              devices:
              """);
      for (SimulatedDevice d : inGroup.devices()) {
        yml.append(device(d, "    aaa_group: tacacs-1\n"));
      }
      yml.append(device(outside.device("free1"), ""));
      Path f = dir.resolve("monitor.yml");
      Files.writeString(f, yml.toString());

      ExecRun r = ExecRun.of(f, "--all", "--json", "--parallel", "21", "show clock");

      assertThat(r.code()).isZero();
      JsonNode root = new ObjectMapper().readTree(r.out());
      assertThat(root.path("devices").size()).isEqualTo(21);
      assertThat(inGroup.loginsStarted()).isEqualTo(20);
      // the pool-wide budget (16) would have let sixteen in at once
      assertThat(inGroup.peakConcurrentLogins()).isEqualTo(2);
      // by the cap, the fifth login of the group waits for two handshakes (400 ms) to end; the
      // router outside the group waits for none
      long fifthOfGroup = groupStarts.stream().sorted().skip(4).findFirst().orElseThrow();
      assertThat(outsiderStarts).hasSize(1);
      assertThat(outsiderStarts.peek()).isLessThan(fifthOfGroup);
    }
  }

  private static String device(SimulatedDevice d, String extra) {
    return """
          - id: %s
            host: %s
            port: %d
            platform: cisco_iosxe
            username: netops
            password: {value: "%s"}
            host_key: "off"
        %s"""
        .formatted(d.id(), d.host(), d.port(), PASSWORD, extra);
  }
}
