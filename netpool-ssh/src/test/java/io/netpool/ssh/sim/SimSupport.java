package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.pool.SessionOptions;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.ssh.HostKeyMode;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** Shared helpers of the netpool-ssh ↔ netpool-sim integration tests. */
final class SimSupport {
  private SimSupport() {}

  /** Login of every simulated device; the secrets contain characters worth masking. */
  static final String USER = "netops";

  static final String PASSWORD = "S1m-Pa55word!";
  static final String ENABLE_SECRET = "S1m-En4ble#";

  static Simulator.Builder simulator() {
    return Simulator.builder().credentials(USER, PASSWORD).enableSecret(ENABLE_SECRET);
  }

  static Credentials credentials() {
    return Credentials.password(USER, Secret.of(PASSWORD))
        .withEnableSecret(Secret.of(ENABLE_SECRET));
  }

  /** The pool's view of a simulated device (no own session cap). */
  static Device device(SimulatedDevice d) {
    return new Device(d.id(), d.host(), d.port(), d.platform().id(), 0, Map.of(), credentials());
  }

  /** A simulated device that carries its own SSH options (a typed session option). */
  static Device device(SimulatedDevice d, SshOptions own) {
    return device(d).withOptions(SessionOptions.of(SshOptions.class, own));
  }

  /**
   * Writes a known_hosts file that lists the simulator's (shared) host key for every device's
   * {@code [host]:port}, so the tests run with strict host-key checking, as production should.
   */
  static Path knownHosts(Simulator sim, Path file) {
    String key = PublicKeyEntry.toString(sim.hostKey());
    StringBuilder sb = new StringBuilder();
    for (SimulatedDevice d : sim.devices()) {
      sb.append('[').append(d.host()).append("]:").append(d.port()).append(' ').append(key);
      sb.append('\n');
    }
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Strict host keys against {@link #knownHosts}. */
  static SshOptions strictOptions(Simulator sim, Path dir) {
    return SshOptions.defaults()
        .withHostKeyMode(HostKeyMode.STRICT)
        .withKnownHostsFile(knownHosts(sim, dir.resolve("known_hosts")));
  }

  /**
   * Names of the pool's live threads: platform threads from {@link Thread#getAllStackTraces()},
   * plus virtual threads (the pool's workers are virtual) from a JSON thread dump, which lists the
   * threads of every thread container. The simulator's own threads ({@code netpool-sim-*}) belong
   * to the device side and are excluded.
   */
  static List<String> poolThreads() {
    TreeSet<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && isPoolThread(t.getName())) {
        names.add(t.getName());
      }
    }
    names.addAll(virtualPoolThreads());
    return new ArrayList<>(names);
  }

  private static final Pattern DUMP_NAME = Pattern.compile("\"name\":\\s*\"([^\"]*)\"");

  private static List<String> virtualPoolThreads() {
    List<String> out = new ArrayList<>();
    try {
      Path dir = Files.createTempDirectory("netpool-threads");
      Path file = dir.resolve("dump.json");
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        Matcher m = DUMP_NAME.matcher(Files.readString(file));
        while (m.find()) {
          if (isPoolThread(m.group(1))) {
            out.add(m.group(1));
          }
        }
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean isPoolThread(String name) {
    return name.startsWith("netpool-") && !name.startsWith("netpool-sim");
  }

  /** After {@code pool.close()}: no pool thread is left. */
  static void assertNoPoolThreads() {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(poolThreads()).as("pool threads after close").isEmpty());
  }

  /** Every simulated device reaches zero open SSH connections. */
  static void assertNoSessions(Simulator sim) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(
                        sim.devices().stream()
                            .filter(d -> d.activeSessions() != 0)
                            .map(d -> d.id() + "=" + d.activeSessions())
                            .toList())
                    .as("devices with open sessions on the simulator side")
                    .isEmpty());
  }

  /** Closes the client side first, then the simulator; either may be null (start failed). */
  static void close(SshTransport transport, Simulator sim) {
    if (transport != null) {
      transport.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  /** Milliseconds since {@code startNanos}. */
  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
