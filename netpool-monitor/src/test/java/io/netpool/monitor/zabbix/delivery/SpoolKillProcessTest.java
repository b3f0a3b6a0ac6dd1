package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.MonitorProcess;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netpool run} as a real process with its Zabbix trapper down: the values of the outage are
 * in the spool, the process is killed with SIGKILL, and the next run delivers every one of them
 * with the clock of its check once the trapper (a test trapper, TrapperServer) is up. The same with
 * a real Zabbix server: ZabbixSpoolDurabilityIT.
 */
class SpoolKillProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim = TestInventory.oneRouter(3, "edge1");
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void valuesOfAnOutageSurviveSigkillAndKeepTheirClock() throws Exception {
    SimulatedDevice d = sim.device("edge1");
    int port = TrapperServer.freePort(); // nothing listens: Zabbix is down
    Path state = tmp.resolve("state");
    Path yml = tmp.resolve("monitor.yml");
    Files.writeString(
        yml,
        """
        state_dir: %s
        zabbix:
          sender:
            server: 127.0.0.1:%d
        devices:
          - id: edge1
            host: %s
            port: %d
            platform: cisco_iosxe
            username: %s
            password: {value: '%s'}
            enable_secret: {value: '%s'}
            host_key: accept-new
        lines:
          - {id: line-1, router: edge1, target: 192.0.2.10, interval: 1s, timeout: 1s}
        """
            .formatted(
                state,
                port,
                d.host(),
                d.port(),
                TestInventory.USER,
                TestInventory.PASSWORD,
                TestInventory.ENABLE));
    Path spoolFile =
        ZabbixSpool.fileOf(state.resolve("zabbix-spool"), new ZabbixEndpoint("127.0.0.1", port));

    Path results1 = tmp.resolve("results1.jsonl");
    Process first = MonitorProcess.startRun(tmp, yml, results1, "1");
    Set<Instant> outage;
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> MonitorProcess.checkTimes(results1).size() >= 4);
      outage = MonitorProcess.checkTimes(results1);
      // Every check written to the JSON output is committed to the spool before the kill.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  MonitorProcess.spooledClocks(spoolFile, ZabbixItemKeys.DEFAULT_STATUS)
                      .containsAll(outage));
      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }

    try (TrapperServer server = TrapperServer.start(port)) {
      Process second = MonitorProcess.startRun(tmp, yml, tmp.resolve("results2.jsonl"), "2");
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> acknowledgedStatusClocks(server).containsAll(outage));
        assertThat(server.violations()).isEmpty();
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Set<Instant> acknowledgedStatusClocks(TrapperServer server) {
    List<Instant> out = new ArrayList<>();
    for (TrapperServer.Item i : server.acknowledgedItems()) {
      if (ZabbixItemKeys.DEFAULT_STATUS.equals(i.key())) {
        out.add(Instant.ofEpochSecond(i.clock(), i.ns()));
      }
    }
    return new HashSet<>(out);
  }
}
