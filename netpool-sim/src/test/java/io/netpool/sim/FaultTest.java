package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault, observed from the client side. */
class FaultTest {

  Simulator sim;
  SimClient client;
  SimulatedDevice r1;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.builder()
            .seed(5)
            .timeScale(0)
            .credentials("netops", "pw")
            .device(
                DeviceSpec.builder("r1", Platform.CISCO_IOSXE).hostname("R1").vtyLines(2).build())
            .start();
    client = new SimClient(sim);
    r1 = sim.device("r1");
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  SimClient.Shell shell() throws Exception {
    SimClient.Shell sh = client.shell(client.login(r1, "netops", "pw"), 24);
    sh.awaitEnd("R1#");
    sh.take();
    return sh;
  }

  @Test
  void slowHandshakeDelaysAuthentication() throws Exception {
    r1.inject(Fault.slowHandshake(Duration.ofMillis(400)));
    long t0 = System.nanoTime();
    ClientSession s = client.login(r1, "netops", "pw");
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(s.isAuthenticated()).isTrue();
  }

  @Test
  void authFailureRejectsCorrectCredentials() throws Exception {
    r1.inject(Fault.authFailure());
    assertThatThrownBy(() -> client.login(r1, "netops", "pw")).isNotNull();
    r1.clearFaults();
    assertThat(client.login(r1, "netops", "pw").isAuthenticated()).isTrue();
  }

  @Test
  void sessionLimitClosesConnectionsAboveVtyLines() throws Exception {
    client.login(r1, "netops", "pw");
    client.login(r1, "netops", "pw");
    await().untilAsserted(() -> assertThat(r1.activeSessions()).isEqualTo(2));
    assertThatThrownBy(() -> client.login(r1, "netops", "pw")).isNotNull();
    assertThat(r1.sessionsRefused()).isEqualTo(1);
    assertThat(r1.activeSessions()).isEqualTo(2);
  }

  @Test
  void sessionLimitFaultLowersTheLimitAtRuntime() throws Exception {
    r1.inject(Fault.sessionLimit(1));
    client.login(r1, "netops", "pw");
    assertThatThrownBy(() -> client.login(r1, "netops", "pw")).isNotNull();
  }

  @Test
  void dropAfterCommandsClosesTheConnection() throws Exception {
    r1.inject(Fault.dropAfterCommands(2));
    SimClient.Shell sh = shell();
    sh.send("show clock", "R1#");
    sh.send("show clock", "R1#");
    sh.write("show clock\r");
    await().until(sh::closed);
    await().until(() -> r1.activeSessions() == 0);
  }

  @Test
  void dropRandomlyWithProbabilityOne() throws Exception {
    r1.inject(Fault.dropRandomly(1.0));
    SimClient.Shell sh = shell();
    sh.write("show clock\r");
    await().until(sh::closed);
  }

