package io.netpool.monitor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netpool.monitor.cluster.ClusterStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code "cluster"} of {@code /api/status}: null when the node runs alone; else the view, every
 * member with what it last said, the problems, and the owner of every line of the whole inventory.
 */
final class ClusterJson {
  private ClusterJson() {}

  static void write(JsonGenerator g, ClusterStatus c) throws IOException {
    g.writeFieldName("cluster");
    if (c == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("node", c.self());
    g.writeNumberField("viewId", c.viewId());
    g.writeStringField("coordinator", c.coordinator());
    g.writeNumberField("quorum", c.quorum());
    g.writeStringField("inventory", c.inventory());
    List<String> problems = c.problems();
    g.writeBooleanField("healthy", problems.isEmpty());
    g.writeArrayFieldStart("problems");
    for (String p : problems) {
      g.writeString(p);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("warnings");
    for (String w : c.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("members");
    for (ClusterStatus.Member m : c.members()) {
      g.writeStartObject();
      g.writeStringField("node", m.node());
      g.writeStringField("statusUrl", m.statusUrl());
      if (m.devices() >= 0) {
        g.writeNumberField("devices", m.devices());
        g.writeNumberField("lines", m.lines());
      } else {
        g.writeNullField("devices");
        g.writeNullField("lines");
      }
      g.writeStringField("inventory", m.inventory());
      g.writeBooleanField("self", m.node().equals(c.self()));
      g.writeBooleanField("coordinator", m.node().equals(c.coordinator()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("owners");
    for (Map.Entry<String, String> e : c.owners().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
