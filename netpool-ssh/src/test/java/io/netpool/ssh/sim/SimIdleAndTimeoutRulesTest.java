package io.netpool.ssh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.HealthCheckInterval;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.CommandTimeoutException;
import io.netpool.ssh.CommandTimeoutRule;
import io.netpool.ssh.IdleKeepalive;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anti-idle and command-timeout rules of CLI sessions against simulated devices over real SSH:
 * a device that logs idle shells out ({@link Fault.IdleLogout}, like {@code exec-timeout}) keeps a
 * session only with its own keepalive ({@link HealthCheckInterval} + {@link IdleKeepalive}); a
 * command timeout replaces the session by default and keeps it under {@link
 * CommandTimeoutRule#resyncWithin} once the prompt is back.
 */
class SimIdleAndTimeoutRulesTest {
  private static final Duration IDLE_LOGOUT = Duration.ofMillis(1500);
  private static final Duration KEEPALIVE = Duration.ofMillis(400);
  private static final Duration T = Duration.ofSeconds(10);

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  private DevicePool pool;

  @BeforeAll
  static void start() throws Exception {
    sim =
        SimSupport.simulator()
            .seed(5)
            .timeScale(0)
            .device(
                DeviceSpec.builder("idle-newline", Platform.CISCO_IOS)
                    .fault(Fault.idleLogout(IDLE_LOGOUT))
                    .build(),
                DeviceSpec.builder("idle-nul", Platform.CISCO_IOS)
                    .fault(Fault.idleLogout(IDLE_LOGOUT))
                    .build(),
                DeviceSpec.builder("idle-none", Platform.CISCO_IOS)
                    .fault(Fault.idleLogout(IDLE_LOGOUT))
                    .build(),
                // about 1.5 s for "display version": 16 bytes every 20 ms
                DeviceSpec.builder("slow-replace", Platform.H3C_COMWARE)
                    .fault(Fault.slowOutput(16, Duration.ofMillis(20)))
                    .build(),
                DeviceSpec.builder("slow-resync", Platform.H3C_COMWARE)
                    .fault(Fault.slowOutput(16, Duration.ofMillis(20)))
                    .build(),
                DeviceSpec.builder("hang-resync", Platform.JUNIPER_JUNOS)
                    .fault(Fault.hangAfter(3)) // the 3 on-open commands: the next one hangs
                    .build())
            .start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
    SimSupport.assertNoSessions(sim);
  }

  /** The pool itself never checks idle sessions: only a device's own keepalive does. */
  private DevicePool pool() {
    pool =
        DevicePool.builder()
            .config(
                PoolConfig.builder()
                    .maxSessionsPerDevice(1)
                    .acquireTimeout(T)
                    .createTimeout(T)
                    .healthCheckInterval(Duration.ZERO)
                    .validateAfterIdle(Duration.ZERO)
                    .housekeepingInterval(Duration.ofMillis(100))
                    .closeGracePeriod(Duration.ofSeconds(2))
                    .build())
            .factory(new CliFactory(transport, options).withDefaultCommandTimeout(T))
            .build();
    return pool;
  }

  private static Device device(String id, SessionOptions own) {
    Device d = SimSupport.device(sim.device(id));
    SessionOptions merged = d.options();
    for (Class<?> type : new Class<?>[] {HealthCheckInterval.class, IdleKeepalive.class}) {
      merged = copy(own, merged, type);
    }
    merged = copy(own, merged, CommandTimeoutRule.class);
    return d.withOptions(merged);
  }

  private static <T> SessionOptions copy(SessionOptions from, SessionOptions to, Class<T> type) {
    return from.get(type).map(v -> to.with(type, v)).orElse(to);
  }

  private static CliDriver useOnce(DevicePool pool, Device device) throws Exception {
    String clock = device.platform().startsWith("h3c") ? "display clock" : "show clock";
    try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
      assertThat(lease.driver().send(clock, T).output()).containsPattern("\\d\\d:\\d\\d");
      return lease.driver();
    }
  }

  @Test
  void theDevicesOwnKeepaliveKeepsIdleSessionsLoggedInWhileOthersAreLoggedOut() throws Exception {
    DevicePool pool = pool();
    SessionOptions every400ms =
        SessionOptions.of(HealthCheckInterval.class, new HealthCheckInterval(KEEPALIVE));
    Device newline = device("idle-newline", every400ms);
    Device nul = device("idle-nul", every400ms.with(IdleKeepalive.class, IdleKeepalive.NUL));
    Device none = device("idle-none", SessionOptions.NONE);
    CliDriver newlineFirst = useOnce(pool, newline);
    CliDriver nulFirst = useOnce(pool, nul);
    useOnce(pool, none);

    SimulatedDevice keptByNewline = sim.device("idle-newline");
    SimulatedDevice keptByNul = sim.device("idle-nul");
    SimulatedDevice loggedOut = sim.device("idle-none");
    await("the device without keepalive logs its idle shell out")
        .atMost(T)
        .until(() -> loggedOut.idleLogouts() == 1);
    await("three idle-logout times, the kept sessions stay logged in")
        .during(IDLE_LOGOUT.multipliedBy(3))
        .atMost(IDLE_LOGOUT.multipliedBy(3).plus(T))
        .until(
            () ->
                keptByNewline.idleLogouts() == 0
                    && keptByNul.idleLogouts() == 0
                    && keptByNewline.activeSessions() == 1
                    && keptByNul.activeSessions() == 1);

    assertThat(useOnce(pool, newline)).as("the same session").isSameAs(newlineFirst);
    assertThat(useOnce(pool, nul)).as("the same session").isSameAs(nulFirst);
    assertThat(keptByNewline.sessionsOpened()).isEqualTo(1);
    assertThat(keptByNul.sessionsOpened()).isEqualTo(1);
    // without keepalive the pool notices each logout and logs in again: churn at the AAA server
    useOnce(pool, none);
    assertThat(loggedOut.sessionsOpened()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aCommandTimeoutReplacesTheSessionByDefault() throws Exception {
    DevicePool pool = pool();
    Device device = device("slow-replace", SessionOptions.NONE);
    try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("display version", Duration.ofMillis(300)));
      assertThat(e.sessionKept()).isFalse();
      assertThat(lease.driver().isOpen()).isFalse();
      lease.invalidate(e);
    }
    useOnce(pool, device);
    assertThat(sim.device("slow-replace").sessionsOpened()).isEqualTo(2);
  }

  @Test
  void resyncKeepsTheSessionOnceThePromptIsBackAndTheNextCommandGetsOnlyItsOwnOutput()
      throws Exception {
    DevicePool pool = pool();
    Device device =
        device(
            "slow-resync",
            SessionOptions.of(CommandTimeoutRule.class, CommandTimeoutRule.resyncWithin(T)));
    CliDriver first;
    try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
      first = lease.driver();
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("display version", Duration.ofMillis(300)));
      assertThat(e.sessionKept()).isTrue();
      assertThat(e.getMessage()).contains("timed out").contains("kept");
      assertThat(lease.driver().isOpen()).isTrue();
      String clock = lease.driver().send("display clock", T).output();
      assertThat(clock).containsPattern("\\d\\d:\\d\\d:\\d\\d").doesNotContain("Comware");
    }
    assertThat(useOnce(pool, device)).isSameAs(first);
    assertThat(sim.device("slow-resync").sessionsOpened()).isEqualTo(1);
  }

  @Test
  void resyncGivesUpWhenThePromptDoesNotComeBackAndTheSessionIsReplaced() throws Exception {
    DevicePool pool = pool();
    Device device =
        device(
            "hang-resync",
            SessionOptions.of(
                CommandTimeoutRule.class, CommandTimeoutRule.resyncWithin(Duration.ofMillis(500))));
    try (Lease<CliDriver> lease = pool.acquire(device, Protocol.CLI)) {
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("show version", Duration.ofMillis(300)));
      assertThat(e.sessionKept()).isFalse();
      assertThat(e.getSuppressed()).as("why the resync failed").isNotEmpty();
      assertThat(lease.driver().isOpen()).isFalse();
      lease.invalidate(e);
    }
  }
}
