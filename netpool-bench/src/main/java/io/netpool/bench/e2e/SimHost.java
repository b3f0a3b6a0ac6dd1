package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.TargetBehaviour;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The simulator process of an end-to-end run (its own JVM, so the client's CPU and heap are the
 * client's alone). Starts the {@link FleetPlan}'s routers with exact per-target probe patterns,
 * writes {@code fleet.properties}, {@code ports.tsv} and {@code known_hosts} into {@code --dir},
 * prints {@code READY ...}, then answers {@code stats} on stdin with {@code STATS {json}} (the
 * simulator's own session and command counts) until {@code stop} or end of input.
 *
 * <p>{@code --shards N --shard I} (N > 1): this process runs only the routers whose index is {@code
 * I} modulo N and writes {@code ports-I.tsv} and {@code known_hosts-I} instead ({@link SimFleet}
 * joins them): a simulator holds two descriptors per device, so one process cannot host more than
 * about half the descriptor limit.
 *
 * <pre>
 * NETPOOL_E2E_PASSWORD=... java -cp benchmarks.jar io.netpool.bench.e2e.SimHost --dir D \
 *     --routers 20 --lines 5 --command-latency-ms 50 --rtt-min-ms 1 --rtt-max-ms 5
 * </pre>
 */
public final class SimHost {
  static final String PASSWORD_ENV = "NETPOOL_E2E_PASSWORD";
  static final String USER = "netops";

  private SimHost() {}

  public static void main(String[] argv) throws Exception {
    Args a =
        Args.parse(
            argv,
            List.of(
                "dir",
                "routers",
                "lines",
                "command-latency-ms",
                "rtt-min-ms",
                "rtt-max-ms",
                "vty-lines",
                "io-threads",
                "shards",
                "shard"),
            List.of());
    String password = System.getenv(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      System.err.println("SimHost: environment variable " + PASSWORD_ENV + " is not set");
      System.exit(2);
    }
    Path dir = a.path("dir");
    FleetPlan plan =
        new FleetPlan(
            a.integer("routers", 20),
            a.integer("lines", 5),
            a.decimal("rtt-min-ms", 1),
            a.decimal("rtt-max-ms", 5));
    Duration latency = Duration.ofNanos(Math.round(a.decimal("command-latency-ms", 0) * 1e6));
    // Above any variant's concurrent sessions per router: the comparison is about cost, not about
    // vty limits (a no-pool script can need one session per line at once).
    int vty = a.integer("vty-lines", 2 * plan.linesPerRouter() + 4);
    int shards = a.integer("shards", 1);
    int shard = a.integer("shard", 0);
    if (shards < 1 || shard < 0 || shard >= shards) {
      System.err.println(
          "SimHost: --shard must be in [0, --shards), got " + shard + " of " + shards);
      System.exit(2);
    }
    Simulator.Builder b =
        Simulator.builder()
            .seed(1)
            .timeScale(0) // pings answer at once: the command latency is the device's time
            .commandLatency(latency)
            .credentials(USER, password)
            .devices(specs(plan, vty, shard, shards));
    if (a.has("io-threads")) {
      b.ioThreads(a.integer("io-threads", 2));
    }
    try (Simulator sim = b.start()) {
      Files.createDirectories(dir);
      String suffix = shards == 1 ? "" : "-" + shard;
      if (shard == 0) {
        plan.write(dir); // the same plan for every shard: written once
      }
      writePorts(sim, dir.resolve("ports" + suffix + ".tsv"));
      writeKnownHosts(sim, dir.resolve("known_hosts" + suffix));
      PrintStream out = System.out;
      out.println(
          "READY devices="
              + sim.devices().size()
              + " startup_ms="
              + sim.startupTime().toMillis()
              + " command_latency_ms="
              + latency.toMillis());
      out.flush();
      serve(sim, out);
    }
  }

  /** Answers commands on stdin until {@code stop} or end of input. */
  private static void serve(Simulator sim, PrintStream out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.strip()) {
        case "stats" -> out.println("STATS " + json.writeValueAsString(stats(sim)));
        case "stop" -> {
          return;
        }
        default -> out.println("ERROR unknown command '" + line.strip() + "'");
      }
      out.flush();
    }
  }

  static Map<String, Object> stats(Simulator sim) {
    long opened = 0;
    long refused = 0;
    long commands = 0;
    long active = 0;
    for (SimulatedDevice d : sim.devices()) {
      opened += d.sessionsOpened();
      refused += d.sessionsRefused();
      commands += d.commandsRun();
      active += d.activeSessions();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions_opened", opened);
    m.put("sessions_refused", refused);
    m.put("sessions_active", active);
    m.put("commands_run", commands);
    return m;
  }

  private static List<DeviceSpec> specs(FleetPlan plan, int vty, int shard, int shards) {
    List<DeviceSpec> specs = new ArrayList<>();
    List<FleetPlan.RouterPlan> routers = plan.routerPlans();
    for (int i = shard; i < routers.size(); i += shards) {
      FleetPlan.RouterPlan r = routers.get(i);
      DeviceSpec.Builder d = DeviceSpec.builder(r.id(), r.platform()).vtyLines(vty);
      for (FleetPlan.LinePlan l : r.lines()) {
        d.target(
            l.target(),
            TargetBehaviour.pattern(l.pattern()).withLatency(plan.rttMinMs(), plan.rttMaxMs()));
      }
      specs.add(d.build());
    }
    return specs;
  }

  private static void writePorts(Simulator sim, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (SimulatedDevice d : sim.devices()) {
      sb.append(d.id()).append('\t').append(d.port()).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /** Every device's port with the simulator's (shared) host key: clients check keys strictly. */
  private static void writeKnownHosts(Simulator sim, Path file) throws IOException {
    String key = PublicKeyEntry.toString(sim.hostKey());
    StringBuilder sb = new StringBuilder();
    for (SimulatedDevice d : sim.devices()) {
      sb.append('[').append(d.host()).append("]:").append(d.port()).append(' ').append(key);
      sb.append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }
}
