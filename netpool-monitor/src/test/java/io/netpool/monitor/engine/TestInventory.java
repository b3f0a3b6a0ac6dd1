package io.netpool.monitor.engine;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.HostKeyPolicy;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Protocol;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds inventories in code (for the engine, scheduler and probe tests). */
public final class TestInventory {
  public static final String USER = "netops";
  public static final String PASSWORD = "Test-Pa55!";
  public static final String ENABLE = "En4ble#";

  private final List<DeviceSpec> devices = new ArrayList<>();
  private final List<LineSpec> lines = new ArrayList<>();

  public static TestInventory create() {
    return new TestInventory();
  }

  /** A simulator with the test credentials. */
  /** A started simulator with one healthy IOS-XE router, {@code id}, every target answering. */
  public static Simulator oneRouter(long seed, String id) throws java.io.IOException {
    return simulator()
        .seed(seed)
        .timeScale(0.05)
        .device(
            io.netpool.sim.DeviceSpec.builder(id, io.netpool.sim.platform.Platform.CISCO_IOSXE)
                .defaultTarget(io.netpool.sim.platform.TargetBehaviour.latency(1, 5))
                .build())
        .start();
  }

  public static Simulator.Builder simulator() {
    return Simulator.builder().credentials(USER, PASSWORD).enableSecret(ENABLE);
  }

  /** A device for a simulated router, CLI unless {@code protocol} says otherwise. */
  public static DeviceSpec device(SimulatedDevice d, Protocol protocol) {
    return device(d.id(), d.host(), d.port(), PingPlatform.of(d.platform().id()), protocol, 0);
  }

  public static DeviceSpec device(
      String id, String host, int port, PingPlatform platform, Protocol protocol, int maxSessions) {
    return new DeviceSpec(
        id,
        host,
        port,
        platform,
        protocol,
        USER,
        SecretRef.literal(PASSWORD),
        SecretRef.literal(ENABLE),
        null,
        maxSessions,
        HostKeyPolicy.OFF,
        Map.of());
  }

  /** A fake device for scheduler tests that never connect. */
  public static DeviceSpec fakeDevice(String id, int maxSessions) {
    return device(id, "127.0.0.1", 22, PingPlatform.of("cisco_iosxe"), Protocol.CLI, maxSessions);
  }

  public static LineSpec line(
      String id, String router, String target, int repeat, Duration timeout, Duration interval) {
    return new LineSpec(id, router, target, null, null, repeat, timeout, null, interval, Map.of());
  }

  public static LineSpec line(String id, String router, String target, Duration interval) {
    return line(id, router, target, 5, Duration.ofSeconds(1), interval);
  }

  public TestInventory add(DeviceSpec d) {
    devices.removeIf(x -> x.id().equals(d.id()));
    devices.add(d);
    return this;
  }

  public TestInventory add(LineSpec l) {
    lines.removeIf(x -> x.id().equals(l.id()));
    lines.add(l);
    return this;
  }

  public TestInventory removeLine(String id) {
    lines.removeIf(x -> x.id().equals(id));
    return this;
  }

  public TestInventory copy() {
    TestInventory t = new TestInventory();
    t.devices.addAll(devices);
    t.lines.addAll(lines);
    return t;
  }

  public Inventory build() {
    return new Inventory(
        Path.of("test-monitor.yml"),
        Integer.toHexString(devices.hashCode() * 31 + lines.hashCode()),
        devices,
        lines,
        List.of());
  }
}
