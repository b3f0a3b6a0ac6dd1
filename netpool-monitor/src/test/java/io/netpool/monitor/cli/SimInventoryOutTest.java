package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.inventory.Problem;
import io.netpool.sim.SimulatorMain;
import io.netpool.sim.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./netpool sim --inventory-out FILE} writes a file the monitor's inventory loader accepts:
 * the simulator's CLI entry writes it, the loader reads it without problems.
 */
class SimInventoryOutTest {
  @TempDir Path dir;

  private static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private Path writeInventory(String... extra) {
    Path file = dir.resolve("sim-inventory.yml");
    String[] base = {"--devices", "9", "--platform", "mixed", "--inventory-out", file.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        SimulatorMain.run(
            args, QUIET, new PrintStream(err, true, StandardCharsets.UTF_8), /* block= */ false);
    assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(file).exists();
    return file;
  }

  @Test
  void defaultInventoryLoadsWithThePasswordFromTheEnvironment() throws Exception {
    Path file = writeInventory("--password", "lab-pw", "--enable-secret", "lab-en");
    Map<String, String> env =
        Map.of("NETPOOL_SIM_PASSWORD", "lab-pw", "NETPOOL_SIM_ENABLE_SECRET", "lab-en");

    Inventory inventory = new InventoryLoader(env::get).read(file);

    assertThat(inventory.devices()).hasSize(9);
    // the file has devices only, one of each simulated platform; "no lines" is the one warning
    assertThat(inventory.warnings()).extracting(Problem::field).containsOnly("lines");
    assertThat(inventory.devices().values())
        .extracting(d -> d.platform().id())
        .containsExactly(Stream.of(Platform.values()).map(Platform::id).toArray(String[]::new));
    DeviceSpec r1 = inventory.devices().get("r1");
    assertThat(r1.host()).isEqualTo("127.0.0.1");
    assertThat(r1.port()).isPositive();
    assertThat(r1.username()).isEqualTo("netops");
    assertThat(r1.password().describe()).isEqualTo("env:NETPOOL_SIM_PASSWORD");
    assertThat(r1.enableSecret().describe()).isEqualTo("env:NETPOOL_SIM_ENABLE_SECRET");
  }

  @Test
  void valueAndFileReferencesLoadToo() throws Exception {
    Files.writeString(dir.resolve("en.txt"), "lab-en\n");
    Path file =
        writeInventory(
            "--password",
            "it's-secret",
            "--password-ref",
            "value",
            "--enable-secret",
            "lab-en",
            "--enable-secret-ref",
            "file:en.txt");

    Inventory inventory = new InventoryLoader(name -> null).read(file);

    assertThat(inventory.devices()).hasSize(9);
    DeviceSpec r1 = inventory.devices().get("r1");
    assertThat(r1.password().toSecret().reveal()).isEqualTo("it's-secret");
    assertThat(r1.enableSecret().toSecret().reveal()).isEqualTo("lab-en");
  }
}
