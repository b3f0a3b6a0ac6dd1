package io.netpool.monitor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.outputs.RecentOutputs;
import io.netpool.monitor.probe.CheckOutput;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/lines/<id>/outputs}: the line's last raw outputs, oldest first, secrets masked
 * (docs/observability.md).
 */
final class OutputsApi {
  static final String PREFIX = "/api/lines/";
  static final String SUFFIX = "/outputs";

  private OutputsApi() {}

  static boolean matches(String path) {
    return path.startsWith(PREFIX)
        && path.endsWith(SUFFIX)
        && path.length() > PREFIX.length() + SUFFIX.length();
  }

  static EventsApi.Answer answer(String path, StatusSource source) {
    RecentOutputs outputs = source.outputs();
    String lineId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
    if (outputs == null) {
      return new EventsApi.Answer(404, "{\"error\":\"outputs are not kept by this monitor\"}");
    }
    if (source.lines().stream().noneMatch(l -> l.id().equals(lineId))) {
      return new EventsApi.Answer(404, "{\"error\":\"no such line\"}");
    }
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("lineId", lineId);
      g.writeArrayFieldStart("outputs");
      for (CheckOutput o : outputs.of(lineId)) {
        g.writeStartObject();
        CheckResultJson.instant(g, "time", o.time());
        g.writeStringField("routerId", o.routerId());
        g.writeStringField("platform", o.platform());
        g.writeStringField("command", o.command());
        g.writeStringField("status", o.status() == null ? null : o.status().wireName());
        g.writeStringField("failure", FailureKind.wireName(o.failure()));
        g.writeStringField("output", o.output());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return new EventsApi.Answer(200, out.toString());
  }
}
