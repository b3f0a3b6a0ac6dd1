package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SessionTransport;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.inventory.InventoryLoader;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telnet end to end, from {@code monitor.yml} to the results, against simulated routers with a
 * Telnet port each: a {@code protocol: telnet} router is pinged over Telnet; a {@code fallback:
 * telnet} router whose SSH port is closed falls back and its results say so and why; a {@code
 * fallback: telnet} router whose SSH login fails reports the authentication failure and never gets
 * a Telnet connection; a router without either gets none either, SSH refused or not.
 */
class TelnetFallbackSimTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  static Simulator sim;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    sim =
        TestInventory.simulator()
            .seed(23)
            .timeScale(0.05)
            .telnet(true)
            .device(
                router("tel", Platform.CISCO_IOS),
                router("fb", Platform.CISCO_IOSXE),
                DeviceSpec.builder("authfail", Platform.CISCO_IOSXE)
                    .fault(new Fault.AuthFailure())
                    .build(),
                router("plain", Platform.CISCO_IOSXE),
                router("plain-up", Platform.HUAWEI_VRP))
            .start();
    sim.device("fb").closeSshPort();
    sim.device("plain").closeSshPort();
  }

  private static DeviceSpec router(String id, Platform p) {
    return DeviceSpec.builder(id, p)
        .enableRequired(true)
        .defaultTarget(TargetBehaviour.latency(1, 5))
        .build();
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static String device(String id, String extra) {
    SimulatedDevice d = sim.device(id);
    return """
          - id: %s
            host: %s
            port: %d
            platform: %s
            username: %s
            password: {value: "%s"}
            enable_secret: {value: "%s"}
            telnet_port: %d
            host_key: "off"
        %s"""
        .formatted(
            id,
            d.host(),
            d.port(),
            d.platform().id(),
            TestInventory.USER,
            TestInventory.PASSWORD,
            TestInventory.ENABLE,
            d.telnetPort(),
            extra.isEmpty() ? "" : "    " + extra + "\n");
  }

  private static Inventory inventory() throws Exception {
    String yml =
        "devices:\n"
            + device("tel", "protocol: telnet")
            + device("fb", "fallback: telnet")
            + device("authfail", "fallback: telnet")
            + device("plain", "")
            + device("plain-up", "")
            + """
            lines:
              - {id: l-tel, router: tel, target: 192.0.2.1, interval: 1s, timeout: 1s, repeat: 2}
              - {id: l-fb, router: fb, target: 192.0.2.2, interval: 1s, timeout: 1s, repeat: 2}
              - {id: l-auth, router: authfail, target: 192.0.2.3, interval: 1s, timeout: 1s}
              - {id: l-plain, router: plain, target: 192.0.2.4, interval: 1s, timeout: 1s}
              - {id: l-up, router: plain-up, target: 192.0.2.5, interval: 1s, timeout: 1s}
            """;
    Path file = dir.resolve("monitor.yml");
    Files.writeString(file, yml);
    return InventoryLoader.load(file);
  }

  @Test
  void telnetAndFallbackAreRecordedAndNothingElseTouchesTelnet() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (Monitor monitor = Monitor.builder(inventory()).sink(sink).build()) {
      monitor.start();
      await()
          .atMost(BOUND)
          .until(
              () ->
                  measured(sink, "l-tel")
                      && measured(sink, "l-fb")
                      && measured(sink, "l-up")
                      && !sink.of("l-auth").isEmpty()
                      && !sink.of("l-plain").isEmpty());
    }

    CheckResult tel = firstMeasured(sink, "l-tel");
    assertThat(tel.transport()).isEqualTo(new SessionTransport("telnet", null));

    CheckResult fb = firstMeasured(sink, "l-fb");
    assertThat(fb.transport()).isEqualTo(new SessionTransport("telnet", "ssh: connection refused"));
    assertThat(CheckResultJson.toJson(fb))
        .contains("\"transport\":\"telnet\",\"fallbackReason\":\"ssh: connection refused\"");

    CheckResult up = firstMeasured(sink, "l-up");
    assertThat(up.transport()).isEqualTo(SessionTransport.SSH);

    CheckResult auth = sink.of("l-auth").get(0);
    assertThat(auth.failure()).as("%s", auth).isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(auth.transport()).isNull();
    assertThat(auth.ping().error()).doesNotContain(TestInventory.PASSWORD);

    CheckResult plain = sink.of("l-plain").get(0);
    assertThat(plain.status()).as("%s", plain).isEqualTo(PingStatus.ERROR);
    assertThat(plain.ping().error()).contains("Connection refused");

    assertThat(sim.device("tel").telnetConnections()).isPositive();
    assertThat(sim.device("fb").telnetConnections()).isPositive();
    assertThat(sim.device("authfail").telnetConnections()).isZero();
    assertThat(sim.device("plain").telnetConnections()).isZero();
    assertThat(sim.device("plain-up").telnetConnections()).isZero();
  }

  private static boolean measured(RecordingSink sink, String line) {
    return sink.of(line).stream().anyMatch(r -> r.failure() == null && !r.isSkipped());
  }

  private static CheckResult firstMeasured(RecordingSink sink, String line) {
    return sink.of(line).stream()
        .filter(r -> r.failure() == null && !r.isSkipped())
        .findFirst()
        .orElseThrow();
  }
}
