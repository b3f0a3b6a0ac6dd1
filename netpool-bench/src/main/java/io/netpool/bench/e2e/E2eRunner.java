package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end benchmark: for each sweep variant a fresh simulator JVM ({@link SimHost}) and a
 * fresh client JVM ({@link SweepClient}), then the scale scenario (one {@link SimHost} per 5,000
 * devices, {@link SimFleet}, + {@link ScaleClient}); collects their {@code RESULT} lines and the
 * simulator's own counts into one JSON file and prints the markdown tables ({@link E2eReport}).
 * Exit status 0, or 1 when a variant failed or returned a wrong result.
 *
 * <pre>
 * java -cp netpool-bench/target/benchmarks.jar io.netpool.bench.e2e.E2eRunner --quick --out r.json
 * </pre>
 */
public final class E2eRunner {
  private static final List<String> OPTIONS =
      List.of(
          "out",
          "routers",
          "lines",
          "interval-ms",
          "command-latency-ms",
          "rtt-min-ms",
          "rtt-max-ms",
          "warmup-s",
          "measure-s",
          "tail-s",
          "drain-s",
          "threads",
          "variants",
          "client-heap",
          "sim-heap",
          "scale-devices",
          "scale-interval-ms",
          "scale-settle-s",
          "scale-measure-s",
          "scale-sims",
          "jfr-dir",
          "git-rev",
          "capacity-rates",
          "capacity-variants",
          "capacity-measure-s");
  private static final List<String> FLAGS = List.of("quick", "no-sweep", "no-scale", "no-capacity");

  /** Devices per simulator process in the scale scenario: 2 descriptors each, under 20,000. */
  private static final int SIM_DEVICES = 5_000;

  private final Args args;
  private final boolean quick;
  private final Path work;
  private final Map<String, String> env;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private E2eRunner(Args args, Path work) {
    this.args = args;
    this.quick = args.flag("quick");
    this.work = work;
    byte[] pw = new byte[18];
    new SecureRandom().nextBytes(pw);
    // A fresh password per run, passed to both sides in the environment, never printed.
    this.env = Map.of(SimHost.PASSWORD_ENV, Base64.getUrlEncoder().encodeToString(pw));
  }

