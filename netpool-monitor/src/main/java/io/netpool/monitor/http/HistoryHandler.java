package io.netpool.monitor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.history.HistoryQuery.Resolution;
import io.netpool.monitor.history.HistoryReads.RawRow;
import io.netpool.monitor.history.RollupRow;
import io.netpool.monitor.status.LineInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/lines/<id>/history?from=&to=&resolution=}: one line's history as JSON (shape in
 * docs/monitor.md, "History"). {@code from} and {@code to} are ISO-8601 times with an offset
 * ({@code 2026-12-04T10:00:00Z}, {@code 2026-12-04T11:00:00%2B01:00}); {@code to} defaults to now,
 * {@code from} to {@link #DEFAULT_SPAN} before {@code to}. {@code resolution} is {@code auto} (the
 * default), {@code raw} or {@code 5m}. A bad parameter is a 400 naming it, an unknown line a 404.
 */
final class HistoryHandler {
  static final String PREFIX = "/api/lines/";
  static final String SUFFIX = "/history";

  /** The range when {@code from} is not given. */
  static final Duration DEFAULT_SPAN = Duration.ofHours(3);

  private static final Set<String> PARAMS = Set.of("from", "to", "resolution");

  /** An answer to send. */
  record Response(int status, byte[] body) {}

  private HistoryHandler() {}

  /** True for the paths this handler answers. */
  static boolean handles(String path) {
    return path.startsWith(PREFIX) && path.endsWith(SUFFIX);
  }

  static Response handle(String path, String rawQuery, StatusSource source, Instant now)
      throws IOException {
    String lineId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
    HistoryQuery history = source.history();
    if (history == null) {
      return error(404, "history is not enabled (it needs a state_dir and history.enabled: true)");
    }
    if (lineId.isEmpty()
        || lineId.contains("/")
        || source.lines().stream().map(LineInfo::id).noneMatch(lineId::equals)) {
      return error(404, "no line '" + lineId + "'");
    }
    HistoryQuery.Answer answer;
    Instant from;
    Instant to;
    try {
      Map<String, String> params = params(rawQuery);
      to = params.containsKey("to") ? time("to", params.get("to")) : now;
      from = params.containsKey("from") ? time("from", params.get("from")) : to.minus(DEFAULT_SPAN);
      Resolution asked =
          params.containsKey("resolution")
              ? Resolution.parse(params.get("resolution"))
              : Resolution.AUTO;
      answer = history.answer(lineId, from, to, asked, now);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(16_384);
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(b)) {
      write(g, lineId, from, to, answer, history);
    }
    return new Response(200, b.toByteArray());
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!PARAMS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown parameter '" + name + "'; known: from, to, resolution");
      }
      if (out.put(name, value) != null) {
        throw new IllegalArgumentException("parameter '" + name + "' given twice");
      }
    }
    return out;
  }

  // A literal '+' is kept: it is the offset's sign in 11:00:00+01:00, not an encoded space.
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed query string");
    }
  }

  private static Instant time(String name, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + ": '"
              + text
              + "' is not an ISO-8601 time with an offset, such as 2026-12-04T10:00:00Z");
    }
  }

  private static void write(
      JsonGenerator g,
      String lineId,
      Instant from,
      Instant to,
      HistoryQuery.Answer a,
      HistoryQuery history)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("line", lineId);
    g.writeStringField("from", from.toString());
    g.writeStringField("to", to.toString());
    g.writeStringField("resolution", a.resolution().wireName());
    g.writeStringField("reason", a.reason());
    g.writeNumberField("rawRetentionSeconds", history.settings().rawRetention().toSeconds());
    g.writeNumberField("rollupRetentionSeconds", history.settings().rollupRetention().toSeconds());
    if (a.resolution() == Resolution.RAW) {
      g.writeArrayFieldStart("results");
      for (RawRow r : a.raw()) {
        g.writeRawValue(r.json()); // as stored: fields added since are kept
      }
    } else {
      g.writeNumberField("bucketSeconds", RollupRow.BUCKET.toSeconds());
      g.writeArrayFieldStart("buckets");
      for (RollupRow r : a.rollups()) {
        writeBucket(g, r);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeBucket(JsonGenerator g, RollupRow r) throws IOException {
    g.writeStartObject();
    g.writeStringField("start", r.start().toString());
    g.writeNumberField("checks", r.checks());
    number(g, "lossAvgPercent", r.lossAvgPercent());
    number(g, "lossMaxPercent", r.lossMaxPercent());
    number(g, "rttMinMs", r.rttMinMs());
    number(g, "rttMedianMs", r.rttMedianMs());
    number(g, "rttMaxMs", r.rttMaxMs());
    g.writeObjectFieldStart("rttPercentilesMs");
    for (int i = 0; i < r.rttPercentilesMs().size(); i++) {
      g.writeNumberField("p" + RollupRow.PERCENTILES.get(i), r.rttPercentilesMs().get(i));
    }
    g.writeEndObject();
    g.writeObjectFieldStart("statuses");
    for (int i = 0; i < RollupRow.STATUSES.size(); i++) {
      int n = r.statusCounts().get(i);
      if (n > 0) {
        g.writeNumberField(RollupRow.STATUSES.get(i).wireName(), n);
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, Double v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v);
    }
  }

  private static Response error(int status, String message) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(b)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    }
    return new Response(status, b.toByteArray());
  }
}
