package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.MonitorProcess;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netpool run} as a real process and real signals: SIGHUP reads monitor.yml and the secrets
 * it references again (a rotated password file behind an unchanged file), SIGTERM stops gracefully
 * with every result written.
 */
class SignalsProcessTest {
  static Simulator sim;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim = TestInventory.oneRouter(3, "edge1");
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  /**
   * A process started with SIGHUP ignored (this test run under nohup) hands that on to the monitor
   * it starts, where the JVM then cannot handle it: nothing to test there.
   */
  private static boolean hangupIgnoredHere() {
    sun.misc.Signal hup = new sun.misc.Signal("HUP");
    sun.misc.SignalHandler previous = sun.misc.Signal.handle(hup, s -> {});
    sun.misc.Signal.handle(hup, previous);
    return previous == sun.misc.SignalHandler.SIG_IGN;
  }

  @Test
  void hangupRereadsSecretsAndTermStopsGracefully() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        hangupIgnoredHere(),
        "SIGHUP is ignored by this test process (nohup): the monitor inherits it");
    SimulatedDevice d = sim.device("edge1");
    Path pass = tmp.resolve("edge1.pass");
    Files.writeString(pass, TestInventory.PASSWORD + "\n");
    Path yml = tmp.resolve("monitor.yml");
    Files.writeString(
        yml,
        """
        devices:
          - id: edge1
            host: %s
            port: %d
            platform: cisco_iosxe
            username: %s
            password: {file: edge1.pass}
            enable_secret: {value: '%s'}
            host_key: accept-new
        lines:
          - {id: line-1, router: edge1, target: 192.0.2.10, interval: 1s, timeout: 1s}
        """
            .formatted(d.host(), d.port(), TestInventory.USER, TestInventory.ENABLE));
    Path results = tmp.resolve("results.jsonl");
    Path err = tmp.resolve("stderr.log");
    Process p = MonitorProcess.startRun(tmp, yml, results, "");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  MonitorProcess.lines(results).stream()
                      .anyMatch(l -> l.contains("\"status\":\"ok\"")));

      // The password file rotates to a value the router refuses; monitor.yml does not change, so
      // only the reload on SIGHUP can see it: the sessions are replaced and the login now fails.
      Files.writeString(pass, "not-the-password\n");
      kill("HUP", p.pid());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    MonitorProcess.lines(results).stream()
                        .anyMatch(l -> l.contains("\"auth_failed\"")));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "no auth_failed after SIGHUP; process alive: "
                + p.isAlive()
                + "; its log:\n"
                + Files.readString(err),
            e);
      }
      assertThat(p.isAlive()).as("SIGHUP must not end the process").isTrue();
      assertThat(Files.readString(err)).contains("reload requested");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("stopped within the grace").isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
      String log = Files.readString(err);
      assertThat(log).contains("monitor stopped");
      List<String> written = MonitorProcess.lines(results);
      assertThat(written.get(written.size() - 1)).startsWith("{").endsWith("}");
    } finally {
      p.destroyForcibly();
    }
  }

  private static void kill(String signal, long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(k.exitValue()).isZero();
  }
}
