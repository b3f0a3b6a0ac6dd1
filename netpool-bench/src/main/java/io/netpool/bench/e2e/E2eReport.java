package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Markdown tables of an e2e result JSON: one table per scenario, every variant side by side with
 * its ratio to netpool. {@code main} re-renders a saved file, and with {@code --doc} also replaces
 * the generated part of a markdown page (between {@link #BEGIN} and {@link #END}):
 *
 * <pre>
 * java -cp netpool-bench/target/benchmarks.jar io.netpool.bench.e2e.E2eReport \
 *     bench/results/e2e-X.json [--doc docs/benchmarks-e2e.md]
 * </pre>
 */
public final class E2eReport {
  static final String BEGIN = "<!-- GENERATED:e2e BEGIN (bench/e2e.sh rewrites this part) -->";
  static final String END = "<!-- GENERATED:e2e END -->";

  private E2eReport() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 && !(args.length == 3 && args[1].equals("--doc"))) {
      System.err.println("usage: E2eReport RESULT.json [--doc PAGE.md]");
      System.exit(2);
    }
    Path json = Path.of(args[0]);
    String tables = markdown(new ObjectMapper().readTree(json.toFile()));
    if (args.length == 3) {
      Path page = Path.of(args[2]);
      Files.writeString(
          page, replaceGenerated(Files.readString(page), tables, json), StandardCharsets.UTF_8);
      System.err.println("rewrote the generated part of " + page);
    } else {
      System.out.println(tables);
    }
  }

  /** The page with the text between the markers replaced by {@code tables}. */
  static String replaceGenerated(String page, String tables, Path source) {
    int b = page.indexOf(BEGIN);
    int e = page.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(
          "the page has no '" + BEGIN + "' ... '" + END + "' section to replace");
    }
    return page.substring(0, b + BEGIN.length())
        + "\n\nFrom `"
        + source
        + "`.\n\n"
        // one heading level down: the page's own section is "##"
        + tables.replace("\n### ", "\n#### ").replaceFirst("^## ", "### ")
        + "\n"
        + page.substring(e);
  }

  /** A table row: label, value from a variant's result, format, whether a ratio makes sense. */
  private record Row(
      String label, Function<JsonNode, JsonNode> value, String format, boolean ratio) {
    static Row of(String label, String field, String format, boolean ratio) {
      return new Row(label, r -> r.path(field), format, ratio);
    }
  }

  private static final List<Row> SWEEP_ROWS =
      List.of(
          Row.of("probes/s (verified results)", "probes_per_s", "%.1f", true),
          Row.of("due in window / verified", "due_in_window", "%.0f", false),
          Row.of("due→done p50 (ms)", "p50_ms", "%.1f", true),
          Row.of("due→done p90 (ms)", "p90_ms", "%.1f", true),
          Row.of("due→done p99 (ms)", "p99_ms", "%.1f", true),
          Row.of("due→done max (ms)", "max_ms", "%.1f", true),
          Row.of("SSH handshakes in window", "handshakes_window", "%.0f", true),
          Row.of("SSH handshakes, whole run (client)", "handshakes_total", "%.0f", true),
          Row.of("CPU seconds in window (client)", "cpu_s", "%.2f", true),
          Row.of("CPU ms per verified probe", "cpu_ms_per_probe", "%.3f", true),
          Row.of("peak heap (MB, pool peaks summed)", "heap_peak_mb", "%.1f", true),
          Row.of("max heap after a GC (MB)", "heap_after_gc_max_mb", "%.1f", true),
          Row.of("GCs in window", "gc_count", "%.0f", true),
          Row.of("peak platform threads", "threads_peak", "%.0f", true),
          Row.of("errors (failed probes)", "errors", "%.0f", false),
          Row.of("due but not done", "not_done", "%.0f", false),
          Row.of("wrong results", "wrong_results", "%.0f", false));

  /** The whole report: header, sweep table, scale table, commands. */
  public static String markdown(JsonNode report) {
    StringBuilder sb = new StringBuilder();
    JsonNode m = report.path("machine");
    sb.append("## netpool end-to-end benchmark (").append(report.path("mode").asText());
    sb.append(", ").append(report.path("started").asText()).append(")\n\n");
    sb.append("- machine: ").append(m.path("cpus").asText()).append(" CPUs (");
    sb.append(m.path("cpu_model").asText()).append("), ").append(m.path("memory").asText());
    sb.append(", ").append(m.path("os").asText()).append('\n');
    sb.append("- JDK: ").append(m.path("jdk").asText()).append('\n');
    sb.append("- load average (1/5/15 min) at start: ")
        .append(m.path("load_average_start").asText());
    sb.append(", at end: ").append(report.path("load_average_end").asText()).append('\n');
    if (report.hasNonNull("git_rev")) {
      sb.append("- revision: ").append(report.path("git_rev").asText()).append('\n');
    }
    sb.append("- valid: ").append(report.path("valid").asBoolean()).append("\n\n");
    if (report.has("sweep")) {
      sweep(sb, report.path("sweep"));
    }
    if (report.has("capacity")) {
      capacity(sb, report.path("capacity"));
    }
    if (report.has("scale")) {
      scale(sb, report.path("scale"));
    }
    sb.append("### Commands\n\n```\n");
    for (JsonNode v : commands(report)) {
      sb.append(v.asText()).append('\n');
    }
    sb.append("```\n");
    return sb.toString();
  }

  private static List<JsonNode> commands(JsonNode report) {
    List<JsonNode> list = new ArrayList<>();
    for (JsonNode v : report.path("sweep").path("variants")) {
      list.add(v.path("sim_command"));
      list.add(v.path("client_command"));
    }
    for (JsonNode v : report.path("capacity").path("variants")) {
      for (JsonNode step : v.path("steps")) {
        list.add(step.path("client_command"));
      }
    }
    JsonNode s = report.path("scale").path("result");
    if (!s.isMissingNode()) {
      list.add(s.path("sim_command"));
      list.add(s.path("client_command"));
    }
    return list;
  }

  private static void sweep(StringBuilder sb, JsonNode sweep) {
    JsonNode p = sweep.path("params");
    sb.append("### Ping sweep: ").append(p.path("routers").asInt()).append(" routers × ");
    sb.append(p.path("lines_per_router").asInt()).append(" lines, every ");
    sb.append(p.path("interval_ms").asInt()).append(" ms, command latency ");
    sb.append(p.path("command_latency_ms").asInt()).append(" ms, ");
    sb.append(p.path("measure_s").asInt()).append(" s measured after ");
    sb.append(p.path("warmup_s").asInt()).append(" s warm-up, ");
    sb.append(p.path("threads").asInt()).append(" concurrent checks / threads\n\n");
    List<JsonNode> variants = new ArrayList<>();
    sweep.path("variants").forEach(variants::add);
    JsonNode base = null;
    for (JsonNode v : variants) {
      if (v.path("name").asText().equals("netpool")) {
        base = v.path("result");
      }
    }
    sb.append("| |");
    StringBuilder rule = new StringBuilder("|---|");
    for (JsonNode v : variants) {
      String name = v.path("name").asText();
      sb.append(' ').append(name).append(" |");
      rule.append("---:|");
      if (!name.equals("netpool") && base != null) {
        sb.append(' ').append(name).append(" / netpool |");
        rule.append("---:|");
      }
    }
    sb.append('\n').append(rule).append('\n');
    for (Row row : SWEEP_ROWS) {
      sb.append("| ").append(row.label()).append(" |");
      for (JsonNode v : variants) {
        boolean isBase = v.path("name").asText().equals("netpool");
        JsonNode r = v.path("result");
        String cell = r.isMissingNode() ? "FAILED" : format(row.value().apply(r), row.format());
        if (row.label().startsWith("due in window") && !r.isMissingNode()) {
          cell = cell + " / " + r.path("probes_ok").asText();
        }
        sb.append(' ').append(cell).append(" |");
        if (!isBase && base != null) {
          sb.append(' ')
              .append(row.ratio() ? ratio(row.value().apply(r), row.value().apply(base)) : "")
              .append(" |");
        }
      }
      sb.append('\n');
    }
    sb.append('\n');
    for (JsonNode v : variants) {
      JsonNode r = v.path("result");
      sb.append("- ").append(v.path("name").asText()).append(": ");
      if (r.isMissingNode()) {
        sb.append("FAILED: ").append(v.path("failure").asText()).append('\n');
        continue;
      }
      sb.append("errors ").append(r.path("errors_by_kind")).append(", details ");
      sb.append(r.path("details")).append(", simulator ").append(v.path("sim"));
      sb.append(", client logins ").append(r.path("logins_total").asText()).append('\n');
      for (JsonNode sample : r.path("samples")) {
        sb.append("  - ").append(sample.asText()).append('\n');
      }
    }
    sb.append('\n');
  }

  /** One row per rate asked: per variant p99, CPU per probe and whether it was sustained. */
  private static void capacity(StringBuilder sb, JsonNode capacity) {
    JsonNode p = capacity.path("params");
    sb.append("### Capacity: the highest probe rate with every due probe delivered, verified and ");
    sb.append("due→done p99 under ").append(p.path("p99_limit_ms").asInt()).append(" ms (");
    sb.append(p.path("routers").asInt()).append(" routers × ");
    sb.append(p.path("lines_per_router").asInt()).append(" lines, command latency ");
    sb.append(p.path("command_latency_ms").asInt()).append(" ms, ");
    sb.append(p.path("measure_s").asInt()).append(" s measured per rate, ");
    sb.append(p.path("threads").asInt())
        .append(" concurrent checks / threads, logins unpaced)\n\n");
    List<JsonNode> variants = new ArrayList<>();
    capacity.path("variants").forEach(variants::add);
    sb.append("| probes/s asked |");
    for (JsonNode v : variants) {
      String n = v.path("variant").asText();
      sb.append(' ').append(n).append(" verified/s | ").append(n).append(" p99 ms | ");
      sb.append(n).append(" CPU ms/probe | ").append(n).append(" |");
    }
    sb.append("\n|---:|").append("---:|---:|---:|:---:|".repeat(variants.size())).append('\n');
    TreeSet<Integer> rates = new TreeSet<>();
    for (JsonNode v : variants) {
      v.path("steps").forEach(st -> rates.add(st.path("rate").asInt()));
    }
    for (int rate : rates) {
      sb.append("| ").append(rate).append(" |");
      for (JsonNode v : variants) {
        JsonNode st = null;
        for (JsonNode x : v.path("steps")) {
          if (x.path("rate").asInt() == rate) {
            st = x;
          }
        }
        if (st == null) {
          sb.append(" | | | not run |");
          continue;
        }
        sb.append(' ').append(cell(st, "probes_per_s", "%.1f")).append(" | ");
        sb.append(cell(st, "p99_ms", "%.1f")).append(" | ");
        sb.append(cell(st, "cpu_ms_per_probe", "%.3f")).append(" | ");
        sb.append(st.path("sustained").asBoolean() ? "yes" : "no: " + shortfall(st)).append(" |");
      }
      sb.append('\n');
    }
    sb.append('\n');
    JsonNode base = null;
    for (JsonNode v : variants) {
      sb.append("- ").append(v.path("variant").asText()).append(": highest sustained rate ");
      sb.append(format(v.path("sustained_rate"), "%.0f")).append(" probes/s");
      if (base == null) {
        base = v.path("sustained_rate");
      } else {
        sb.append(" (first variant / this one: ");
        sb.append(ratio(base, v.path("sustained_rate"))).append(')');
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  /** Why a capacity step was not sustained, in a few words. */
  private static String shortfall(JsonNode st) {
    if (st.has("failure")) {
      return "failed";
    }
    List<String> why = new ArrayList<>();
    long missing = st.path("due_in_window").asLong() - st.path("probes_ok").asLong();
    if (missing > 0) {
      why.add(missing + " of " + st.path("due_in_window").asLong() + " not delivered");
    }
    if (st.path("errors").asLong() > 0) {
      why.add(st.path("errors").asLong() + " errors");
    }
    if (st.path("p99_ms").asDouble() >= CapacityRamp.P99_LIMIT_MS) {
      why.add("p99 over the limit");
    }
    return why.isEmpty() ? "see JSON" : String.join(", ", why);
  }

  private static void scale(StringBuilder sb, JsonNode scale) {
    JsonNode p = scale.path("params");
    JsonNode v = scale.path("result");
    JsonNode r = v.path("result");
    sb.append("### Scale: ").append(p.path("devices").asInt());
    sb.append(" simulated devices, one pooled CLI session each (netpool)\n\n");
    if (r.isMissingNode()) {
      sb.append("FAILED: ").append(v.path("failure").asText()).append("\n\n");
      return;
    }
    String every = "every " + p.path("interval_ms").asInt() + " ms";
    sb.append("| | netpool |\n|---|---:|\n");
    row(sb, "devices", cell(r, "devices", "%.0f"));
    row(sb, "warm-up: all sessions open (s)", cell(r, "warmup_s", "%.1f"));
    row(sb, "warm-up: sessions opening at once, at most", cell(r, "warmup_concurrency", "%.0f"));
    row(sb, "sessions open after warm-up", cell(r, "sessions_open", "%.0f"));
    row(sb, "warm-up failures", cell(r, "warmup_failures", "%.0f"));
    row(
        sb,
        "heap per idle session (KB, live heap delta / sessions)",
        cell(r, "heap_per_session_kb", "%.1f"));
    row(
        sb,
        "live heap before / after warm-up (MB)",
        cell(r, "heap_before_mb", "%.1f") + " / " + cell(r, "heap_after_mb", "%.1f"));
    row(
        sb,
        "live platform threads before / after warm-up",
        cell(r, "threads_before", "%.0f") + " / " + cell(r, "threads_live", "%.0f"));
    row(sb, "steady state: probes/s (" + every + ")", cell(r, "probes_per_s", "%.1f"));
    row(sb, "steady state: CPU ms per verified probe", cell(r, "cpu_ms_per_probe", "%.3f"));
    row(sb, "steady state: CPU cores busy (client)", cell(r, "cpu_cores_busy", "%.2f"));
    row(
        sb,
        "steady state: due→done p50 / p99 (ms)",
        cell(r, "p50_ms", "%.1f") + " / " + cell(r, "p99_ms", "%.1f"));
    row(sb, "steady state: SSH handshakes", cell(r, "handshakes_window", "%.0f"));
    row(sb, "steady state: peak platform threads", cell(r, "threads_peak", "%.0f"));
    row(
        sb,
        "steady state: errors / not done / wrong",
        cell(r, "errors", "%.0f")
            + " / "
            + cell(r, "not_done", "%.0f")
            + " / "
            + cell(r, "wrong_results", "%.0f"));
    sb.append("\n- errors ").append(r.path("errors_by_kind")).append(", simulator ");
    sb.append(v.path("sim")).append('\n');
    for (JsonNode sample : r.path("samples")) {
      sb.append("  - ").append(sample.asText()).append('\n');
    }
    sb.append('\n');
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append("| ").append(label).append(" | ").append(value).append(" |\n");
  }

  private static String cell(JsonNode result, String field, String format) {
    return format(result.path(field), format);
  }

  private static String format(JsonNode v, String format) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "n/a";
    }
    return v.isNumber() ? String.format(Locale.ROOT, format, v.asDouble()) : v.asText();
  }

  private static String ratio(JsonNode v, JsonNode base) {
    if (v == null || base == null || !v.isNumber() || !base.isNumber() || base.asDouble() == 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2f×", v.asDouble() / base.asDouble());
  }
}
