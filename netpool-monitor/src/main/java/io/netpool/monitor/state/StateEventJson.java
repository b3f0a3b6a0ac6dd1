package io.netpool.monitor.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.check.FailureKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON form of state changes, in the JSON lines output (next to the results, told apart by
 * their {@code event} field) and in {@code /api/events}:
 *
 * <pre>
 * {"event":"line_state","seq":7,"time":"...","lineId":"l1","routerId":"r1","from":"up","to":"down",
 *  "cause":"100% loss","byRouter":false}
 * {"event":"router_state","seq":8,"time":"...","routerId":"r1","state":"failed",
 *  "failure":"auth_failed","lines":20}
 * </pre>
 *
 * {@code seq} counts the monitor's events from 1 (0 in the JSON lines output, which has no
 * numbers).
 */
public final class StateEventJson {
  private StateEventJson() {}

  public static String toJson(StateChange c, long seq) {
    return json(
        g -> {
          g.writeStringField("event", "line_state");
          g.writeNumberField("seq", seq);
          CheckResultJson.instant(g, "time", c.at());
          g.writeStringField("lineId", c.lineId());
          g.writeStringField("routerId", c.routerId());
          g.writeStringField("from", c.from().wireName());
          g.writeStringField("to", c.to().wireName());
          g.writeStringField("cause", c.cause());
          g.writeBooleanField("byRouter", c.byRouter());
        });
  }

  public static String toJson(RouterChange c, long seq) {
    return json(
        g -> {
          g.writeStringField("event", "router_state");
          g.writeNumberField("seq", seq);
          CheckResultJson.instant(g, "time", c.at());
          g.writeStringField("routerId", c.routerId());
          g.writeStringField("state", c.failed() ? "failed" : "usable");
          g.writeStringField("failure", FailureKind.wireName(c.failure()));
          g.writeNumberField("lines", c.lines());
        });
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(Fields fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = CheckResultJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return out.toString();
  }
}
