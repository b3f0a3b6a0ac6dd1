package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.history.HistoryStore;
import io.netpool.monitor.inventory.Inventory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime keeps the history in its state folder: results reach {@code /api/lines/<id>/history},
 * the last ones are written on close, and a restart on the same folder serves them again.
 */
class HistoryRuntimeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private static Inventory oneLineEverySecond() {
    return TestInventory.create()
        .add(TestInventory.fakeDevice("r1", 0))
        .add(TestInventory.line("l1", "r1", "192.0.2.1", Duration.ofSeconds(1)))
        .build();
  }

  private static JsonNode history(URI base) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("/api/lines/l1/history")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  @Test
  void resultsAreServedAndSurviveARestart() throws Exception {
    Path state = dir.resolve("state");
    AtomicInteger checks = new AtomicInteger();
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(TestChecks.instantOk(checks))
            .http("127.0.0.1", 0, null)
            .stateDir(state)
            .start()) {
      URI base = runtime.statusUri();
      await().atMost(Duration.ofSeconds(20)).until(() -> history(base).get("results").size() >= 2);
      assertThat(history(base).get("resolution").asText()).isEqualTo("raw");
    }
    int checked = checks.get(); // final: closed, no more checks
    assertThat(state.resolve(HistoryStore.FILE_NAME)).exists();
    try (MonitorRuntime again =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(TestChecks.instantOk())
            .http("127.0.0.1", 0, null)
            .stateDir(state)
            .start()) {
      // every result of the first run was written on close, and is read back
      assertThat(history(again.statusUri()).get("results").size()).isGreaterThanOrEqualTo(checked);
    }
  }

  @Test
  void noHistoryWhenTurnedOff() throws Exception {
    Path state = dir.resolve("state");
    try (MonitorRuntime runtime =
        MonitorRuntime.builder(oneLineEverySecond())
            .lineCheck(TestChecks.instantOk())
            .http("127.0.0.1", 0, null)
            .stateDir(state)
            .history(HistorySettings.off())
            .start()) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(runtime.statusUri().resolve("/api/lines/l1/history")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }
    assertThat(Files.exists(state.resolve(HistoryStore.FILE_NAME))).isFalse();
  }
}
