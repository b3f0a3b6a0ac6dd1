package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.cli.Main;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
    Process first = start(yml, results1, "1");
    Set<Instant> outage;
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> checks(results1).size() >= 4);
      outage = checks(results1);
      // Every check written to the JSON output is committed to the spool before the kill.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> spooledStatusClocks(spoolFile).containsAll(outage));
      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }

    try (TrapperServer server = TrapperServer.start(port)) {
      Process second = start(yml, tmp.resolve("results2.jsonl"), "2");
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

  private static Process start(Path yml, Path results, String run) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Duser.home=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "-c",
            yml.toString(),
            "--no-table",
            "--http-port",
            "-1",
            "--json",
            results.toString())
        .redirectError(tmp.resolve("stderr" + run + ".log").toFile())
        .redirectOutput(tmp.resolve("stdout" + run + ".log").toFile())
        .start();
  }

  /** When each measured check of the JSON output finished (the values' clock). */
  private static Set<Instant> checks(Path file) throws Exception {
    Set<Instant> out = new HashSet<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String l : Files.readAllLines(file)) {
      if (!l.endsWith("}")) {
        continue; // being written
      }
      JsonNode n = JSON.readTree(l);
      if (!"skipped".equals(n.path("status").asText())) {
        out.add(Instant.parse(n.path("finished").asText()));
      }
    }
    return out;
  }

  private static Set<Instant> spooledStatusClocks(Path file) throws Exception {
    Set<Instant> out = new HashSet<>();
    if (!Files.exists(file)) {
      return out;
    }
    // WAL: a reader next to the running process' connections.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT clock, ns FROM spool WHERE key = '"
                    + ZabbixItemKeys.DEFAULT_STATUS
                    + "'")) {
      while (rs.next()) {
        out.add(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)));
      }
    } catch (java.sql.SQLException e) {
      return out; // table not created yet
    }
    return out;
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
