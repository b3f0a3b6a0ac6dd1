package io.netpool.monitor.probe.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.engine.MonitorConfig;
import io.netpool.monitor.engine.MonitorFiles;
import io.netpool.monitor.engine.MonitorRuntime;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.sim.platform.sla.SlaOperation;
import io.netpool.ssh.HostKeyMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA probe end to end: the monitor reads the simulated routers' own SLA operations over real
 * SSH (the simulator renders them as the real platforms print them, with its own code), for every
 * platform family, with loss, jitter, a VoIP codec, a stale, a stopped and a missing operation, and
 * the readings reach JSON lines, {@code /api/status} and {@code /metrics}.
 */
@Timeout(150)
class SlaSimTest {
  static final String USER = "netops";
  static final String PASSWORD = "Sla-Pa55word!";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Line id -> router id, probe keys and extra keys of its monitor.yml entry. */
  private static final List<String[]> LINES =
      List.of(
          new String[] {"xe-both", "xe", "probe: [ping, sla], operation: 20"},
          new String[] {"xe-echo", "xe", "probe: sla, operation: 10"},
          new String[] {"xe-stale", "xe", "probe: sla, operation: 30, frequency: 1s"},
          new String[] {"xe-off", "xe", "probe: sla, operation: 40"},
          new String[] {"xe-missing", "xe", "probe: sla, operation: 99"},
          new String[] {"xe-lossy", "xe", "probe: sla, operation: 50"},
          new String[] {"nx-echo", "nx", "probe: sla, operation: 10"},
          new String[] {"xr-jitter", "xr", "probe: [sla, ping], operation: 10"},
          new String[] {"mx-echo", "mx", "probe: sla, owner: netpool, test: echo"},
          new String[] {"mx-missing", "mx", "probe: sla, owner: netpool, test: nope"},
          new String[] {"mx-off", "mx", "probe: sla, owner: netpool, test: off"},
          new String[] {"vrp-off", "vrp", "probe: sla, admin: netpool, test: off"},
          new String[] {"vrp-jitter", "vrp", "probe: [ping, sla], admin: netpool, test: jitter"},
          new String[] {"vrp-echo", "vrp", "probe: sla, admin: netpool, test: echo"},
          new String[] {"vrp-missing", "vrp", "probe: sla, admin: netpool, test: nope"},
          new String[] {"h3c-jitter", "h3c", "probe: [ping, sla], admin: netpool, test: jitter"},
          new String[] {"h3c-echo", "h3c", "probe: sla, admin: netpool, test: echo"},
          new String[] {"h3c-off", "h3c", "probe: sla, admin: netpool, test: off"},
          new String[] {"h3c-missing", "h3c", "probe: sla, admin: netpool, test: nope"});

