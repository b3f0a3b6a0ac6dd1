package io.netpool.monitor.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.status.TestResults;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void fieldNamesAndOrder() throws Exception {
    JsonNode n =
        MAPPER.readTree(CheckResultJson.toJson(TestResults.degraded("l1", "r1", "192.0.2.1")));
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(names)
        .containsExactly(
            "lineId",
            "routerId",
            "target",
            "due",
            "started",
            "finished",
            "status",
            "sent",
            "received",
            "lossPercent",
            "rttMinMs",
            "rttAvgMs",
            "rttMaxMs",
            "rttMedianMs",
            "rttStddevMs",
            "jitterMs",
            "rttsMs",
            "duplicates",
            "errors",
            "failure",
            "error",
            "command",
            "skipReason",
            "transport",
            "fallbackReason");
    assertThat(n.get("lineId").asText()).isEqualTo("l1");
    assertThat(n.get("routerId").asText()).isEqualTo("r1");
    assertThat(n.get("target").asText()).isEqualTo("192.0.2.1");
    assertThat(n.get("due").asText()).isEqualTo("2025-06-01T10:00:00Z");
    assertThat(n.get("started").asText()).isEqualTo("2025-06-01T10:00:00.010Z");
    assertThat(n.get("finished").asText()).isEqualTo("2025-06-01T10:00:02Z");
    assertThat(n.get("status").asText()).isEqualTo("degraded");
    assertThat(n.get("sent").isInt()).isTrue();
    assertThat(n.get("sent").asInt()).isEqualTo(5);
    assertThat(n.get("received").asInt()).isEqualTo(4);
    assertThat(n.get("failure").isNull()).isTrue();
    assertThat(n.get("error").isNull()).isTrue();
    assertThat(n.get("command").asText()).isEqualTo("ping 192.0.2.1 repeat 5 timeout 1");
    assertThat(n.get("skipReason").isNull()).isTrue();
  }

  @Test
  void decimalsAreNumbersWithTheirDecimalsKept() {
    String json = CheckResultJson.toJson(TestResults.degraded("l1", "r1", "192.0.2.1"));
    assertThat(json)
        .contains("\"lossPercent\":20.00,")
        .contains("\"rttMinMs\":10.5,")
        .contains("\"rttAvgMs\":12.25,")
        .contains("\"rttMaxMs\":20,")
        .doesNotContain("\"20.00\"");
  }

  @Test
  void bigDecimalsArePlainNotScientific() {
    PingResult p =
        new PingResult(
            5,
            5,
            new BigDecimal("0E+2"),
            new BigDecimal("1E-7"),
            new BigDecimal("1.5E+3"),
            new BigDecimal("1500.000"),
            PingStatus.OK,
            null);
    String json = CheckResultJson.toJson(TestResults.at("l1", "r1", "x", TestResults.T0, p));
    assertThat(json)
        .contains("\"lossPercent\":0,")
        .contains("\"rttMinMs\":0.0000001,")
        .contains("\"rttAvgMs\":1500,")
        .contains("\"rttMaxMs\":1500.000,");
  }

  @Test
  void distributionFieldsFollowMinAvgMax() throws Exception {
    String json = CheckResultJson.toJson(TestResults.withReplies("l1", "r1", "192.0.2.1"));
    assertThat(json)
        .contains(
            "\"rttMaxMs\":4,\"rttMedianMs\":2,\"rttStddevMs\":1.020,\"jitterMs\":1.250,"
                + "\"rttsMs\":[1,3,2,2,4],\"duplicates\":0,\"errors\":null,");
  }

  @Test
  void noReplyGivesNullRtt() throws Exception {
    JsonNode n = MAPPER.readTree(CheckResultJson.toJson(TestResults.down("l1", "r1", "192.0.2.1")));
    assertThat(n.get("status").asText()).isEqualTo("down");
    assertThat(n.get("lossPercent").decimalValue()).isEqualByComparingTo("100");
    assertThat(n.get("rttMinMs").isNull()).isTrue();
    assertThat(n.get("rttAvgMs").isNull()).isTrue();
    assertThat(n.get("rttMaxMs").isNull()).isTrue();
    for (String f : List.of("rttMedianMs", "rttStddevMs", "jitterMs", "rttsMs", "duplicates")) {
      assertThat(n.get(f).isNull()).as(f).isTrue();
    }
  }

  @Test
  void failedCheckHasFailureKindAndError() throws Exception {
    JsonNode n =
        MAPPER.readTree(CheckResultJson.toJson(TestResults.error("l1", "r1", "192.0.2.1")));
    assertThat(n.get("status").asText()).isEqualTo("error");
    assertThat(n.get("failure").asText()).isEqualTo("router_unreachable");
    assertThat(n.get("error").asText()).isEqualTo("connect to router timed out");
    assertThat(n.get("lossPercent").isNull()).isTrue();
    assertThat(n.get("sent").asInt()).isZero();
    assertThat(n.get("command").isNull()).isTrue();
  }

  @Test
  void nullInstantsAndRouterAreNull() throws Exception {
    CheckResult r =
        new CheckResult("l1", null, null, null, null, null, PingResult.error("x"), null, null);
    JsonNode n = MAPPER.readTree(CheckResultJson.toJson(r));
    for (String f : List.of("routerId", "target", "due", "started", "finished")) {
      assertThat(n.get(f).isNull()).as(f).isTrue();
    }
  }

  @Test
  void oneLinePerResultInOrderAndFlushedOnClose() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesSink sink = new JsonLinesSink(out, false, 100);
    sink.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    sink.accept(TestResults.degraded("l2", "r1", "192.0.2.2"));
    sink.accept(TestResults.error("l3", "r2", "2001:db8::1"));
    sink.close();

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).allSatisfy(l -> assertThat(MAPPER.readTree(l).isObject()).isTrue());
    assertThat(lines)
        .extracting(l -> MAPPER.readTree(l).get("lineId").asText())
        .containsExactly("l1", "l2", "l3");
    assertThat(sink.written()).isEqualTo(3);
    assertThat(sink.dropped()).isZero();
    sink.accept(TestResults.ok("l4", "r1", "192.0.2.1", "1"));
    assertThat(sink.dropped()).isEqualTo(1);
  }

  @Test
  void writesInTheBackgroundWithoutClose() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonLinesSink sink = new JsonLinesSink(out, false, 100)) {
      sink.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains("\"lineId\":\"l1\""));
    }
  }

  @Test
  void appendsToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    try (JsonLinesSink sink = JsonLinesSink.toFile(file)) {
      sink.accept(TestResults.ok("l1", "r1", "192.0.2.1", "1.5"));
    }
    try (JsonLinesSink sink = JsonLinesSink.toFile(file)) {
      sink.accept(TestResults.down("l2", "r1", "192.0.2.2"));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(MAPPER.readTree(lines.get(1)).get("status").asText()).isEqualTo("down");
  }

  @Test
  void aLineTornByAKilledProcessIsEndedBeforeTheNextRecord(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    // what kill -9 in the middle of a write leaves behind
    Files.writeString(file, "{\"lineId\":\"l0\",\"routerId\":\"r1\",\"targ");
    try (JsonLinesSink sink = JsonLinesSink.toFile(file)) {
      sink.accept(TestResults.down("l2", "r1", "192.0.2.2"));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("\"targ");
    assertThat(MAPPER.readTree(lines.get(1)).get("lineId").asText()).isEqualTo("l2");
  }

  @Test
  void concurrentWritersNeverInterleaveLines() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesSink sink = new JsonLinesSink(out, false, 100_000);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        pool.submit(
            () -> {
              for (int i = 0; i < 500; i++) {
                sink.accept(TestResults.ok("l" + thread + "-" + i, "r1", "192.0.2.1", "1.5"));
              }
            });
      }
    }
    sink.close();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4000);
    for (String l : lines) {
      assertThat(MAPPER.readTree(l).get("status").asText()).isEqualTo("ok");
    }
  }
}
