package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole engine against routers that accept the login but cannot be used: a rejected enable
 * secret gives {@code enable_failed} and a customised prompt {@code prompt_unrecognised}, each long
 * before the 60 s creation timeout and session wait (within 20 s), naming the cause and no secret.
 */
class LoginFailureKindsSimTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final String ODD_PROMPT = "edge-7 (lab)#";

  static Simulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim =
        TestInventory.simulator()
            .seed(17)
            .timeScale(0.05)
            .device(
                DeviceSpec.builder("enable", Platform.CISCO_IOS)
                    .enableRequired(true)
                    .fault(Fault.enableRejected())
                    .build(),
                DeviceSpec.builder("odd", Platform.CISCO_IOSXE)
                    .fault(Fault.customPrompt(ODD_PROMPT + " "))
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  /** Creation timeout and session wait far beyond the bound: only a fast failure can pass. */
  static MonitorConfig config() {
    return MonitorConfig.defaults()
        .withPool(
            PoolConfig.builder()
                .createTimeout(LONG)
                .acquireTimeout(LONG)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .circuitBreaker(2, LONG)
                .closeGracePeriod(Duration.ofSeconds(1))
                .build())
        .withScheduler(
            SchedulerConfig.defaults()
                .withInitialSpread(Duration.ofMillis(200))
                .withShutdownGrace(Duration.ofSeconds(1)))
        .withProbe(ProbeConfig.defaults().withAcquireTimeout(LONG));
  }

  private static CheckResult firstResult(String router, String lineId) throws Exception {
    Inventory inv =
        TestInventory.create()
            .add(TestInventory.device(sim.device(router), Protocol.CLI))
            .add(TestInventory.line(lineId, router, "10.0.0.1", 5, Duration.ofSeconds(1), LONG))
            .build();
    RecordingSink sink = new RecordingSink();
    try (Monitor monitor = Monitor.builder(inv).config(config()).sink(sink).build()) {
      monitor.start();
      await().atMost(BOUND).until(() -> !sink.of(lineId).isEmpty());
    }
    List<CheckResult> results = sink.of(lineId);
    return results.get(0);
  }

  private static void assertNoSecret(CheckResult r) {
    assertThat(r.ping().error())
        .doesNotContain(TestInventory.PASSWORD)
        .doesNotContain(TestInventory.ENABLE);
  }

  @Test
  void aRejectedEnableSecretIsEnableFailed() throws Exception {
    CheckResult r = firstResult("enable", "l-enable");
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.ENABLE_FAILED);
    assertThat(r.status()).isEqualTo(PingStatus.ERROR);
    assertThat(r.ping().error()).contains("enable secret was rejected");
    assertNoSecret(r);
  }

  @Test
  void aPromptMatchingNoLevelIsPromptUnrecognisedWithItsText() throws Exception {
    CheckResult r = firstResult("odd", "l-odd");
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.PROMPT_UNRECOGNISED);
    assertThat(r.status()).isEqualTo(PingStatus.ERROR);
    assertThat(r.ping().error()).contains("'" + ODD_PROMPT + "'").contains("cisco_iosxe");
    assertNoSecret(r);
  }
}
