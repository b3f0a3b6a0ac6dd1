package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.sim.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/** The per-command latency knob: every command (exec and shell) waits before it answers. */
class CommandLatencyTest {

  private static final Duration LATENCY = Duration.ofSeconds(1);

  private static Simulator start(Duration latency) throws Exception {
    return Simulator.builder()
        .timeScale(0)
        .credentials("netops", "pw")
        .commandLatency(latency)
        .device(DeviceSpec.of("ios", Platform.CISCO_IOSXE))
        .start();
  }

  @Test
  void execAndShellCommandsTakeAtLeastTheLatency() throws Exception {
    try (Simulator sim = start(LATENCY);
        SimClient client = new SimClient(sim)) {
      ClientSession s = client.login(sim.device("ios"), "netops", "pw");

      long t0 = System.nanoTime();
      SimClient.ExecResult r = client.exec(s, "ping 10.1.1.1 repeat 2 timeout 1");
      Duration exec = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(r.output()).contains("Success rate is 100 percent (2/2)");
      assertThat(exec).isGreaterThanOrEqualTo(LATENCY);

      try (SimClient.Shell sh = client.shell(s, 24)) {
        sh.awaitEnd("IOS#");
        long t1 = System.nanoTime();
        String out = sh.send("show clock", "IOS#");
        Duration shell = Duration.ofNanos(System.nanoTime() - t1);
        assertThat(out).contains("*");
        assertThat(shell).isGreaterThanOrEqualTo(LATENCY);
      }
    }
  }

  @Test
  void defaultIsNoLatency() throws Exception {
    try (Simulator sim =
            Simulator.builder()
                .timeScale(0)
                .credentials("netops", "pw")
                .device(DeviceSpec.of("ios", Platform.CISCO_IOSXE))
                .start();
        SimClient client = new SimClient(sim)) {
      ClientSession s = client.login(sim.device("ios"), "netops", "pw");
      client.exec(s, "show clock"); // warm up the channel path
      long t0 = System.nanoTime();
      client.exec(s, "show clock");
      // far under the one second the other test sets, even on a loaded machine
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(LATENCY);
    }
  }

  @Test
  void negativeLatencyIsRejected() {
    assertThatThrownBy(() -> Simulator.builder().commandLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandLatency");
  }

  @Test
  void commandLineFlagSetsTheLatencyAndRejectsNegativeValues() {
    assertThat(SimulatorMain.parse(new String[] {"--command-latency", "25"}).commandLatencyMs)
        .isEqualTo(25.0);
    assertThat(SimulatorMain.parse(new String[] {}).commandLatencyMs).isZero();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(SimulatorMain.run(new String[] {"--command-latency", "-5"}, ps, ps, false))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--command-latency");
  }
}
