package io.netpool.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.Inventory;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.PrivilegePolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A read-only AAA account end to end: the router refuses every enable secret, so the default policy
 * fails the login as {@code enable_failed}, while {@code privilege: never-escalate} pings from the
 * login level and reports the line.
 */
class ReadOnlyRouterSimTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  static Simulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim =
        TestInventory.simulator()
            .seed(23)
            .timeScale(0.05)
            .device(
                DeviceSpec.builder("ro", Platform.CISCO_IOS)
                    .enableRequired(true)
                    .fault(Fault.enableRejected())
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static CheckResult firstResult(PrivilegePolicy policy) throws Exception {
    var router = TestInventory.device(sim.device("ro"), Protocol.CLI);
    if (policy != null) {
      router = router.withAccess(SessionOptions.of(PrivilegePolicy.class, policy));
    }
    Inventory inv =
        TestInventory.create()
            .add(router)
            .add(TestInventory.line("l-ro", "ro", "10.0.0.1", 5, Duration.ofSeconds(1), BOUND))
            .build();
    RecordingSink sink = new RecordingSink();
    try (Monitor monitor =
        Monitor.builder(inv).config(LoginFailureKindsSimTest.config()).sink(sink).build()) {
      monitor.start();
      await().atMost(BOUND).until(() -> !sink.of("l-ro").isEmpty());
    }
    return sink.of("l-ro").get(0);
  }

  @Test
  void theDefaultPolicyFailsAtEnable() throws Exception {
    CheckResult r = firstResult(null);
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.ENABLE_FAILED);
  }

  @Test
  void neverEscalatePingsFromTheLoginLevel() throws Exception {
    CheckResult r = firstResult(PrivilegePolicy.NEVER_ESCALATE);
    assertThat(r.failure()).as("%s", r).isNull();
    assertThat(r.status()).isEqualTo(PingStatus.OK);
    assertThat(r.ping().received()).isEqualTo(5);
  }
}
