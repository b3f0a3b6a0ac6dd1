package io.netpool.monitor.state;

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
import io.netpool.ssh.HostKeyMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line states end to end, over real SSH to simulated routers and real HTTP: a down line turns
 * {@code down}; a router that refuses the login is one router event and its two lines are {@code
 * unknown} by the router, never {@code down}; every change is in {@code /api/events}, {@code
 * /api/status}, the JSON lines output and {@code /metrics}.
 */
@Timeout(120)
class LineStatesSimTest {
  static final String USER = "netops";
  static final String PASSWORD = "States-Pa55!";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void downLineAndRefusingRouterAsStatesAndEvents() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .credentials(USER, PASSWORD)
            .device(
                DeviceSpec.builder("xe", Platform.CISCO_IOSXE)
                    .target("192.0.2.9", TargetBehaviour.totalLoss())
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .build(),
                DeviceSpec.builder("refuser", Platform.CISCO_IOSXE)
                    .defaultTarget(TargetBehaviour.latency(2, 2))
                    .build())
            .start()) {
      Path file = dir.resolve("monitor.yml");
      Files.writeString(file, monitorYml(sim.device("xe"), sim.device("refuser")));
      Path json = dir.resolve("results.jsonl");
      MonitorConfig base = MonitorConfig.defaults();
      try (MonitorRuntime runtime =
          MonitorRuntime.builder(MonitorFiles.loader().read(file))
              .config(base.withSsh(base.ssh().withHostKeyMode(HostKeyMode.OFF)))
              .jsonLines(json)
              .http("127.0.0.1", 0, null)
              .start()) {
        URI api = runtime.statusUri();
        await("states settled")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    runtime.states().state("down").condition() == LineCondition.DOWN
                        && runtime.states().state("up").condition() == LineCondition.UP
                        && runtime.states().state("auth-1").cause().startsWith("router refuser")
                        && runtime.states().state("auth-2").cause().startsWith("router refuser"));

        JsonNode events = get(api.resolve("/api/events"));
        List<JsonNode> routerEvents = new ArrayList<>();
        events
            .path("events")
            .forEach(
                e -> {
                  if (e.path("event").asText().equals("router_state")) {
                    routerEvents.add(e);
                  }
                });
        assertThat(routerEvents)
            .as("one router event for the refusing router")
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.path("routerId").asText()).isEqualTo("refuser");
                  assertThat(e.path("state").asText()).isEqualTo("failed");
                  assertThat(e.path("failure").asText()).isIn("auth_failed", "router_unavailable");
                  assertThat(e.path("lines").asInt()).isEqualTo(2);
                });
        for (JsonNode e : events.path("events")) {
          if (e.path("lineId").asText().startsWith("auth-")) {
            assertThat(e.path("to").asText()).as("%s", e).isEqualTo("unknown");
          }
        }
        JsonNode lineEvents = get(api.resolve("/api/events?line=auth-1"));
        assertThat(lineEvents.path("events").findValuesAsText("event"))
            .as("a line's events include its router's")
            .contains("router_state")
            .allMatch(t -> t.equals("router_state") || t.equals("line_state"));

        JsonNode status = get(api.resolve("/api/status"));
        for (JsonNode l : status.path("lines")) {
          String expected =
              switch (l.path("id").asText()) {
                case "down" -> "down";
                case "up" -> "up";
                default -> "unknown";
              };
          assertThat(l.path("state").asText()).as("%s", l).isEqualTo(expected);
        }

        String metrics = text(api.resolve("/metrics"));
        assertThat(metrics)
            .contains("netpool_line_state{line=\"down\"} 2.0")
            .contains("netpool_routers_failed 1.0");
      }
      List<String> jsonLines = Files.readAllLines(json);
      assertThat(jsonLines)
          .anyMatch(
              l -> l.contains("\"event\":\"line_state\"") && l.contains("\"lineId\":\"down\""))
          .anyMatch(l -> l.contains("\"event\":\"router_state\""));
      assertThat(String.join("\n", jsonLines)).doesNotContain(PASSWORD);
    }
  }

  private static String monitorYml(SimulatedDevice xe, SimulatedDevice refuser) {
    return """
        defaults:
          device: {platform: cisco_iosxe, username: %s, host_key: off}
          line: {interval: 1s, timeout: 1s, repeat: 2}
        devices:
          - {id: xe, host: %s, port: %d, password: {value: '%s'}}
          - {id: refuser, host: %s, port: %d, password: {value: 'wrong-%s'}}
        lines:
          - {id: up, router: xe, target: 192.0.2.1}
          - {id: down, router: xe, target: 192.0.2.9}
          - {id: auth-1, router: refuser, target: 192.0.2.2}
          - {id: auth-2, router: refuser, target: 192.0.2.3}
        """
        .formatted(USER, xe.host(), xe.port(), PASSWORD, refuser.host(), refuser.port(), PASSWORD);
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
