package io.netpool.ssh.sim;

import static io.netpool.ssh.sim.SimSupport.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.PoolException;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.Protocol;
import io.netpool.sim.DeviceSpec;
import io.netpool.sim.Fault;
import io.netpool.sim.SimulatedDevice;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.ssh.AuthenticationFailedException;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.CliResponse;
import io.netpool.ssh.CommandTimeoutException;
import io.netpool.ssh.ExecDriver;
import io.netpool.ssh.ExecFactory;
import io.netpool.ssh.OutputOverflowException;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault of the simulator through the core {@link DevicePool} with the SSH factories: the pool
 * invalidates and rebuilds, acquires fail with the typed exceptions, nothing waits past its
 * timeout, and after {@code pool.close()} no session is open on the device side and no pool thread
 * is left.
 */
class SimFaultsThroughPoolTest {
  /** Slack allowed past a timeout on a loaded 2-core machine. */
  private static final long SLACK_MS = 1500;

  private static final String LONG_SYSNAME =
      "BJ-HQ-CORE-NE40E-X8A-RACK-07-SLOT-03-UPLINK-TO-DC-FABRIC-SPINE-PAIR-B"; // 69 chars

  static Simulator sim;
  static SshTransport transport;
  static SshOptions options;

  @TempDir static Path tmp;

  private DevicePool pool;

  @BeforeAll
  static void start() throws Exception {
    sim =
        SimSupport.simulator()
            .seed(3)
            .timeScale(0)
            .device(
                DeviceSpec.builder("slow", Platform.CISCO_IOSXE)
                    .fault(Fault.slowHandshake(Duration.ofMillis(1500)))
                    .build(),
                DeviceSpec.builder("auth", Platform.CISCO_NXOS).fault(Fault.authFailure()).build(),
                DeviceSpec.builder("vty1", Platform.HUAWEI_VRP).vtyLines(1).build(),
                DeviceSpec.builder("limit1", Platform.H3C_COMWARE)
                    .fault(Fault.sessionLimit(1))
                    .build(),
                DeviceSpec.of("drop-after", Platform.CISCO_IOS),
                DeviceSpec.builder("drop-random", Platform.LINUX)
                    .fault(Fault.dropRandomly(0.25))
                    .build(),
                DeviceSpec.builder("hang-after", Platform.JUNIPER_JUNOS)
                    .fault(Fault.hangAfter(4)) // the 3 on-open commands + 1
                    .build(),
                DeviceSpec.builder("hang", Platform.ARISTA_EOS).fault(Fault.hang()).build(),
                DeviceSpec.builder("slow-out", Platform.H3C_COMWARE)
                    .fault(Fault.slowOutput(7, Duration.ofMillis(5)))
                    .build(),
                DeviceSpec.of("garbage", Platform.CISCO_IOSXR),
                DeviceSpec.of("rename", Platform.CISCO_IOSXE),
                DeviceSpec.of("rename-long", Platform.HUAWEI_VRP),
                DeviceSpec.of("reboot", Platform.CISCO_NXOS))
            .start();
    transport = SshTransport.start();
    options = SimSupport.strictOptions(sim, tmp);
  }

  @AfterAll
  static void stop() {
    SimSupport.close(transport, sim);
  }

  /** After each test: close the pool; no device-side session and no pool thread may remain. */
  @AfterEach
  void closePoolAndCheckForLeaks() {
    if (pool != null) {
      long t0 = System.nanoTime();
      pool.close();
      System.out.printf("FAULTS pool.close() took %d ms%n", ms(t0));
      pool = null;
    }
    SimSupport.assertNoSessions(sim);
    SimSupport.assertNoPoolThreads();
  }

  private static PoolConfig.Builder config() {
    return PoolConfig.builder()
        .maxSessionsPerDevice(2)
        .acquireTimeout(Duration.ofSeconds(10))
        .createTimeout(Duration.ofSeconds(10))
        .healthCheckInterval(Duration.ZERO)
        .validateAfterIdle(Duration.ZERO)
        .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .circuitBreaker(3, Duration.ofSeconds(30))
        .closeGracePeriod(Duration.ofSeconds(2))
        .housekeepingInterval(Duration.ofMillis(100));
  }

