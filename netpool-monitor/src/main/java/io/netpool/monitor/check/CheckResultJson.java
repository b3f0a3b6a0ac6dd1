package io.netpool.monitor.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.netpool.monitor.ping.PingResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of a {@link CheckResult}, one object, fields in this order:
 *
 * <pre>
 * lineId, routerId, target      strings (routerId/target null when unknown)
 * due, started, finished        ISO-8601 UTC instants as strings, or null
 * status                        "ok" | "degraded" | "down" | "unreachable" | "error" | "skipped"
 * sent, received                integers
 * lossPercent                   number with the device's decimals kept (20.00), null with status error
 * rttMinMs, rttAvgMs, rttMaxMs  numbers in ms, null when no reply came
 * rttMedianMs, rttStddevMs,     numbers in ms ({@link io.netpool.monitor.ping.RttStats}), null when
 *   jitterMs                    no reply came or the platform printed no per-reply times
 * rttsMs                        array of every reply's time in ms in order, or null (summary only)
 * duplicates, errors            integers, or null where the platform has no such count
 * failure                       lower-case {@link FailureKind} name ("router_unreachable"), or null
 * error                         text when status is error, else null
 * command                       the command sent to the router, or null
 * skipReason                    lower-case {@link SkipReason} ("router_busy") with status skipped, else null
 * transport                     "ssh" | "telnet": how the session reached the router, or null (no session)
 * fallbackReason                why the session is on Telnet although SSH comes first
 *                               ("ssh: connection refused"), else null
 * readings                      only when the line runs a probe type other than ping (probe: sla):
 *                               an object by type name, each {@link #reading}
 * </pre>
 *
 * Decimals are written as JSON numbers in plain notation, never as strings.
 */
public final class CheckResultJson {

  /** Shared, thread-safe generator factory: BigDecimal in plain notation. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private CheckResultJson() {}

  /** One result as a single-line JSON object (no trailing newline). */
  public static String toJson(CheckResult result) {
    StringWriter out = new StringWriter(384);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return out.toString();
  }

  /** Writes one result as a JSON object. */
  public static void write(JsonGenerator g, CheckResult r) throws IOException {
    PingResult p = r.ping();
    g.writeStartObject();
    g.writeStringField("lineId", r.lineId());
    g.writeStringField("routerId", r.routerId());
    g.writeStringField("target", r.target());
    instant(g, "due", r.due());
    if (r.slot() != null) {
      g.writeNumberField("slot", r.slot());
    }
    instant(g, "started", r.started());
    instant(g, "finished", r.finished());
    g.writeStringField("status", p.status().wireName());
    g.writeNumberField("sent", p.sent());
    g.writeNumberField("received", p.received());
    decimal(g, "lossPercent", p.lossPercent());
    rtts(g, p);
    g.writeStringField("failure", FailureKind.wireName(r.failure()));
    g.writeStringField("error", p.error());
    g.writeStringField("command", r.command());
    g.writeStringField("skipReason", SkipReason.wireName(r.skipReason()));
    transport(g, r.transport());
    if (!r.readings().isEmpty()) {
      g.writeObjectFieldStart("readings");
      for (ProbeReading reading : r.readings()) {
        g.writeFieldName(reading.probe());
        reading(g, reading);
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * Writes one probe type's reading as an object: {@code status}, {@code failure}, {@code message},
   * {@code command}, then its facts (strings) and values (numbers, named {@link
   * ProbeReading.Value#jsonName()}: {@code rttAvgMs}, {@code lossPercent}, {@code jitterSdMs},
   * ...), leaving out what the router did not print.
   */
  public static void reading(JsonGenerator g, ProbeReading r) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", r.status());
    g.writeStringField("failure", r.failureName());
    g.writeStringField("message", r.message());
    g.writeStringField("command", r.command());
    for (var fact : r.facts().entrySet()) {
      g.writeStringField(fact.getKey(), fact.getValue());
    }
    for (ProbeReading.Value v : r.values()) {
      g.writeFieldName(v.jsonName());
      if (v.unit() == ProbeReading.Unit.COUNT && v.value() == Math.rint(v.value())) {
        g.writeNumber((long) v.value());
      } else {
        g.writeNumber(BigDecimal.valueOf(v.value()));
      }
    }
    g.writeEndObject();
  }

  /** Writes {@code transport} and {@code fallbackReason} (both null without a transport). */
  public static void transport(JsonGenerator g, SessionTransport t) throws IOException {
    g.writeStringField("transport", t == null ? null : t.name());
    g.writeStringField("fallbackReason", t == null ? null : t.fallbackReason());
  }

  /**
   * Writes the round-trip fields of {@code p} (all null when {@code p} is null): {@code rttMinMs,
   * rttAvgMs, rttMaxMs, rttMedianMs, rttStddevMs, jitterMs, rttsMs, duplicates, errors}.
   */
  public static void rtts(JsonGenerator g, PingResult p) throws IOException {
    decimal(g, "rttMinMs", p == null ? null : p.rttMinMs());
    decimal(g, "rttAvgMs", p == null ? null : p.rttAvgMs());
    decimal(g, "rttMaxMs", p == null ? null : p.rttMaxMs());
    decimal(g, "rttMedianMs", p == null ? null : p.rttMedianMs());
    decimal(g, "rttStddevMs", p == null ? null : p.rttStddevMs());
    decimal(g, "jitterMs", p == null ? null : p.jitterMs());
    List<BigDecimal> all = p == null ? null : p.rttsMs();
    g.writeFieldName("rttsMs");
    if (all == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (BigDecimal v : all) {
        g.writeNumber(v);
      }
      g.writeEndArray();
    }
    integer(g, "duplicates", p == null ? null : p.duplicates());
    integer(g, "errors", p == null ? null : p.errors());
  }

  private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value.intValue());
    }
  }

  /** Writes a decimal as a JSON number, or null. */
  public static void decimal(JsonGenerator g, String name, BigDecimal value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  /** Writes an instant as an ISO-8601 string, or null. */
  public static void instant(JsonGenerator g, String name, Instant value) throws IOException {
    g.writeStringField(name, value == null ? null : value.toString());
  }
}