  public static void main(String[] argv) throws Exception {
    Args a;
    try {
      a = Args.parse(argv, OPTIONS, FLAGS);
    } catch (IllegalArgumentException e) {
      System.err.println("E2eRunner: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("netpool-e2e-");
    ObjectNode report = new E2eRunner(a, work).run();
    Path out = Path.of(a.string("out", "e2e-result.json"));
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(
        out,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report),
        StandardCharsets.UTF_8);
    System.out.println(E2eReport.markdown(report));
    System.out.println("results: " + out + " (child logs: " + work + ")");
    System.exit(report.path("valid").asBoolean() ? 0 : 1);
  }

  private int opt(String name, int quickValue, int fullValue) {
    return args.integer(name, quick ? quickValue : fullValue);
  }

  private ObjectNode run() throws IOException, InterruptedException {
    ObjectNode report = json.createObjectNode();
    report.put("started", Instant.now().toString());
    report.put("mode", quick ? "quick" : "full");
    report.put("git_rev", args.string("git-rev", null));
    report.set("machine", MachineInfo.describe(json));
    boolean valid = true;
    if (!args.flag("no-sweep")) {
      ObjectNode sweep = sweep();
      valid &= sweep.path("valid").asBoolean();
      report.set("sweep", sweep);
    }
    if (!args.flag("no-capacity")) {
      ObjectNode capacity = capacity();
      valid &= capacity.path("valid").asBoolean();
      report.set("capacity", capacity);
    }
    if (!args.flag("no-scale")) {
      ObjectNode scale = scale();
      valid &= scale.path("valid").asBoolean();
      report.set("scale", scale);
    }
    report.put("load_average_end", MachineInfo.loadAverage());
    report.put("finished", Instant.now().toString());
    report.put("valid", valid);
    return report;
  }

  // ---- sweep

  private ObjectNode sweep() throws IOException, InterruptedException {
    ObjectNode s = json.createObjectNode();
    int routers = opt("routers", 20, 200);
    int lines = opt("lines", 5, 10);
    int interval = opt("interval-ms", 2_000, 10_000);
    int latency = opt("command-latency-ms", 50, 50);
    int warmup = opt("warmup-s", 8, 20);
    int measure = opt("measure-s", 15, 60);
    int tail = opt("tail-s", 5, 5);
    int drain = opt("drain-s", 20, 30);
    int threads = opt("threads", 64, 64);
    String heap = args.string("client-heap", "1g");
    ObjectNode params = s.putObject("params");
    params.put("routers", routers);
    params.put("lines_per_router", lines);
    params.put("interval_ms", interval);
    params.put("command_latency_ms", latency);
    params.put("rtt_ms", rttMin() + "-" + rttMax());
    params.put("warmup_s", warmup);
    params.put("measure_s", measure);
    params.put("tail_s", tail);
    params.put("threads", threads);
    params.put("client_heap", heap);
    ArrayNode variants = s.putArray("variants");
    boolean valid = true;
    for (String v : args.string("variants", String.join(",", SweepClient.VARIANTS)).split(",")) {
      String variant = v.strip();
      if (!SweepClient.VARIANTS.contains(variant)
          && !SweepClient.EXTRA_VARIANTS.contains(variant)) {
        throw new IllegalArgumentException("--variants: unknown variant '" + variant + "'");
      }
      Path dir = work.resolve("sweep-" + variant);
      List<String> simArgs = simArgs(dir, routers, lines, latency);
      List<String> clientArgs =
          sweepClientArgs(variant, dir, interval, warmup, measure, tail, drain, threads);
      System.err.printf("== sweep %s: %d routers x %d lines%n", variant, routers, lines);
      ObjectNode r =
          runPair(
              variant,
              dir,
              1,
              simArgs,
              SweepClient.class.getName(),
              clientArgs,
              clientJvm(heap, variant),
              Duration.ofSeconds(warmup + measure + tail + drain + 120));
      valid &= r.path("valid").asBoolean();
      variants.add(r);
    }
    s.put("valid", valid);
    return s;
  }

  // ---- capacity

  /**
   * The highest probe rate each variant sustains (see {@link CapacityRamp}): the sweep's fleet at
   * rising rates, logins unpaced for every variant (the simulator is local), 64 concurrent checks.
   */
  private ObjectNode capacity() throws IOException, InterruptedException {
    ObjectNode c = json.createObjectNode();
    int routers = opt("routers", 20, 200);
    int lines = opt("lines", 5, 10);
    int latency = opt("command-latency-ms", 50, 50);
    int measure = opt("capacity-measure-s", 10, 20);
    int threads = opt("threads", 64, 64);
    String heap = args.string("client-heap", "1g");
    String defaultRates = quick ? "100,200,400,600" : "200,400,600,800,1000,1200,1400,1600";
    List<Integer> rates = new ArrayList<>();
    for (String r : args.string("capacity-rates", defaultRates).split(",")) {
      rates.add(Integer.parseInt(r.strip()));
    }
    ObjectNode params = c.putObject("params");
    params.put("routers", routers);
    params.put("lines_per_router", lines);
    params.put("command_latency_ms", latency);
    params.put("measure_s", measure);
    params.put("threads", threads);
    params.put("p99_limit_ms", CapacityRamp.P99_LIMIT_MS);
    params.put("rates", rates.toString());
    ArrayNode variants = c.putArray("variants");
    boolean valid = true;
    for (String v : args.string("capacity-variants", "netpool,cp2").split(",")) {
      String variant = v.strip();
      ObjectNode out = variants.addObject();
      out.put("variant", variant);
      CapacityRamp.ramp(
          rates,
          routers * lines,
          (rate, intervalMs) -> {
            String name = "capacity-" + variant + "-" + rate;
            Path dir = work.resolve(name);
            System.err.printf("== capacity %s: %d probes/s%n", variant, rate);
            return runPair(
                name,
                dir,
                1,
                simArgs(dir, routers, lines, latency),
                SweepClient.class.getName(),
                sweepClientArgs(variant, dir, intervalMs, 10, measure, 5, 20, threads),
                clientJvm(heap, name),
                Duration.ofSeconds(10 + measure + 5 + 20 + 120));
          },
          out);
      valid &= out.path("valid").asBoolean();
    }
    c.put("valid", valid);
    return c;
  }

  /**
   * The arguments of one {@link SweepClient}. Logins are unpaced for every variant: paced, the
   * monitor's 350-odd logins (10 per second) outlast the warm-up; the simulator is local.
   */
  private static List<String> sweepClientArgs(
      String variant,
      Path dir,
      int intervalMs,
      int warmupS,
      int measureS,
      int tailS,
      int drainS,
      int threads) {
    return List.of(
        "--variant",
        variant,
        "--dir",
        dir.toString(),
        "--interval-ms",
        Integer.toString(intervalMs),
        "--warmup-s",
        Integer.toString(warmupS),
        "--measure-s",
        Integer.toString(measureS),
        "--tail-s",
        Integer.toString(tailS),
        "--drain-s",
        Integer.toString(drainS),
        "--threads",
        Integer.toString(threads),
        "--unpaced-logins");
  }

  // ---- scale

  private ObjectNode scale() throws IOException, InterruptedException {
    ObjectNode s = json.createObjectNode();
    int devices = opt("scale-devices", 1_000, 10_000);
    int interval = opt("scale-interval-ms", 10_000, 20_000);
    int settle = opt("scale-settle-s", 11, 20);
    int measure = opt("scale-measure-s", 15, 60);
    int latency = opt("command-latency-ms", 50, 50);
    // a simulator holds two descriptors per device: at most this many devices per process
    int sims = args.integer("scale-sims", (devices + SIM_DEVICES - 1) / SIM_DEVICES);
    ObjectNode params = s.putObject("params");
    params.put("devices", devices);
    params.put("simulator_processes", sims);
    params.put("interval_ms", interval);
    params.put("settle_s", settle);
    params.put("measure_s", measure);
    params.put("command_latency_ms", latency);
    params.put("client_heap", "2g");
    Path dir = work.resolve("scale");
    List<String> clientArgs =
        List.of(
            "--dir", dir.toString(),
            "--interval-ms", Integer.toString(interval),
            "--settle-s", Integer.toString(settle),
            "--measure-s", Integer.toString(measure));
    System.err.printf("== scale: %d devices, one pooled session each%n", devices);
    ObjectNode r =
        runPair(
            "scale",
            dir,
            sims,
            simArgs(dir, devices, 1, latency),
            ScaleClient.class.getName(),
            clientArgs,
            clientJvm("2g", "scale"),
            Duration.ofSeconds(settle + measure + 900));
    s.set("result", r);
    s.put("valid", r.path("valid").asBoolean());
    return s;
  }

  // ---- processes

  private double rttMin() {
    return args.decimal("rtt-min-ms", 1);
  }

  private double rttMax() {
    return args.decimal("rtt-max-ms", 5);
  }

  private List<String> simArgs(Path dir, int routers, int lines, int latencyMs) {
    return List.of(
        "--dir", dir.toString(),
        "--routers", Integer.toString(routers),
        "--lines", Integer.toString(lines),
        "--command-latency-ms", Integer.toString(latencyMs),
        "--rtt-min-ms", Double.toString(rttMin()),
        "--rtt-max-ms", Double.toString(rttMax()));
  }

  private List<String> clientJvm(String heap, String name) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xms" + heap);
    jvm.add("-Xmx" + heap);
    jvm.add("-XX:+UseG1GC");
    jvm.add("-DNETPOOL_LOG_LEVEL=WARN");
    if (args.has("jfr-dir")) {
      Path jfr = Path.of(args.required("jfr-dir")).toAbsolutePath().resolve(name + ".jfr");
      // profile settings, CPU samples every 5 ms (the default 20 ms gives too few per window)
      jvm.add(
          "-XX:StartFlightRecording=filename="
              + jfr
              + ",settings=profile,jdk.ExecutionSample#period=5ms");
    }
    return jvm;
  }

