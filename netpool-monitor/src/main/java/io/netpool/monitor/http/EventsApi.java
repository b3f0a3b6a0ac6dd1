package io.netpool.monitor.http;

import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.state.StateEvents;
import io.netpool.monitor.status.LineInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/events?line=ID&after=SEQ&limit=N}: the last state changes of lines and routers
 * (docs/observability.md), oldest first; {@code line} keeps that line's events and its router's,
 * {@code after} the events newer than a number seen before (poll with the last {@code seq}), {@code
 * limit} (1..1000, default 100) the newest that many.
 */
final class EventsApi {
  static final int DEFAULT_LIMIT = 100;

  /** The answer: HTTP status and JSON body. */
  record Answer(int status, String json) {}

  private EventsApi() {}

  static Answer answer(String rawQuery, StatusSource source) {
    StateEvents events = source.events();
    if (events == null) {
      return new Answer(404, "{\"error\":\"events are not kept by this monitor\"}");
    }
    Map<String, String> q = query(rawQuery);
    String line = q.get("line");
    String router = null;
    if (line != null) {
      if (!Fields.isId(line)) {
        return new Answer(400, "{\"error\":\"line is not a line id\"}");
      }
      router =
          source.lines().stream()
              .filter(l -> l.id().equals(line))
              .map(LineInfo::router)
              .findFirst()
              .orElse(null);
    }
    long after;
    int limit;
    try {
      after = Long.parseLong(q.getOrDefault("after", "0"));
      limit = Integer.parseInt(q.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
    } catch (NumberFormatException e) {
      return new Answer(400, "{\"error\":\"after and limit must be integers\"}");
    }
    if (after < 0 || limit < 1 || limit > StateEvents.DEFAULT_CAPACITY) {
      return new Answer(400, "{\"error\":\"after must be >= 0 and limit 1..1000\"}");
    }
    List<StateEvents.Event> found = events.after(after, line, router, limit);
    StringBuilder json = new StringBuilder(128 + 200 * found.size());
    json.append("{\"lastSeq\":").append(events.lastSeq()).append(",\"events\":[");
    for (int i = 0; i < found.size(); i++) {
      json.append(i == 0 ? "" : ",").append(found.get(i).json());
    }
    return new Answer(200, json.append("]}").toString());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
