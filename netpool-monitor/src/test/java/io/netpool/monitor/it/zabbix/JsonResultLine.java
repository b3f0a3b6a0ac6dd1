package io.netpool.monitor.it.zabbix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One line of the monitor's {@code --json} output (docs/observability.md, "JSON lines"): the fields
 * an end-to-end test compares with what Zabbix stored.
 *
 * @param finished when the check ended: the clock of the values sent to Zabbix
 * @param loss {@code lossPercent}, null with status error
 * @param rttMin {@code rttMinMs}, null when no reply came
 * @param failure lower-case failure kind, or null
 */
record JsonResultLine(
    String lineId,
    String routerId,
    Instant finished,
    String status,
    int sent,
    int received,
    BigDecimal loss,
    BigDecimal rttMin,
    BigDecimal rttAvg,
    BigDecimal rttMax,
    String failure,
    String error,
    String command) {

  /** Every result of the file, in file order (state events, with an "event" field, left out). */
  static List<JsonResultLine> readAll(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("{\"event\":"))
          .map(JsonResultLine::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonResultLine parse(String json) {
    JsonNode n;
    try {
      n = ZabbixJsonRpc.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not a JSON object: " + json, e);
    }
    return new JsonResultLine(
        text(n, "lineId"),
        text(n, "routerId"),
        n.path("finished").isNull() ? null : Instant.parse(n.path("finished").asText()),
        text(n, "status"),
        n.path("sent").asInt(),
        n.path("received").asInt(),
        decimal(n, "lossPercent"),
        decimal(n, "rttMinMs"),
        decimal(n, "rttAvgMs"),
        decimal(n, "rttMaxMs"),
        text(n, "failure"),
        text(n, "error"),
        text(n, "command"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  private static BigDecimal decimal(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : new BigDecimal(v.asText());
  }
}
