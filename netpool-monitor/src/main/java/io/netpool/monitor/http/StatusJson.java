package io.netpool.monitor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.state.LineStateTracker;
import io.netpool.monitor.status.AaaGroupInfo;
import io.netpool.monitor.status.DeviceInfo;
import io.netpool.monitor.status.LineHistory;
import io.netpool.monitor.status.LineInfo;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.PoolSnapshot.Counts;
import io.netpool.pool.PoolSnapshot.DeviceSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the {@code /api/status} and {@code /health} documents (shape in docs/observability.md).
 */
final class StatusJson {

  /** Results per line in {@code history}. */
  static final int HISTORY = 30;

  private StatusJson() {}

  static void health(OutputStream out, Instant now, Duration uptime, int lines) throws IOException {
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "ok");
      g.writeStringField("time", now.toString());
      g.writeNumberField("uptimeSeconds", uptime.toSeconds());
      g.writeNumberField("lines", lines);
      g.writeEndObject();
    }
  }

  static void status(OutputStream out, StatusSource source, Instant now, Duration uptime)
      throws IOException {
    List<LineInfo> lines = source.lines();
    List<DeviceInfo> devices = source.devices();
    Map<String, LineHistory> results = source.results().snapshot();
    PoolSnapshot pool = source.pool();
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", now.toString());
      g.writeNumberField("uptimeSeconds", uptime.toSeconds());

      g.writeArrayFieldStart("lines");
      for (LineInfo line : lines) {
        writeLine(g, line, results.get(line.id()), source.states());
      }
      g.writeEndArray();

      g.writeArrayFieldStart("devices");
      for (DeviceInfo d : devices) {
        writeDevice(g, d, lines, pool);
      }
      g.writeEndArray();

      writeAaaGroups(g, source.aaaGroups());

      g.writeFieldName("pool");
      if (pool == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        g.writeBooleanField("closed", pool.closed());
        g.writeNumberField("maxSessions", pool.maxSessionsTotal());
        writeCounts(g, pool.totals());
        g.writeNumberField("sessionsCreated", pool.sessionsCreated());
        g.writeNumberField("sessionsClosed", pool.sessionsClosed());
        g.writeEndObject();
      }
      ClusterJson.write(g, source.cluster());
      g.writeEndObject();
    }
  }

  /** {@code "aaaGroups": [{name, limits, counters}]}: empty when the file has no groups. */
  private static void writeAaaGroups(JsonGenerator g, List<AaaGroupInfo> groups)
      throws IOException {
    g.writeArrayFieldStart("aaaGroups");
    for (AaaGroupInfo a : groups) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      g.writeNumberField("maxConcurrentLogins", a.maxConcurrentLogins());
      g.writeNumberField("loginsPerSecond", a.loginsPerSecond());
      g.writeNumberField("inProgress", a.inProgress());
      g.writeNumberField("waiting", a.waiting());
      g.writeNumberField("started", a.started());
      g.writeNumberField("throttled", a.throttled());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeLine(
      JsonGenerator g, LineInfo line, LineHistory h, LineStateTracker states) throws IOException {
    CheckResult r = h == null ? null : h.latest();
    PingResult p = r == null ? null : r.ping();
    g.writeStartObject();
    g.writeStringField("id", line.id());
    g.writeStringField("router", line.router());
    g.writeStringField("target", line.target());
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : new TreeMap<>(line.tags()).entrySet()) {
      g.writeStringField(t.getKey(), t.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("probes");
    for (String probe : line.probes()) {
      g.writeString(probe);
    }
    g.writeEndArray();
    g.writeStringField("status", p == null ? "pending" : p.status().wireName());
    if (states != null) {
      LineStateTracker.LineState st = states.state(line.id());
      g.writeStringField("state", st.condition().wireName());
      g.writeStringField("stateCause", st.cause());
      CheckResultJson.instant(g, "stateSince", st.since());
    }
    if (p == null) {
      g.writeNullField("lossPercent");
      CheckResultJson.rtts(g, null);
      g.writeNullField("sent");
      g.writeNullField("received");
      g.writeNullField("lastCheck");
      g.writeNullField("failure");
      g.writeNullField("error");
    } else {
      CheckResultJson.decimal(g, "lossPercent", p.lossPercent());
      CheckResultJson.rtts(g, p);
      g.writeNumberField("sent", p.sent());
      g.writeNumberField("received", p.received());
      CheckResultJson.instant(g, "lastCheck", r.finished());
      g.writeStringField("failure", FailureKind.wireName(r.failure()));
      g.writeStringField("error", p.error());
    }
    // how the latest check's session reached the router: a Telnet fallback shows here
    CheckResultJson.transport(g, r == null ? null : r.transport());
    // what the line's other probe types read (probe: sla), next to the measurement above
    g.writeObjectFieldStart("readings");
    if (r != null) {
      for (ProbeReading reading : r.readings()) {
        g.writeFieldName(reading.probe());
        CheckResultJson.reading(g, reading);
      }
    }
    g.writeEndObject();
    g.writeNumberField("checks", h == null ? 0 : h.accepted());
    // skipped checks (router busy) leave the status above in place and make it late
    g.writeBooleanField("late", h != null && h.late());
    CheckResultJson.instant(g, "lateSince", h == null ? null : h.lateSince());
    g.writeNumberField("skipped", h == null ? 0 : h.skippedSinceLatest());
    g.writeStringField(
        "skipReason",
        h == null || h.lastSkip() == null ? null : SkipReason.wireName(h.lastSkip().skipReason()));
    g.writeArrayFieldStart("history");
    if (h != null) {
      for (CheckResult c : h.recent(HISTORY)) {
        g.writeStartObject();
        CheckResultJson.instant(g, "time", c.finished());
        g.writeStringField("status", c.ping().status().wireName());
        CheckResultJson.decimal(g, "lossPercent", c.ping().lossPercent());
        CheckResultJson.decimal(g, "rttAvgMs", c.ping().rttAvgMs());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeDevice(
      JsonGenerator g, DeviceInfo d, List<LineInfo> lines, PoolSnapshot pool) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", d.id());
    g.writeStringField("platform", d.platform());
    g.writeStringField("protocol", d.protocol());
    g.writeNumberField("lines", lines.stream().filter(l -> d.id().equals(l.router())).count());
    Counts counts = Counts.ZERO;
    int cap = 0;
    String circuit = null;
    int failures = 0;
    boolean seen = false;
    if (pool != null) {
      for (DeviceSnapshot s : pool.devices()) {
        if (s.deviceId().equals(d.id())
            && (d.protocol() == null || s.protocol().name().equals(d.protocol()))) {
          seen = true;
          counts = counts.plus(s.counts());
          cap = Math.max(cap, s.cap());
          failures = Math.max(failures, s.consecutiveFailures());
          String c = s.circuit().name().toLowerCase(Locale.ROOT);
          // the worst state wins when several protocols are pooled
          if (circuit == null || rank(c) > rank(circuit)) {
            circuit = c;
          }
        }
      }
    }
    g.writeFieldName("pool");
    if (!seen) {
      g.writeNull();
    } else {
      g.writeStartObject();
      writeCounts(g, counts);
      g.writeNumberField("maxSessions", cap);
      g.writeStringField("circuit", circuit);
      g.writeNumberField("consecutiveFailures", failures);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static int rank(String circuit) {
    return switch (circuit) {
      case "open" -> 2;
      case "half_open" -> 1;
      default -> 0;
    };
  }

  private static void writeCounts(JsonGenerator g, Counts c) throws IOException {
    g.writeNumberField("sessions", c.total());
    g.writeNumberField("idle", c.idle());
    g.writeNumberField("inUse", c.inUse());
    g.writeNumberField("creating", c.creating());
    g.writeNumberField("pending", c.pending());
  }

  /** {@code {"ready":bool,"reasons":[...]}} for {@code /readyz}. */
  static void readiness(OutputStream out, boolean ready, List<String> reasons) throws IOException {
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ready", ready);
      g.writeArrayFieldStart("reasons");
      for (String r : reasons) {
        g.writeString(r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