  @Test
  void everyOutcomeOfEveryPlatformReachesEverySink() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .credentials(USER, PASSWORD)
            .device(
                DeviceSpec.builder("xe", Platform.CISCO_IOSXE)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation("10", SlaOperation.icmpEcho("192.0.2.10").withLatency(5, 5))
                    .slaOperation(
                        "20",
                        SlaOperation.udpJitter("192.0.2.20")
                            .withJitter(3)
                            .withCodec("g711alaw")
                            .withOneWayValid(true))
                    .slaOperation("30", SlaOperation.icmpEcho("192.0.2.30").withStale(true))
                    .slaOperation("40", SlaOperation.icmpEcho("192.0.2.40").withNotRunning(true))
                    .slaOperation(
                        "50", SlaOperation.udpJitter("192.0.2.50").withLoss(1.0).withPackets(10))
                    .build(),
                DeviceSpec.builder("nx", Platform.CISCO_NXOS)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation("10", SlaOperation.icmpEcho("192.0.2.11").withLatency(7, 7))
                    .build(),
                DeviceSpec.builder("xr", Platform.CISCO_IOSXR)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation(
                        "10",
                        SlaOperation.udpJitter("192.0.2.12").withJitter(2).withOneWayValid(true))
                    .build(),
                DeviceSpec.builder("mx", Platform.JUNIPER_JUNOS)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation(
                        "netpool/echo", SlaOperation.icmpEcho("192.0.2.13").withLatency(4, 4))
                    .slaOperation(
                        "netpool/off", SlaOperation.icmpEcho("192.0.2.19").withNotRunning(true))
                    .build(),
                DeviceSpec.builder("vrp", Platform.HUAWEI_VRP)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation(
                        "netpool/jitter",
                        SlaOperation.udpJitter("192.0.2.14").withJitter(2).withCodec("g711alaw"))
                    .slaOperation(
                        "netpool/echo", SlaOperation.icmpEcho("192.0.2.15").withLatency(6, 6))
                    .slaOperation(
                        "netpool/off", SlaOperation.icmpEcho("192.0.2.20").withNotRunning(true))
                    .build(),
                DeviceSpec.builder("h3c", Platform.H3C_COMWARE)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .slaOperation(
                        "netpool/jitter",
                        SlaOperation.udpJitter("192.0.2.16").withJitter(2).withLoss(0.2))
                    .slaOperation(
                        "netpool/echo", SlaOperation.icmpEcho("192.0.2.17").withLatency(8, 8))
                    .slaOperation(
                        "netpool/off", SlaOperation.icmpEcho("192.0.2.18").withNotRunning(true))
                    .build())
            .start()) {
      Path file = dir.resolve("monitor.yml");
      Files.writeString(file, monitorYml(sim));
      Path json = dir.resolve("results.jsonl");
      MonitorConfig base = MonitorConfig.defaults();
      try (MonitorRuntime runtime =
          MonitorRuntime.builder(MonitorFiles.loader().read(file))
              .config(base.withSsh(base.ssh().withHostKeyMode(HostKeyMode.OFF)))
              .jsonLines(json)
              .http("127.0.0.1", 0, null)
              .start()) {
        URI api = runtime.statusUri();
        Map<String, JsonNode> lines = new HashMap<>();
        await("every line read, the stale one judged stale")
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  lines.clear();
                  get(api.resolve("/api/status"))
                      .path("lines")
                      .forEach(l -> lines.put(l.path("id").asText(), l));
                  return LINES.stream()
                          .allMatch(l -> !lines.get(l[0]).path("status").asText().equals("pending"))
                      && "sla_stale".equals(lines.get("xe-stale").path("failure").asText());
                });

        JsonNode both = lines.get("xe-both");
        assertThat(both.path("probes").toString()).isEqualTo("[\"ping\",\"sla\"]");
        assertThat(both.path("status").asText()).as("ping measures").isEqualTo("ok");
        JsonNode jitter = both.path("readings").path("sla");
        assertThat(jitter.path("status").asText()).isEqualTo("ok");
        assertThat(jitter.path("command").asText()).isEqualTo("show ip sla statistics 20 details");
        assertThat(jitter.path("jitterSdMs").isNumber()).isTrue();
        assertThat(jitter.path("lossPercent").isNumber()).as("%s", jitter).isTrue();
        assertThat(jitter.path("jitterDsMs").isNumber()).isTrue();
        assertThat(jitter.path("owdSdMs").isNumber()).as("clocks synchronised").isTrue();
        assertThat(jitter.path("mos").asDouble()).isBetween(1.0, 5.0);
        assertThat(jitter.path("icpif").isNumber()).isTrue();

        JsonNode echo = lines.get("xe-echo");
        assertThat(echo.path("status").asText())
            .as("the router's operation measures")
            .isEqualTo("ok");
        assertThat(echo.path("rttAvgMs").asDouble()).isEqualTo(5.0);
        assertThat(echo.path("readings").path("sla").path("returnCode").asText()).isEqualTo("OK");
        assertThat(lines.get("nx-echo").path("rttAvgMs").asDouble()).isEqualTo(7.0);

        assertThat(lines.get("xe-off").path("failure").asText()).isEqualTo("sla_not_running");
        assertThat(lines.get("xe-missing").path("failure").asText())
            .isEqualTo("sla_not_configured");
        assertThat(lines.get("xe-stale").path("readings").path("sla").path("status").asText())
            .isEqualTo("stale");
        JsonNode lossy = lines.get("xe-lossy");
        assertThat(lossy.path("status").asText()).isEqualTo("down");
        assertThat(lossy.path("lossPercent").asDouble()).isEqualTo(100.0);

        JsonNode xr = lines.get("xr-jitter");
        assertThat(xr.path("probes").toString()).isEqualTo("[\"sla\",\"ping\"]");
        assertThat(xr.path("status").asText()).isEqualTo("ok");
        assertThat(xr.path("readings").path("sla").path("jitterSdMs").isNumber()).isTrue();

        JsonNode mx = lines.get("mx-echo");
        assertThat(mx.path("status").asText()).as("%s", mx).isEqualTo("ok");
        assertThat(mx.path("rttAvgMs").asDouble())
            .isEqualTo(4.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(mx.path("sent").asInt()).isEqualTo(mx.path("received").asInt()).isPositive();
        assertThat(lines.get("mx-missing").path("failure").asText())
            .isEqualTo("sla_not_configured");

        JsonNode vrpJitter = lines.get("vrp-jitter").path("readings").path("sla");
        assertThat(vrpJitter.path("status").asText()).as("%s", vrpJitter).isEqualTo("ok");
        assertThat(vrpJitter.path("jitterSdMs").isNumber()).isTrue();
        assertThat(vrpJitter.path("jitterDsMs").isNumber()).isTrue();
        assertThat(vrpJitter.path("mos").asDouble()).isBetween(1.0, 5.0);
        JsonNode vrpEcho = lines.get("vrp-echo");
        assertThat(vrpEcho.path("status").asText()).as("%s", vrpEcho).isEqualTo("ok");
        assertThat(vrpEcho.path("rttAvgMs").asDouble())
            .isEqualTo(6.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(lines.get("vrp-missing").path("failure").asText())
            .isEqualTo("sla_not_configured");

        JsonNode h3cJitter = lines.get("h3c-jitter").path("readings").path("sla");
        assertThat(h3cJitter.path("status").asText()).as("%s", h3cJitter).isIn("ok", "degraded");
        assertThat(h3cJitter.path("jitterSdMs").isNumber()).as("%s", h3cJitter).isTrue();
        assertThat(h3cJitter.path("sent").asInt()).isPositive();
        JsonNode h3cEcho = lines.get("h3c-echo");
        assertThat(h3cEcho.path("status").asText()).as("%s", h3cEcho).isEqualTo("ok");
        assertThat(h3cEcho.path("rttAvgMs").asDouble())
            .isEqualTo(8.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(lines.get("h3c-off").path("failure").asText()).isEqualTo("sla_not_running");
        assertThat(lines.get("mx-off").path("failure").asText()).isEqualTo("sla_not_running");
        assertThat(lines.get("vrp-off").path("failure").asText()).isEqualTo("sla_not_running");
        assertThat(lines.get("h3c-missing").path("failure").asText())
            .isEqualTo("sla_not_configured");

        String metrics = text(api.resolve("/metrics"));
        assertThat(metrics)
            .containsPattern("netpool_line_sla_jitter_sd_seconds\\{line=\"xe-both\",router=\"xe\"}")
            .containsPattern("netpool_line_sla_mos\\{line=\"xe-both\",router=\"xe\"} [1-4]\\.")
            .containsPattern("netpool_line_sla_status\\{line=\"xe-stale\",router=\"xe\"} 6\\.0")
            .contains("failure=\"sla_not_configured\"");
      }
      List<String> jsonLines = Files.readAllLines(json);
      assertThat(jsonLines)
          .anyMatch(
              l -> l.contains("\"lineId\":\"xe-both\"") && l.contains("\"readings\":{\"sla\""))
          .anyMatch(
              l -> l.contains("\"lineId\":\"xe-missing\"") && l.contains("sla_not_configured"));
      assertThat(String.join("\n", jsonLines)).doesNotContain(PASSWORD);
    }
  }

  private static String monitorYml(Simulator sim) {
    StringBuilder b = new StringBuilder();
    b.append(
        """
        defaults:
          device: {username: %s, host_key: off, password: {value: '%s'}}
          line: {interval: 1s, timeout: 1s, repeat: 2}
        devices:
        """
            .formatted(USER, PASSWORD));
    for (String id : List.of("xe", "nx", "xr", "mx", "vrp", "h3c")) {
      SimulatedDevice d = sim.device(id);
      b.append(
          "  - {id: %s, host: %s, port: %d, platform: %s}\n"
              .formatted(id, d.host(), d.port(), d.platform().id()));
    }
    b.append("lines:\n");
    int n = 1;
    for (String[] l : LINES) {
      b.append(
          "  - {id: %s, router: %s, target: 192.0.2.%d, %s}\n".formatted(l[0], l[1], n++, l[2]));
    }
    return b.toString();
  }

  private static JsonNode get(URI uri) throws Exception {
    return JSON.readTree(text(uri));
  }

  private static String text(URI uri) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s", uri).isEqualTo(200);
    return r.body();
  }
}
