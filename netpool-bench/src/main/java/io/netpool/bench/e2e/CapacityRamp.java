package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The capacity scenario: one variant swept at rising probe rates (each rate a fresh simulator and
 * client, the rate set by the interval: {@code routers x lines / interval}) until a rate is not
 * sustained. Sustained means every probe due in the window delivered a verified result (no error,
 * none missing, none wrong) and due→done p99 stayed under {@link #P99_LIMIT_MS}. The variant's
 * capacity is the highest sustained rate.
 */
final class CapacityRamp {
  static final double P99_LIMIT_MS = 1_000;

  /** Runs one step: the sweep client's result (with {@code valid}) for this probe interval. */
  interface Step {
    ObjectNode run(int rate, int intervalMs) throws IOException, InterruptedException;
  }

  private CapacityRamp() {}

  /** Steps through {@code rates} (ascending) until one fails; writes them into {@code out}. */
  static void ramp(List<Integer> rates, int totalLines, Step step, ObjectNode out)
      throws IOException, InterruptedException {
    ArrayNode steps = out.putArray("steps");
    Integer sustained = null;
    boolean valid = true;
    for (int rate : rates) {
      int intervalMs = (int) Math.round(totalLines * 1000.0 / rate);
      ObjectNode r = step.run(rate, intervalMs);
      JsonNode result = r.path("result");
      ObjectNode s = steps.addObject();
      s.put("rate", rate);
      s.put("interval_ms", intervalMs);
      for (String f :
          List.of(
              "due_in_window",
              "probes_ok",
              "probes_per_s",
              "errors",
              "not_done",
              "wrong_results",
              "p50_ms",
              "p99_ms",
              "cpu_ms_per_probe",
              "cpu_cores_busy")) {
        s.set(f, result.path(f).isMissingNode() ? null : result.path(f));
      }
      s.put("client_command", r.path("client_command").asText());
      if (r.has("failure")) {
        s.put("failure", r.path("failure").asText());
      }
      valid &= result.path("wrong_results").asLong() == 0;
      boolean ok = sustained(r);
      s.put("sustained", ok);
      if (!ok) {
        break;
      }
      sustained = rate;
    }
    if (sustained == null) {
      out.putNull("sustained_rate");
    } else {
      out.put("sustained_rate", sustained);
    }
    out.put("valid", valid);
  }

  /** Whether a step's client delivered every due probe, correct and in time. */
  static boolean sustained(JsonNode pairResult) {
    JsonNode r = pairResult.path("result");
    return pairResult.path("valid").asBoolean()
        && r.path("due_in_window").asLong() > 0
        && r.path("probes_ok").asLong() == r.path("due_in_window").asLong()
        && r.path("errors").asLong() == 0
        && r.path("not_done").asLong() == 0
        && r.path("wrong_results").asLong() == 0
        && r.path("p99_ms").isNumber()
        && r.path("p99_ms").asDouble() < P99_LIMIT_MS;
  }
}
