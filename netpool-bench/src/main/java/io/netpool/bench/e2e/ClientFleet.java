package io.netpool.bench.e2e;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.ssh.SshOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's view of the simulated fleet: the monitor {@link Inventory} built from the plan and
 * the simulator's port map (CLI protocol, strict host keys against the simulator's known_hosts, the
 * password read from the environment at each login), the same for every variant.
 */
final class ClientFleet {
  private final FleetPlan plan;
  private final Inventory inventory;
  private final SshOptions ssh;
  private final Map<String, FleetPlan.LinePlan> linePlans = new HashMap<>();
  private final Map<String, Device> devices = new HashMap<>();

  private ClientFleet(FleetPlan plan, Inventory inventory, SshOptions ssh) {
    this.plan = plan;
    this.inventory = inventory;
    this.ssh = ssh;
    for (FleetPlan.RouterPlan r : plan.routerPlans()) {
      r.lines().forEach(l -> linePlans.put(l.id(), l));
    }
    inventory.devices().values().forEach(d -> devices.put(d.id(), d.toDevice(ssh)));
  }

  /** Reads what {@link SimHost} wrote into {@code dir}; every line is checked each interval. */
  static ClientFleet load(Path dir, Duration interval) throws IOException {
    String password = System.getenv(SimHost.PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new IOException("environment variable " + SimHost.PASSWORD_ENV + " is not set");
    }
    FleetPlan plan = FleetPlan.read(dir);
    Map<String, Integer> ports = readPorts(dir.resolve("ports.tsv"));
    SecretRef secret = SecretRef.env(SimHost.PASSWORD_ENV, password);
    List<DeviceSpec> devices = new ArrayList<>();
    List<LineSpec> lines = new ArrayList<>();
    for (FleetPlan.RouterPlan r : plan.routerPlans()) {
      Integer port = ports.get(r.id());
      if (port == null) {
        throw new IOException(dir.resolve("ports.tsv") + ": no port for router " + r.id());
      }
      devices.add(
          new DeviceSpec(
              r.id(),
              "127.0.0.1",
              port,
              PingPlatform.of(r.platform().id()),
              Protocol.CLI,
              SimHost.USER,
              secret,
              null,
              null,
              0,
              HostKeyPolicy.STRICT,
              Map.of()));
      for (FleetPlan.LinePlan l : r.lines()) {
        lines.add(
            new LineSpec(
                l.id(),
                r.id(),
                l.target(),
                null,
                null,
                FleetPlan.REPEAT,
                Duration.ofSeconds(2),
                null,
                interval,
                Map.of()));
      }
    }
    Inventory inventory =
        new Inventory(dir.resolve("generated-inventory"), "e2e", devices, lines, List.of());
    SshOptions ssh = SshOptions.defaults().withKnownHostsFile(dir.resolve("known_hosts"));
    return new ClientFleet(plan, inventory, ssh);
  }

  private static Map<String, Integer> readPorts(Path file) throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        ports.put(f[0], Integer.parseInt(f[1].trim()));
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + n + ": expected 'id<TAB>port', got '" + line + "'");
      }
    }
    return ports;
  }

  FleetPlan plan() {
    return plan;
  }

  Inventory inventory() {
    return inventory;
  }

  /** SSH defaults of every variant: strict host keys against the simulator's known_hosts. */
  SshOptions ssh() {
    return ssh;
  }

  FleetPlan.LinePlan linePlan(String lineId) {
    return linePlans.get(lineId);
  }

  /** The core pool's device for a router id (built once; it carries the password reference). */
  Device device(String routerId) {
    Device d = devices.get(routerId);
    if (d == null) {
      throw new IllegalArgumentException("no router " + routerId + " in the fleet");
    }
    return d;
  }
}