  private List<String> simJvm() {
    String heap = args.string("sim-heap", "2g");
    return List.of("-Xmx" + heap, "-XX:+UseG1GC", "-DNETPOOL_LOG_LEVEL=WARN");
  }

  /**
   * {@code sims} simulator JVMs ({@link SimFleet}) and one client JVM; the client's RESULT plus the
   * simulators' counts.
   */
  private ObjectNode runPair(
      String name,
      Path dir,
      int sims,
      List<String> simArgs,
      String clientMain,
      List<String> clientArgs,
      List<String> clientJvmArgs,
      Duration timeout)
      throws IOException, InterruptedException {
    ObjectNode r = json.createObjectNode();
    r.put("name", name);
    try (SimFleet sim =
        SimFleet.start(sims, dir, simJvm(), simArgs, env, work.resolve(name + "-sim.log"))) {
      r.put("sim_command", commandLine(sim.command()));
      r.put("sim_ready", sim.ready());
      try (ChildJvm client =
          ChildJvm.start(
              name,
              clientJvmArgs,
              clientMain,
              clientArgs,
              env,
              work.resolve(name + "-client.log"))) {
        r.put("client_command", commandLine(client.command()));
        try {
          JsonNode result = json.readTree(client.awaitLine("RESULT ", timeout));
          int exit = client.waitFor(Duration.ofSeconds(60));
          r.set("result", result);
          r.put("exit_code", exit);
          r.set("sim", sim.stats());
          r.put("valid", exit == 0 && result.path("wrong_results").asLong() == 0);
        } catch (IOException e) {
          r.put("failure", e.getMessage());
          r.put("valid", false);
          System.err.println("!! " + name + " failed: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      r.put("failure", "simulator: " + e.getMessage());
      r.put("valid", false);
      System.err.println("!! " + name + ": simulator failed: " + e.getMessage());
    }
    return r;
  }

  /** The command as one shell line; the class path is shortened to the jar's name. */
  private static String commandLine(List<String> cmd) {
    StringBuilder sb = new StringBuilder(SimHost.PASSWORD_ENV + "=<random> ");
    for (int i = 0; i < cmd.size(); i++) {
      String c = cmd.get(i);
      if (i > 0 && cmd.get(i - 1).equals("-cp")) {
        c = c.contains("benchmarks.jar") ? "netpool-bench/target/benchmarks.jar" : c;
      }
      sb.append(i == 0 ? "" : " ").append(c);
    }
    return sb.toString();
  }
}