  @Test
  void hangStopsAnsweringButKeepsTheConnection() throws Exception {
    r1.inject(Fault.hangAfter(1));
    SimClient.Shell sh = shell();
    sh.send("show clock", "R1#");
    sh.take();
    sh.write("show clock\r");
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !sh.closed() && !sh.take().contains("R1#"));
    assertThat(r1.activeSessions()).isEqualTo(1);
  }

  /** Connects over plain TCP and reads what the port sends first, waiting at most {@code wait}. */
  static String firstBytes(Socket socket, Duration wait) throws Exception {
    socket.setSoTimeout((int) wait.toMillis());
    byte[] buffer = new byte[64];
    try {
      int n = socket.getInputStream().read(buffer);
      return n < 0 ? "<closed>" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
    } catch (SocketTimeoutException e) {
      return "";
    } catch (java.net.SocketException e) {
      // a close can arrive as a reset (e.g. the connection was still in the listener's backlog)
      return "Connection reset".equals(e.getMessage()) ? "<closed>" : rethrow(e);
    }
  }

  private static String rethrow(java.net.SocketException e) throws java.net.SocketException {
    throw e;
  }

  @Test
  void stopAnsweringSilencesTheWholeDeviceAfterCommandsInTotal() throws Exception {
    r1.inject(Fault.stopAnsweringAfter(3));
    try (Socket before = new Socket(r1.host(), r1.port())) {
      assertThat(firstBytes(before, SimClient.TIMEOUT)).startsWith("SSH-2.0-");
    }
    ClientSession first = client.login(r1, "netops", "pw");
    SimClient.Shell a = client.shell(first, 24);
    a.awaitEnd("R1#");
    SimClient.Shell b = shell();
    // three commands on three channels of two connections: exec, shell a, shell b
    assertThat(client.exec(first, "show clock").output()).contains("UTC");
    a.take();
    a.send("show clock", "R1#");
    b.send("show clock", "R1#");
    assertThat(r1.isAnswering()).isFalse();
    assertThat(r1.commandsRun()).isEqualTo(3);

    // open sessions: a command gets no output and no prompt, the connection stays open
    a.take();
    a.write("show clock\r");
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !a.closed() && !a.take().contains("R1#"));
    // the server no longer reads the connection: a new channel is never confirmed
    ChannelExec exec = first.createExecChannel("show clock");
    assertThat(exec.open().await(Duration.ofMillis(500))).isFalse();
    // new connections: accepted by TCP, but no SSH identification ever arrives
    try (Socket after = new Socket(r1.host(), r1.port())) {
      assertThat(firstBytes(after, Duration.ofMillis(500))).isEmpty();
    }
    assertThat(r1.activeSessions()).isEqualTo(2);

    // clearFaults: the silenced sessions are closed, the port serves SSH again
    r1.clearFaults();
    assertThat(r1.isAnswering()).isTrue();
    await().atMost(SimClient.TIMEOUT).until(() -> a.closed() && b.closed());
    await().atMost(SimClient.TIMEOUT).until(() -> r1.activeSessions() == 0);
    shell().send("show clock", "R1#");
  }

  @Test
  void stopAnsweringFromTheSpecUntilReboot() throws Exception {
    try (Simulator s2 =
        Simulator.builder()
            .credentials("netops", "pw")
            .device(DeviceSpec.builder("x", Platform.LINUX).fault(Fault.stopAnswering()).build())
            .start()) {
      SimulatedDevice x = s2.device("x");
      assertThat(x.isAnswering()).isFalse();
      try (Socket silent = new Socket(x.host(), x.port())) {
        assertThat(firstBytes(silent, Duration.ofMillis(500))).isEmpty();
        x.reboot(Duration.ofMillis(200));
        // the reboot closes the silent connection, then the port serves SSH again
        assertThat(firstBytes(silent, SimClient.TIMEOUT)).isEqualTo("<closed>");
      }
      await().atMost(SimClient.TIMEOUT).until(x::isUp);
      assertThat(x.isAnswering()).isTrue();
      try (SimClient c2 = new SimClient(s2)) {
        assertThat(c2.exec(c2.login(x, "netops", "pw"), "echo hi").output()).contains("hi");
      }
    }
  }

  @Test
  void closingTheSimulatorClosesASilentPort() throws Exception {
    r1.inject(Fault.stopAnswering());
    try (Socket silent = new Socket(r1.host(), r1.port())) {
      sim.close();
      assertThat(firstBytes(silent, SimClient.TIMEOUT)).isEqualTo("<closed>");
    }
    assertThatThrownBy(() -> new Socket(r1.host(), r1.port()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void slowOutputWritesInDelayedChunks() throws Exception {
    SimClient.Shell sh = shell();
    long t0 = System.nanoTime();
    sh.send("show clock", "R1#");
    long fast = System.nanoTime() - t0;
    r1.inject(Fault.slowOutput(8, Duration.ofMillis(30)));
    t0 = System.nanoTime();
    String out = sh.send("show clock", "R1#");
    long slow = System.nanoTime() - t0;
    // about 40 bytes of output and prompt: at least 4 chunks of 30 ms
    assertThat(Duration.ofNanos(slow)).isGreaterThan(Duration.ofMillis(120));
    assertThat(slow).isGreaterThan(fast);
    assertThat(out).contains("UTC");
  }

  @Test
  void garbageOutputReplacesOutputAndPrompt() throws Exception {
    r1.inject(Fault.garbageOutput(1.0));
    SimClient.Shell sh = shell();
    sh.write("show clock\r");
    String g = sh.await(s -> s.length() > 64, SimClient.TIMEOUT);
    assertThat(g).doesNotContain("UTC");
    r1.clearFaults();
    sh.take();
    // the session survives: the next line gets a prompt again
    sh.write("\r");
    sh.awaitEnd("R1#");
  }

  @Test
  void promptChangesAfterCommands() throws Exception {
    r1.inject(Fault.promptChange(2, "R1-NEW"));
    SimClient.Shell sh = shell();
    sh.send("show clock", "R1#");
    String out = sh.send("show clock", "R1-NEW#");
    assertThat(out).endsWith("\nR1-NEW#");
    assertThat(r1.hostname()).isEqualTo("R1-NEW");
    r1.clearFaults();
    assertThat(r1.hostname()).isEqualTo("R1");
  }

  @Test
  void enableRejectedRefusesTheRightSecretAsIosDoes() throws Exception {
    try (Simulator enableSim =
            Simulator.builder()
                .seed(5)
                .timeScale(0)
                .credentials("netops", "pw")
                .enableSecret("en")
                .device(
                    DeviceSpec.builder("r2", Platform.CISCO_IOS)
                        .hostname("R2")
                        .enableRequired(true)
                        .fault(Fault.enableRejected())
                        .build())
                .start();
        SimClient enableClient = new SimClient(enableSim)) {
      SimulatedDevice r2 = enableSim.device("r2");
      SimClient.Shell sh = enableClient.shell(enableClient.login(r2, "netops", "pw"), 24);
      sh.awaitEnd("R2>");
      sh.take();
      sh.write("enable\r");
      for (int i = 0; i < 2; i++) {
        sh.awaitEnd("Password: ");
        sh.take();
        sh.write("en\r");
      }
      sh.awaitEnd("Password: ");
      sh.take();
      assertThat(sh.send("en", "R2>")).contains("% Bad secrets").doesNotContain("R2#");
      r2.clearFaults();
      sh.write("enable\r");
      sh.awaitEnd("Password: ");
      sh.take();
      assertThat(sh.send("en", "R2#")).endsWith("R2#");
    }
  }

  @Test
  void customPromptReplacesEveryPrompt() throws Exception {
    r1.inject(Fault.customPrompt("edge-7 (lab)$ "));
    SimClient.Shell sh = client.shell(client.login(r1, "netops", "pw"), 24);
    sh.awaitEnd("edge-7 (lab)$ ");
    sh.take();
    assertThat(sh.send("show clock", "edge-7 (lab)$ ")).endsWith("\nedge-7 (lab)$ ");
    assertThat(sh.send("configure terminal", "edge-7 (lab)$ ")).doesNotContain("R1");
    assertThatThrownBy(() -> Fault.customPrompt("two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rebootDropsSessionsRefusesThenAccepts() throws Exception {
    SimClient.Shell sh = shell();
    r1.reboot(Duration.ofSeconds(2));
    // the port is unbound before reboot() returns: new connections are refused at once
    assertThat(r1.isUp()).isFalse();
    assertThatThrownBy(() -> new Socket(r1.host(), r1.port()).close())
        .isInstanceOf(ConnectException.class);
    await().until(sh::closed);
    await().atMost(Duration.ofSeconds(10)).until(r1::isUp);
    SimClient.Shell again = shell();
    assertThat(again.send("show version", " --More-- ")).contains("uptime is 0 minutes");
  }

  @Test
  void rebootFaultAfterCommands() throws Exception {
    r1.inject(Fault.reboot(1, Duration.ofMillis(300)));
    SimClient.Shell sh = shell();
    sh.write("show clock\r");
    await().until(sh::closed);
    await().atMost(Duration.ofSeconds(5)).until(r1::isUp);
    // fires once
    SimClient.Shell again = shell();
    again.send("show clock", "R1#");
    assertThat(r1.isUp()).isTrue();
  }

  @Test
  void faultsFromTheSpecApply() throws Exception {
    try (Simulator s2 =
        Simulator.builder()
            .credentials("netops", "pw")
            .device(DeviceSpec.builder("x", Platform.LINUX).fault(Fault.authFailure()).build())
            .start()) {
      assertThatThrownBy(() -> client.login(s2.device("x"), "netops", "pw")).isNotNull();
    }
  }

  static final Pattern RTT = Pattern.compile("(?s)!.*Success rate is (\\d+) percent.*= (\\S+) ms");

  String lossyPing(long seed) throws Exception {
    try (Simulator s =
            Simulator.builder()
                .seed(seed)
                .timeScale(0)
                .credentials("netops", "pw")
                .device(
                    DeviceSpec.builder("r1", Platform.CISCO_IOS)
                        .hostname("R1")
                        .defaultTarget(TargetBehaviour.loss(0.3).withLatency(1, 40))
                        .build())
                .start();
        SimClient c = new SimClient(s)) {
      ClientSession cs = c.login(s.device("r1"), "netops", "pw");
      return c.exec(cs, "ping 10.1.1.1 repeat 50").output()
          + c.exec(cs, "ping 10.1.1.1 repeat 50").output();
    }
  }

  @Test
  void pingLossAndLatencyAreReproducibleFromTheSeed() throws Exception {
    String a = lossyPing(99);
    String b = lossyPing(99);
    String c = lossyPing(100);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    Matcher m = RTT.matcher(a);
    assertThat(m.find()).isTrue();
    int pct = Integer.parseInt(m.group(1));
    assertThat(pct).isBetween(40, 95);
  }
}
