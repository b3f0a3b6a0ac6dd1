package io.netpool.monitor.http;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.status.ResultStore;
import io.netpool.monitor.status.TestResults;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.PoolSnapshot.Circuit;
import io.netpool.pool.PoolSnapshot.Counts;
import io.netpool.pool.PoolSnapshot.DeviceSnapshot;
import io.netpool.pool.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An inventory with secrets in every form, a store with ok, degraded, down and error lines (l1..l4)
 * and a line without a result yet (l5), and a pool snapshot. Tags: l1 and l3 {@code customer=acme};
 * l1, l2 {@code site=lab}; l3, l4 {@code site=dc2}; l5 none.
 */
final class StatusFixture {
  static final String PASSWORD = "Lit3ral-Passw0rd-XYZ";
  static final String ENV_PASSWORD = "env-Passw0rd-QRS";
  static final String ENABLE = "En4ble-Secret-UVW";
  static final String USER = "netops-user-abc";
  static final List<String> LINE_IDS = List.of("l1", "l2", "l3", "l4", "l5");
  static final Map<String, String> STATUSES =
      Map.of("l1", "ok", "l2", "degraded", "l3", "down", "l4", "error", "l5", "pending");

  final Inventory inventory;
  final ResultStore store = new ResultStore();
  final PoolSnapshot pool;

  StatusFixture() {
    DeviceSpec r1 =
        new DeviceSpec(
            "r1",
            "10.9.8.7",
            22,
            PingPlatform.of("cisco_iosxe"),
            Protocol.SSH,
            USER,
            SecretRef.literal(PASSWORD),
            SecretRef.env("R1_ENABLE", ENABLE),
            Path.of("/keys/id_ed25519"),
            2,
            HostKeyPolicy.STRICT,
            Map.of("site", "lab"));
    DeviceSpec r2 =
        new DeviceSpec(
            "r2",
            "10.9.8.6",
            2222,
            PingPlatform.of("huawei_vrp"),
            Protocol.CLI,
            USER,
            SecretRef.env("R2_PASS", ENV_PASSWORD),
            null,
            null,
            0,
            HostKeyPolicy.ACCEPT_NEW,
            Map.of());
    inventory =
        new Inventory(
            Path.of("monitor.yml"),
            "0".repeat(64),
            List.of(r1, r2),
            List.of(
                line("l1", "r1", "192.0.2.1", Map.of("site", "lab", "customer", "acme")),
                line("l2", "r1", "192.0.2.2", Map.of("site", "lab"))
                    .withProbes(
                        new io.netpool.monitor.inventory.ProbeSelection(
                            List.of("ping", "sla"),
                            Map.of("operation", "20"),
                            Duration.ofSeconds(60))),
                line("l3", "r2", "192.0.2.3", Map.of("site", "dc2", "customer", "acme")),
                line("l4", "r2", "2001:db8::4", Map.of("site", "dc2")),
                line("l5", "r2", "192.0.2.5", Map.of())),
            List.of());
    for (int i = 0; i < 10; i++) {
      store.accept(
          TestResults.at(
              "l1",
              "r1",
              "192.0.2.1",
              TestResults.T0.plusSeconds(60L * i),
              TestResults.measured(
                  5, 5, "0", "1", "1." + i, "3", io.netpool.monitor.ping.PingStatus.OK)));
    }
    // l2 also reads r1's own udp-jitter operation (probe: [ping, sla]); it sees less loss
    store.accept(TestResults.degraded("l2", "r1", "192.0.2.2").withReadings(List.of(SLA_READING)));
    // l3's router fell back to Telnet (fallback: telnet, SSH refused)
    store.accept(
        TestResults.down("l3", "r2", "192.0.2.3")
            .withTransport(
                new io.netpool.monitor.check.SessionTransport(
                    "telnet", "ssh: connection refused")));
    store.accept(TestResults.error("l4", "r2", "2001:db8::4"));
    pool =
        new PoolSnapshot(
            Instant.now(),
            false,
            16,
            new Counts(3, 1, 1, 1, 2),
            List.of(
                new DeviceSnapshot(
                    "r1",
                    Protocol.SSH,
                    2,
                    new Counts(2, 1, 1, 0, 0),
                    Circuit.CLOSED,
                    0,
                    null,
                    List.of()),
                new DeviceSnapshot(
                    "r2",
                    Protocol.CLI,
                    4,
                    new Counts(1, 0, 0, 1, 2),
                    Circuit.OPEN,
                    3,
                    "auth failed",
                    List.of())),
            12,
            9,
            0);
  }

  /** What l2's router's own SLA operation read in the latest check. */
  static final io.netpool.monitor.check.ProbeReading SLA_READING =
      io.netpool.monitor.check.ProbeReading.builder("sla", "ok")
          .command("show ip sla statistics 20 details")
          .fact("operationType", "udp-jitter")
          .fact("lastRun", "10:00:00 UTC Fri Dec 4 2026")
          .fact("returnCode", "OK")
          .value("loss", io.netpool.monitor.check.ProbeReading.Unit.PERCENT, 0)
          .value("rtt_avg", io.netpool.monitor.check.ProbeReading.Unit.MS, 11.5)
          .value("jitter_sd", io.netpool.monitor.check.ProbeReading.Unit.MS, 0.75)
          .value("jitter_ds", io.netpool.monitor.check.ProbeReading.Unit.MS, 1.5)
          .value("owd_sd", io.netpool.monitor.check.ProbeReading.Unit.MS, 5.25)
          .value("owd_ds", io.netpool.monitor.check.ProbeReading.Unit.MS, 6.0)
          .value("mos", io.netpool.monitor.check.ProbeReading.Unit.SCORE, 4.34)
          .build();

  StatusSource source() {
    return StatusSource.of(() -> inventory, store, () -> pool);
  }

  private static LineSpec line(String id, String router, String target, Map<String, String> tags) {
    return new LineSpec(
        id,
        router,
        target,
        null,
        null,
        5,
        Duration.ofSeconds(1),
        null,
        Duration.ofMinutes(1),
        tags);
  }
}