  private DevicePool pool(PoolConfig.Builder config) {
    pool =
        DevicePool.builder()
            .config(config.build())
            .factory(
                new CliFactory(transport, options).withDefaultCommandTimeout(Duration.ofSeconds(5)))
            .factory(new ExecFactory(transport, options))
            .build();
    return pool;
  }

  private static Device device(String id) {
    return SimSupport.device(sim.device(id));
  }

  private PoolSnapshot.DeviceSnapshot snapshot(String id, Protocol protocol) {
    return pool.snapshot().device(id, protocol).orElseThrow();
  }

  // ---------------------------------------------------------------- slow handshake

  @Test
  void slowHandshakeWithinTheAcquireTimeoutSucceeds() throws Exception {
    pool(config().createTimeout(Duration.ofSeconds(5)));
    long t0 = System.nanoTime();
    try (Lease<CliDriver> lease = pool.acquire(device("slow"), Protocol.CLI)) {
      long took = ms(t0);
      System.out.printf("FAULTS slow handshake (1500 ms): acquire took %d ms%n", took);
      assertThat(took).isBetween(1500L, 5000L);
      assertThat(lease.driver().send("show clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
  }

  @Test
  void slowHandshakeBeyondTheAcquireTimeoutTimesOutAsCreationSlow() throws Exception {
    pool(config().createTimeout(Duration.ofSeconds(5)));
    long t0 = System.nanoTime();
    AcquireTimeoutException e =
        catchThrowableOfType(
            AcquireTimeoutException.class,
            () -> pool.acquire(device("slow"), Protocol.CLI, Duration.ofMillis(400)));
    long took = ms(t0);
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_SLOW);
    assertThat(took).isBetween(400L, 400 + SLACK_MS);
    // the creation goes on in the background and its session serves the next borrower at once
    await()
        .atMost(Duration.ofSeconds(8))
        .until(() -> snapshot("slow", Protocol.CLI).counts().idle() == 1);
    long t1 = System.nanoTime();
    try (Lease<CliDriver> lease =
        pool.acquire(device("slow"), Protocol.CLI, Duration.ofMillis(500))) {
      assertThat(ms(t1)).isLessThan(500);
      assertThat(lease.driver().isOpen()).isTrue();
    }
    assertThat(sim.device("slow").sessionsOpened()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- authentication failure

  @Test
  void authenticationFailureOpensTheCircuitAndAcquiresFailFast() throws Exception {
    pool(config().backoff(Duration.ofMillis(20), Duration.ofMillis(50)));
    SimulatedDevice auth = sim.device("auth");
    long t0 = System.nanoTime();
    Throwable first = catchThrowable(() -> pool.acquire(device("auth"), Protocol.CLI));
    long took = ms(t0);
    // each creation fails with AuthenticationFailedException; after the threshold the circuit
    // opens and the waiting borrower is failed at once, well before its 10 s timeout
    assertThat(first).isInstanceOf(DeviceUnavailableException.class);
    DeviceUnavailableException du = (DeviceUnavailableException) first;
    assertThat(du.consecutiveFailures()).isEqualTo(3);
    assertThat(du.getCause()).isInstanceOf(AuthenticationFailedException.class);
    assertThat(du.getMessage()).contains("auth").doesNotContain(SimSupport.PASSWORD);
    assertThat(took).isLessThan(5000);
    assertThat(auth.sessionsOpened()).as("one SSH connection per creation").isEqualTo(3);
    // no session leaked on the device side: every failed login was closed
    await().atMost(Duration.ofSeconds(5)).until(() -> auth.activeSessions() == 0);

    // circuit open: acquires fail fast, without touching the device
    for (int i = 0; i < 2; i++) {
      long t1 = System.nanoTime();
      Throwable again = catchThrowable(() -> pool.acquire(device("auth"), Protocol.CLI));
      assertThat(again).isInstanceOf(DeviceUnavailableException.class);
      assertThat(((DeviceUnavailableException) again).retryIn()).isPositive();
      assertThat(ms(t1)).as("fail fast").isLessThan(500);
    }
    assertThat(auth.sessionsOpened()).isEqualTo(3);
    assertThat(snapshot("auth", Protocol.CLI).circuit()).isEqualTo(PoolSnapshot.Circuit.OPEN);
    assertThat(snapshot("auth", Protocol.CLI).lastFailure())
        .contains("AuthenticationFailedException");
    // the exec protocol has its own circuit and fails the same way
    assertThat(catchThrowable(() -> pool.acquire(device("auth"), Protocol.SSH)))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasCauseInstanceOf(AuthenticationFailedException.class);
  }

  // ---------------------------------------------------------------- session limit

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vty1", "limit1"}) // spec vtyLines(1) and Fault.sessionLimit(1)
  void sessionLimitRefusesTheSecondSessionAndTheWaiterGetsTheFirstBack(String id) throws Exception {
    pool(config().maxSessionsPerDevice(2));
    SimulatedDevice d = sim.device(id);
    Lease<CliDriver> first = pool.acquire(device(id), Protocol.CLI);
    CliDriver firstDriver = first.driver();
    CompletableFuture<Lease<CliDriver>> second =
        pool.acquireAsync(device(id), Protocol.CLI, Duration.ofSeconds(20));
    // the pool tries a second session; the device closes it right after accept, more than once
    await().atMost(Duration.ofSeconds(10)).until(() -> d.sessionsRefused() >= 2);
    assertThat(second).isNotDone();
    String failure = snapshot(id, Protocol.CLI).lastFailure();
    System.out.printf("FAULTS session limit (%s): refused creation reported as: %s%n", id, failure);
    // closed during key exchange: reported as such, not as an authentication failure
    assertThat(failure)
        .isNotNull()
        .startsWith(
            "IOException: device "
                + id
                + ": connection closed by the device before the"
                + " SSH key exchange completed")
        .doesNotContain("AuthenticationFailedException");
    // the first session keeps working meanwhile
    assertThat(first.driver().send("display clock").output()).containsPattern("\\d\\d:\\d\\d");
    assertThat(d.activeSessions()).isEqualTo(1);
    // returning it serves the waiting borrower
    first.close();
    try (Lease<CliDriver> l2 = second.get(10, TimeUnit.SECONDS)) {
      assertThat(l2.driver()).isSameAs(firstDriver);
      assertThat(l2.driver().send("display clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
    assertThat(d.sessionsOpened()).isEqualTo(1);
    assertThat(d.activeSessions()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- drops

  @Test
  void dropAfterCommandsFailsTheCommandAndThePoolRebuilds() throws Exception {
    pool(config());
    SimulatedDevice d = sim.device("drop-after");
    d.inject(Fault.dropAfterCommands(3)); // terminal length 0, terminal width 512, 1 command
    CliDriver firstDriver;
    try (Lease<CliDriver> lease = pool.acquire(device("drop-after"), Protocol.CLI)) {
      firstDriver = lease.driver();
      assertThat(lease.driver().send("show clock").output()).containsPattern("\\d\\d:\\d\\d");
      long t0 = System.nanoTime();
      IOException e =
          catchThrowableOfType(
              IOException.class, () -> lease.driver().send("show clock", Duration.ofSeconds(5)));
      long took = ms(t0);
      assertThat(e).isNotNull().isNotInstanceOf(CommandTimeoutException.class);
      assertThat(e.getMessage()).contains("closed");
      assertThat(took).as("the drop is seen at once, not at the timeout").isLessThan(3000);
      assertThat(lease.driver().isOpen()).isFalse();
      lease.invalidate(e);
    }
    try (Lease<CliDriver> lease = pool.acquire(device("drop-after"), Protocol.CLI)) {
      assertThat(lease.driver()).isNotSameAs(firstDriver);
      assertThat(lease.driver().send("show clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
    // the replacement, plus possibly one more for the borrower that raced the rebuild (cap 2)
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> pool.snapshot().totals().creating() == 0 && d.activeSessions() <= 2);
    assertThat(d.sessionsOpened()).isBetween(2L, 3L);
    assertThat(pool.snapshot().sessionsCreated()).isEqualTo(d.sessionsOpened());
  }

  @Test
  void randomDropsAreAbsorbedByThePool() throws Exception {
    // creations fail too when a drop hits an on-open command: no circuit breaker here
    pool(config().circuitBreaker(0, Duration.ofSeconds(1)));
    SimulatedDevice d = sim.device("drop-random");
    int ok = 0;
    int dropped = 0;
    for (int i = 0; i < 40; i++) {
      try (Lease<CliDriver> lease = pool.acquire(device("drop-random"), Protocol.CLI)) {
        long t0 = System.nanoTime();
        try {
          CliResponse r = lease.driver().send("uptime", Duration.ofSeconds(5));
          assertThat(r.output()).contains("load average");
          ok++;
        } catch (IOException e) {
          assertThat(e).isNotInstanceOf(CommandTimeoutException.class);
          assertThat(lease.driver().isOpen()).isFalse();
          dropped++;
          // no invalidate on purpose: the pool sees the dead driver when it comes back
        }
        assertThat(ms(t0)).isLessThan(5000 + SLACK_MS);
      }
    }
    PoolSnapshot s = pool.snapshot();
    System.out.printf(
        "FAULTS drop randomly (p=0.25): %d ok, %d dropped; device accepted %d connections, pool"
            + " created %d sessions%n",
        ok, dropped, d.sessionsOpened(), s.sessionsCreated());
    assertThat(ok).isPositive();
    assertThat(dropped).isPositive();
    assertThat(ok + dropped).isEqualTo(40);
    assertThat(s.sessionsCreated()).isGreaterThanOrEqualTo(dropped); // each drop was replaced
    assertThat(d.sessionsOpened()).isGreaterThanOrEqualTo(s.sessionsCreated());
    assertThat(s.sessionsCreated() - s.sessionsClosed()).isLessThanOrEqualTo(2);
  }

  // ---------------------------------------------------------------- hang

  @Test
  void hangTimesOutTheCommandBreaksTheDriverAndThePoolRebuilds() throws Exception {
    pool(config());
    CliDriver firstDriver;
    Duration timeout = Duration.ofMillis(700);
    try (Lease<CliDriver> lease = pool.acquire(device("hang-after"), Protocol.CLI)) {
      firstDriver = lease.driver();
      assertThat(lease.driver().send("show system uptime").output()).contains("System booted");
      long t0 = System.nanoTime();
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("show system uptime", timeout));
      long took = ms(t0);
      System.out.printf("FAULTS hang: command timed out after %d ms (timeout 700)%n", took);
      assertThat(e).isNotNull();
      assertThat(took).isBetween(700L, 700 + SLACK_MS);
      assertThat(lease.driver().isOpen()).isFalse();
      assertThat(lease.driver().brokenReason()).contains("CommandTimeoutException");
      lease.invalidate(e);
    }
    try (Lease<CliDriver> lease = pool.acquire(device("hang-after"), Protocol.CLI)) {
      assertThat(lease.driver()).isNotSameAs(firstDriver);
      assertThat(lease.driver().send("show system uptime").output()).contains("System booted");
    }
  }

  @Test
  void deviceHangingFromLoginFailsCreationAndExecWithinTheirTimeouts() throws Exception {
    pool(config().createTimeout(Duration.ofMillis(1500)).circuitBreaker(5, Duration.ofSeconds(30)));
    // CLI: the shell never shows a prompt; each creation ends at createTimeout
    long t0 = System.nanoTime();
    AcquireTimeoutException e =
        catchThrowableOfType(
            AcquireTimeoutException.class,
            () -> pool.acquire(device("hang"), Protocol.CLI, Duration.ofSeconds(4)));
    long took = ms(t0);
    System.out.printf(
        "FAULTS hang from login: CLI acquire failed after %d ms: %s%n", took, e.getMessage());
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_FAILING);
    assertThat(took).isBetween(4000L, 4000 + SLACK_MS);
    // exec: login works (the hang is in the channel); the command times out, the channel closes
    try (Lease<ExecDriver> lease = pool.acquire(device("hang"), Protocol.SSH)) {
      long t1 = System.nanoTime();
      CommandTimeoutException ce =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().exec("show clock", Duration.ofMillis(700)));
      assertThat(ce).isNotNull();
      assertThat(ms(t1)).isBetween(700L, 700 + SLACK_MS);
      lease.invalidate(ce);
    }
  }

  // ---------------------------------------------------------------- slow and garbage output

  @Test
  void slowOutputCompletesWithinTheTimeoutAndTheDeadlineStillHolds() throws Exception {
    pool(config());
    try (Lease<CliDriver> lease = pool.acquire(device("slow-out"), Protocol.CLI)) {
      long t0 = System.nanoTime();
      CliResponse r = lease.driver().send("display ip interface brief", Duration.ofSeconds(5));
      long took = ms(t0);
      System.out.printf("FAULTS slow output (7 B / 5 ms): a 400-byte answer took %d ms%n", took);
      List<String> lines = r.output().lines().map(String::strip).toList();
      assertThat(lines.get(0)).isEqualTo("*down: administratively down");
      assertThat(lines.get(lines.size() - 1)).startsWith("Loop0").endsWith("--");
      assertThat(took).isGreaterThan(200).isLessThan(5000);
      assertThat(lease.driver().isOpen()).isTrue();

      // output slower than the deadline: the per-command deadline covers the whole read
      long t1 = System.nanoTime();
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("display version", Duration.ofMillis(500)));
      assertThat(e).isNotNull();
      assertThat(ms(t1)).isBetween(500L, 500 + SLACK_MS);
      assertThat(lease.driver().isOpen()).isFalse();
      lease.invalidate(e);
    }
  }

  @Test
  void garbageOutputBreaksTheDriverAndThePoolRebuilds() throws Exception {
    pool(config());
    SimulatedDevice d = sim.device("garbage");
    CliDriver firstDriver;
    try (Lease<CliDriver> lease = pool.acquire(device("garbage"), Protocol.CLI)) {
      firstDriver = lease.driver();
      d.inject(Fault.garbageOutput(1.0));
      long t0 = System.nanoTime();
      Throwable e = catchThrowable(() -> lease.driver().send("show clock", Duration.ofSeconds(1)));
      long took = ms(t0);
      System.out.printf("FAULTS garbage: %s after %d ms%n", e, took);
      // 64..511 random bytes and no prompt: a timeout (an overflow needs more than maxBufferChars)
      assertThat(e).isInstanceOfAny(CommandTimeoutException.class, OutputOverflowException.class);
      assertThat(took).isLessThan(1000 + SLACK_MS);
      assertThat(lease.driver().isOpen()).isFalse();
      d.clearFaults();
      lease.invalidate(e);
    }
    try (Lease<CliDriver> lease = pool.acquire(device("garbage"), Protocol.CLI)) {
      assertThat(lease.driver()).isNotSameAs(firstDriver);
      assertThat(lease.driver().send("show clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
    assertThat(d.sessionsOpened()).isBetween(2L, 3L);
  }

  // ---------------------------------------------------------------- prompt change

  @Test
  void promptChangeToAnotherValidHostnameIsFollowedByTheDriver() throws Exception {
    pool(config());
    SimulatedDevice d = sim.device("rename");
    CliDriver driver;
    try (Lease<CliDriver> lease = pool.acquire(device("rename"), Protocol.CLI)) {
      driver = lease.driver();
      assertThat(driver.prompt()).isEqualTo("RENAME#");
      d.inject(Fault.promptChange((int) d.commandsRun() + 1, "R1-CORE.lab_2"));
      CliResponse r = driver.send("show clock");
      assertThat(r.prompt()).isEqualTo("R1-CORE.lab_2#");
      assertThat(driver.prompt()).isEqualTo("R1-CORE.lab_2#");
      assertThat(driver.privilegeLevel().name()).isEqualTo("privilege_exec");
      assertThat(driver.send("show clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
    // the same session is lent again: nothing was rebuilt
    try (Lease<CliDriver> lease = pool.acquire(device("rename"), Protocol.CLI)) {
      assertThat(lease.driver()).isSameAs(driver);
      assertThat(lease.driver().send("show clock").prompt()).isEqualTo("R1-CORE.lab_2#");
    }
    assertThat(pool.snapshot().sessionsCreated()).isEqualTo(1);
  }

  @Test
  void promptChangeBeyondTheProfileFailsCleanlyUntilThePromptIsConfigured() throws Exception {
    pool(config().createTimeout(Duration.ofSeconds(3)).circuitBreaker(10, Duration.ofSeconds(30)));
    SimulatedDevice d = sim.device("rename-long");
    try (Lease<CliDriver> lease = pool.acquire(device("rename-long"), Protocol.CLI)) {
      assertThat(lease.driver().prompt()).isEqualTo("<RENAME-LONG>");
      // VRP accepts long sysnames; the profile's prompt pattern allows 63 characters
      d.inject(Fault.promptChange((int) d.commandsRun() + 1, LONG_SYSNAME));
      long t0 = System.nanoTime();
      CommandTimeoutException e =
          catchThrowableOfType(
              CommandTimeoutException.class,
              () -> lease.driver().send("display clock", Duration.ofSeconds(1)));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("<" + LONG_SYSNAME + ">"); // the tail shows why
      assertThat(ms(t0)).isBetween(1000L, 1000 + SLACK_MS);
      assertThat(lease.driver().isOpen()).isFalse();
      lease.invalidate(e);
    }
    // the rebuilt sessions cannot find the prompt either: acquires fail with the typed exception
    long t1 = System.nanoTime();
    AcquireTimeoutException e =
        catchThrowableOfType(
            AcquireTimeoutException.class,
            () -> pool.acquire(device("rename-long"), Protocol.CLI, Duration.ofSeconds(4)));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AcquireTimeoutException.Reason.CREATION_FAILING);
    assertThat(ms(t1)).isBetween(4000L, 4000 + SLACK_MS);
    System.out.printf("FAULTS prompt change beyond the profile: %s%n", e.getMessage());
    // the remedy: a per-device prompt regex (a changed device definition replaces the sessions)
    Device configured =
        SimSupport.device(d, options.withExtraPromptPattern("^<[\\w.\\-]{1,246}>\\s?$"));
    try (Lease<CliDriver> lease = pool.acquire(configured, Protocol.CLI)) {
      assertThat(lease.driver().prompt()).isEqualTo("<" + LONG_SYSNAME + ">");
      assertThat(lease.driver().send("display clock").output()).containsPattern("\\d\\d:\\d\\d");
    }
  }

  // ---------------------------------------------------------------- reboot

  @Test
  void rebootDropsAllSessionsAcquiresFailTypedWhileDownAndRecoverAfter() throws Exception {
    pool(
        config()
            .maxSessionsPerDevice(2)
            .createTimeout(Duration.ofSeconds(3))
            .circuitBreaker(3, Duration.ofSeconds(1)));
    SimulatedDevice d = sim.device("reboot");
    Lease<CliDriver> a = pool.acquire(device("reboot"), Protocol.CLI);
    Lease<CliDriver> b = pool.acquire(device("reboot"), Protocol.CLI);
    CliDriver idleDriver = b.driver();
    b.close(); // one session lent, one idle
    assertThat(d.activeSessions()).isEqualTo(2);

    d.inject(Fault.reboot((int) d.commandsRun() + 1, Duration.ofSeconds(2)));
    IOException dropped =
        catchThrowableOfType(IOException.class, () -> a.driver().send("show clock"));
    assertThat(dropped).isNotNull().isNotInstanceOf(CommandTimeoutException.class);
    assertThat(a.driver().isOpen()).isFalse();
    a.invalidate(dropped);
    assertThat(d.isUp()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> !idleDriver.isOpen());

    // while down: typed failures, each within its timeout
    List<Throwable> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    Throwable down =
        catchThrowable(() -> pool.acquire(device("reboot"), Protocol.CLI, Duration.ofMillis(500)));
    assertThat(ms(t0)).isLessThan(500 + SLACK_MS);
    System.out.printf("FAULTS reboot: acquire while down: %s%n", down);
    failures.add(down);
    // then recovery: keep trying until a session works again
    long t1 = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long s = System.nanoTime();
              try (Lease<CliDriver> l =
                  pool.acquire(device("reboot"), Protocol.CLI, Duration.ofMillis(500))) {
                return l.driver().send("show clock").output().contains(":");
              } catch (PoolException x) {
                assertThat(ms(s)).isLessThan(500 + SLACK_MS);
                failures.add(x);
                return false;
              }
            });
    System.out.printf(
        "FAULTS reboot (2 s down): recovered %d ms after the first failed acquire; failures: %s%n",
        ms(t1), failures.stream().map(x -> x.getClass().getSimpleName()).toList());
    assertThat(failures)
        .isNotEmpty()
        .allSatisfy(
            x ->
                assertThat(x)
                    .isInstanceOfAny(
                        AcquireTimeoutException.class, DeviceUnavailableException.class));
    assertThat(d.isUp()).isTrue();
    // the refused connections are reported as such (IOException naming the address), not as an
    // unchecked "Failed to get the session"
    List<Throwable> causes =
        failures.stream().map(Throwable::getCause).filter(c -> c != null).toList();
    assertThat(causes).isNotEmpty().allSatisfy(c -> assertThat(c).isInstanceOf(IOException.class));
    assertThat(causes)
        .anySatisfy(
            c ->
                assertThat(c.getMessage())
                    .contains("cannot connect to " + d.host() + ":" + d.port()));
  }
}
