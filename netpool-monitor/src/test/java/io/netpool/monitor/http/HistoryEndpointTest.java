package io.netpool.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.history.HistoryStore;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.status.TestResults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/lines/<id>/history} of a running status server over a real history file: raw rows for
 * a short recent range, rollups for a week, 400 for bad parameters, 404 for an unknown line or
 * without history.
 */
class HistoryEndpointTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final StatusFixture fixture = new StatusFixture();
  private HistoryStore store;
  private StatusServer server;

  @BeforeEach
  void start() throws Exception {
    store = HistoryStore.open(dir.resolve(HistoryStore.FILE_NAME), HistorySettings.defaults());
    List<io.netpool.monitor.check.CheckResult> batch = new ArrayList<>();
    // l1: one check a minute for the last 3 days; every tenth one lost 20 %
    for (int m = 3 * 24 * 60; m >= 1; m--) {
      Instant due = NOW.minus(Duration.ofMinutes(m)).minusSeconds(2);
      batch.add(
          TestResults.at(
              "l1",
              "r1",
              "192.0.2.1",
              due,
              m % 10 == 0
                  ? TestResults.measured(5, 4, "20.00", "1", "2", "3", PingStatus.DEGRADED)
                  : TestResults.measured(5, 5, "0", "1", "1.5", "3", PingStatus.OK)));
    }
    store.append(batch, NOW.toEpochMilli());
    while (store.rollUp(NOW.toEpochMilli(), 1000)) {
      // all closed buckets
    }
    HistoryQuery query = new HistoryQuery(store.reads(), store.settings());
    server = start(query);
  }

  private StatusServer start(HistoryQuery query) throws Exception {
    StatusSource withHistory =
        new ForwardingStatusSource(fixture.source()) {
          @Override
          public HistoryQuery history() {
            return query;
          }
        };
    return StatusServer.start(
        StatusServer.Options.localhost(0), withHistory, null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
    http.close();
  }

  private HttpResponse<String> get(StatusServer s, String pathAndQuery) throws Exception {
    URI uri = URI.create(s.baseUri().toString().replaceAll("/$", "") + pathAndQuery);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return get(server, pathAndQuery);
  }

  @Test
  void aShortRecentRangeAnswersWithTheStoredResults() throws Exception {
    HttpResponse<String> r =
        get("/api/lines/l1/history?from=2026-12-03T11:00:00Z&to=2026-12-03T12:00:00Z");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(StatusServer.JSON);
    JsonNode n = MAPPER.readTree(r.body());
    assertThat(n.get("line").asText()).isEqualTo("l1");
    assertThat(n.get("resolution").asText()).isEqualTo("raw");
    assertThat(n.get("reason").asText()).contains("within the raw retention");
    assertThat(n.get("rawRetentionSeconds").asLong()).isEqualTo(48 * 3600);
    JsonNode results = n.get("results");
    assertThat(results).hasSize(60);
    assertThat(results.get(0).get("lineId").asText()).isEqualTo("l1");
    assertThat(results.get(0).get("finished").asText()).isEqualTo("2026-12-03T11:00:00Z");
    assertThat(results.get(59).get("finished").asText()).isEqualTo("2026-12-03T11:59:00Z");
  }

  @Test
  void aWeekAnswersWithFiveMinuteRollups() throws Exception {
    // an offset written as is: the '+' is its sign, not an encoded space
    HttpResponse<String> r =
        get("/api/lines/l1/history?from=2026-11-26T13:00:00+01:00&to=2026-12-03T12:00:00Z");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = MAPPER.readTree(r.body());
    assertThat(n.get("from").asText()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(n.get("resolution").asText()).isEqualTo("5m");
    assertThat(n.get("reason").asText()).contains("starts before the raw retention");
    assertThat(n.get("bucketSeconds").asInt()).isEqualTo(300);
    JsonNode buckets = n.get("buckets");
    // 3 days of buckets, the last one (11:55) still open
    assertThat(buckets).hasSize(3 * 24 * 12 - 1);
    JsonNode b = buckets.get(0);
    assertThat(b.get("start").asText()).isEqualTo("2026-11-30T12:00:00Z");
    assertThat(b.get("checks").asInt()).isEqualTo(5);
    assertThat(b.get("rttMedianMs").asDouble()).isEqualTo(1.5);
    assertThat(b.get("rttMinMs").asDouble()).isEqualTo(1.0);
    // nearest rank over 1.5, 1.5, 1.5, 1.5, 2 (the lossy check)
    assertThat(b.get("rttPercentilesMs").get("p80").asDouble()).isEqualTo(1.5);
    assertThat(b.get("rttPercentilesMs").get("p90").asDouble()).isEqualTo(2.0);
    assertThat(b.get("statuses").get("ok").asInt()).isEqualTo(4);
    assertThat(b.get("statuses").get("degraded").asInt()).isEqualTo(1);
    assertThat(b.get("lossMaxPercent").asDouble()).isEqualTo(20.0);
    assertThat(b.get("lossAvgPercent").asDouble()).isEqualTo(4.0);
  }

  @Test
  void theDefaultRangeIsTheLastThreeHours() throws Exception {
    JsonNode n = MAPPER.readTree(get("/api/lines/l1/history").body());
    assertThat(n.get("from").asText()).isEqualTo("2026-12-03T09:00:00Z");
    assertThat(n.get("to").asText()).isEqualTo("2026-12-03T12:00:00Z");
    assertThat(n.get("results")).hasSize(180);
  }

  @Test
  void badParametersAre400WithTheReason() throws Exception {
    assertError(
        get("/api/lines/l1/history?from=yesterday"),
        400,
        "from: 'yesterday' is not an ISO-8601 time with an offset, such as 2026-12-04T10:00:00Z");
    assertError(
        get("/api/lines/l1/history?from=2026-12-03T12:00:00Z&to=2026-12-03T11:00:00Z"),
        400,
        "from must be before to");
    assertError(
        get("/api/lines/l1/history?since=2026-12-03T12:00:00Z"),
        400,
        "unknown parameter 'since'; known: from, to, resolution");
    assertError(
        get("/api/lines/l1/history?resolution=1h"),
        400,
        "resolution must be auto, raw or 5m, was '1h'");
    assertError(
        get("/api/lines/l1/history?from=2026-12-01T00:00:00Z&resolution=raw"),
        400,
        "raw results are served for at most 6h at once; ask for resolution=5m");
  }

  @Test
  void anUnknownLineIs404AndSoIsAServerWithoutHistory() throws Exception {
    assertError(get("/api/lines/nope/history"), 404, "no line 'nope'");
    // a known line without stored results: an empty answer, not an error
    HttpResponse<String> empty = get("/api/lines/l2/history");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(empty.body()).get("results")).isEmpty();
    try (StatusServer without = start(null)) {
      assertError(
          get(without, "/api/lines/l1/history"),
          404,
          "history is not enabled (it needs a state_dir and history.enabled: true)");
    }
  }

  private static void assertError(HttpResponse<String> r, int status, String message)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(MAPPER.readTree(r.body()).get("error").asText()).isEqualTo(message);
  }
}
