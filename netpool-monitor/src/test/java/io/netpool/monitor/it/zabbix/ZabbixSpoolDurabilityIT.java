package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.MonitorProcess;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.delivery.ZabbixSpool;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable delivery against the real server (issue 12): with zabbix_server stopped, {@code netpool
 * run} checks a line; it is killed with SIGKILL and started again, still during the outage; then
 * the server starts, and {@code history.get} shows every value of the outage with the clock of its
 * check (compared with the process' JSON lines output), none missing.
 */
class ZabbixSpoolDurabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READY_KEY = "netpool.it.ready";
  private static final String STATUS = LineItems.KEYS.status();
  private static final Duration WAIT = Duration.ofMinutes(2);

  @TempDir static Path tmp;
  static Simulator sim;
  static RealZabbix zabbix;
  static ZabbixAdmin admin;
  static String host;
  static String statusItemId;

  @BeforeAll
  static void createLine() throws Exception {
    if (!RealZabbix.available()) {
      return; // the test skips with the reason (RealZabbix.get)
    }
    zabbix = RealZabbix.get();
    admin = zabbix.admin();
    String group = admin.createHostGroup(admin.name("spool"));
    host = admin.name("spool-line");
    String hostId = admin.createHost(HostSpec.of(host, group).withTag("netpool", "line"));
    LineItems.TYPES.forEach((key, type) -> admin.createTrapperItem(hostId, key, type));
    admin.createTrapperItem(hostId, READY_KEY, ValueType.TEXT);
    statusItemId = admin.itemId(hostId, STATUS);
    admin.reloadConfigCache();
    TrapperProbe probe = new TrapperProbe(zabbix.trapperHost(), zabbix.trapperPort());
    await("server configuration knows the new items")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> probe.accepts(host, READY_KEY, "1"));
    sim = TestInventory.oneRouter(3, "edge1");
  }

  @AfterAll
  static void cleanUp() {
    if (sim != null) {
      sim.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void everyValueOfAnOutageReachesHistoryWithItsClockAcrossSigkill() throws Exception {
    RealZabbix.get();
    ZabbixServerScript script = ZabbixServerScript.locate();
    SimulatedDevice d = sim.device("edge1");
    Path state = tmp.resolve("state");
    Path yml = tmp.resolve("monitor.yml");
    Files.writeString(
        yml,
        """
        state_dir: %s
        zabbix:
          sender:
            server: %s:%d
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
          - {id: line-1, router: edge1, target: 192.0.2.10, interval: 1s, timeout: 1s, zabbix_host: '%s'}
        """
            .formatted(
                state,
                zabbix.trapperHost(),
                zabbix.trapperPort(),
                d.host(),
                d.port(),
                TestInventory.USER,
                TestInventory.PASSWORD,
                TestInventory.ENABLE,
                host));
    Path spoolFile =
        ZabbixSpool.fileOf(
            state.resolve("zabbix-spool"),
            new ZabbixEndpoint(zabbix.trapperHost(), zabbix.trapperPort()));
    Path results1 = tmp.resolve("results1.jsonl");
    Path results2 = tmp.resolve("results2.jsonl");

    assertThat(script.run("stop-trapper", Duration.ofSeconds(60)).ok()).isTrue();
    Process second = null;
    try {
      Process first = MonitorProcess.startRun(tmp, yml, results1, "1");
      try {
        await().atMost(WAIT).until(() -> MonitorProcess.checkTimes(results1).size() >= 4);
        Set<Instant> seen = MonitorProcess.checkTimes(results1);
        await()
            .atMost(WAIT)
            .until(() -> MonitorProcess.spooledClocks(spoolFile, STATUS).containsAll(seen));
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        first.destroyForcibly();
      }
      second = MonitorProcess.startRun(tmp, yml, results2, "2");
      await().atMost(WAIT).until(() -> MonitorProcess.checkTimes(results2).size() >= 2);
    } finally {
      // Always: the other ITs need the trapper.
      assertThat(script.run("start-trapper", Duration.ofMinutes(3)).ok()).isTrue();
    }
    try {
      Set<Instant> outage = new TreeSet<>(MonitorProcess.checkTimes(results1));
      outage.addAll(
          MonitorProcess.checkTimes(results2)); // at least those checked before the server started
      await("history of " + STATUS)
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(history()).containsAll(outage));
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Set<Instant> history() {
    return admin.history(statusItemId, LineItems.TYPES.get(STATUS)).stream()
        .map(HistoryValue::time)
        .collect(Collectors.toSet());
  }
}
