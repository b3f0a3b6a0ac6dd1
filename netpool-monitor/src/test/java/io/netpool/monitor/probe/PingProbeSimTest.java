package io.netpool.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.engine.TestInventory;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.probe.run.ProbeCheck;
import io.netpool.pool.DevicePool;
import io.netpool.pool.PoolConfig;
import io.netpool.pool.Protocol;
import io.netpool.sim.Fault;
import io.netpool.sim.Simulator;
import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.TargetBehaviour;
import io.netpool.ssh.CliFactory;
import io.netpool.ssh.ExecFactory;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.SshTransport;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ping probe through the real SSH path (pool, CLI and exec drivers) against simulated routers
 * of every platform: statuses for 0 %, 20 %, total loss, unreachable and a rejected address; the
 * per-reply distribution where the platform prints it; IPv6 targets, reachable and unreachable; and
 * the failure kinds for faulty devices.
 */
class PingProbeSimTest {
  static final String OK = "10.0.0.1";
  static final String LOSS20 = "10.0.0.2";
  static final String LOST = "10.0.0.3";
  static final String UNREACH = "10.0.0.4";
  static final String V6_OK = "2001:db8:1::2";
  static final String V6_UNREACH = "2001:db8:1::4";
  // the "-v4" routers do not run IPv6, so they refuse an IPv6 target as a bad address
  static final String BAD = "2001:db8::1";

  /** Platforms whose ping prints every reply's time (the others print a summary only). */
  static final Set<Platform> PER_REPLY =
      EnumSet.of(
          Platform.CISCO_NXOS,
          Platform.HUAWEI_VRP,
          Platform.H3C_COMWARE,
          Platform.ARISTA_EOS,
          Platform.LINUX);

  static Simulator sim;
  static SshTransport transport;
  static DevicePool pool;
  static ProbeCheck probe;

  @BeforeAll
  static void start() throws Exception {
    List<io.netpool.sim.DeviceSpec> specs = new ArrayList<>();
    for (Platform p : Platform.values()) {
      specs.add(
          io.netpool.sim.DeviceSpec.builder(p.id(), p)
              .target(OK, TargetBehaviour.latency(1, 5))
              .target(LOSS20, TargetBehaviour.pattern("!!.!!").withLatency(1, 5))
              .target(LOST, TargetBehaviour.totalLoss())
              .target(UNREACH, TargetBehaviour.unreachableTarget())
              .target(V6_OK, TargetBehaviour.latency(1, 5))
              .target(V6_UNREACH, TargetBehaviour.unreachableTarget())
              .build());
      specs.add(io.netpool.sim.DeviceSpec.builder(p.id() + "-v4", p).ipv6(false).build());
    }
    specs.add(
        io.netpool.sim.DeviceSpec.builder("auth", Platform.CISCO_IOSXE)
            .fault(Fault.authFailure())
            .build());
    specs.add(
        io.netpool.sim.DeviceSpec.builder("hang", Platform.LINUX).fault(Fault.hang()).build());
    specs.add(
        io.netpool.sim.DeviceSpec.builder("garbage", Platform.LINUX)
            .fault(Fault.garbageOutput(1.0))
            .build());
    specs.add(io.netpool.sim.DeviceSpec.builder("cli-garbage", Platform.CISCO_IOS).build());
    specs.add(
        io.netpool.sim.DeviceSpec.builder("cli-both", Platform.CISCO_IOS)
            .slaOperation("10", io.netpool.sim.platform.sla.SlaOperation.icmpEcho(OK))
            .build());
    sim = TestInventory.simulator().seed(7).timeScale(0.02).devices(specs).start();
    transport = SshTransport.start();
    pool =
        DevicePool.builder()
            .config(
                PoolConfig.builder()
                    // failures at 0, 0.5, 1.5 s: within the 3 s acquire the circuit (5 in a row)
                    // stays closed, so the first result names the cause, not ROUTER_UNAVAILABLE
                    .backoff(Duration.ofMillis(500), Duration.ofSeconds(2))
                    .build())
            .factory(new CliFactory(transport, SshOptions.defaults()))
            .factory(new ExecFactory(transport, SshOptions.defaults()))
            .build();
    probe =
        new ProbeCheck(
            pool,
            ProbeConfig.defaults()
                .withAcquireTimeout(Duration.ofSeconds(3))
                .withCommandMargin(Duration.ofMillis(1500)),
            spec -> spec.toDevice(SshOptions.defaults()));
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close();
    }
    if (transport != null) {
      transport.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  static DeviceSpec router(String id, Protocol protocol) {
    return TestInventory.device(sim.device(id), protocol);
  }

  static CheckResult ping(DeviceSpec router, String target) throws InterruptedException {
    return ping(router, target, 5);
  }

  static CheckResult ping(DeviceSpec router, String target, int repeat)
      throws InterruptedException {
    LineSpec line =
        TestInventory.line(
            "l-" + router.id() + "-" + target,
            router.id(),
            target,
            repeat,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60));
    return probe.check(line, router, Instant.now());
  }

  static Stream<Arguments> platforms() {
    List<Arguments> out = new ArrayList<>();
    for (Platform p : Platform.values()) {
      out.add(Arguments.of(p.id(), Protocol.CLI));
      out.add(Arguments.of(p.id(), Protocol.SSH));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("platforms")
  void statusesThroughTheRealSshPath(String platform, Protocol protocol) throws Exception {
    DeviceSpec router = router(platform, protocol);

    CheckResult ok = ping(router, OK);
    assertThat(ok.failure()).as("%s", ok).isNull();
    assertThat(ok.status()).isEqualTo(PingStatus.OK);
    assertThat(ok.ping().sent()).isEqualTo(5);
    assertThat(ok.ping().received()).isEqualTo(5);
    assertThat(ok.ping().lossPercent()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(ok.ping().rttAvgMs()).isNotNull();
    assertThat(ok.command())
        .isEqualTo(
            PingPlatform.of(platform)
                .command(
                    TestInventory.line(
                            "x", platform, OK, 5, Duration.ofSeconds(1), Duration.ofSeconds(60))
                        .pingRequest()));

    CheckResult degraded = ping(router, LOSS20);
    assertThat(degraded.failure()).as("%s", degraded).isNull();
    assertThat(degraded.status()).isEqualTo(PingStatus.DEGRADED);
    assertThat(degraded.ping().lossPercent()).isEqualByComparingTo(new BigDecimal(20));
    assertThat(degraded.ping().received()).isEqualTo(4);

    CheckResult down = ping(router, LOST);
    assertThat(down.failure()).as("%s", down).isNull();
    assertThat(down.status()).isEqualTo(PingStatus.DOWN);
    assertThat(down.ping().lossPercent()).isEqualByComparingTo(new BigDecimal(100));
    assertThat(down.ping().rttAvgMs()).isNull();

    CheckResult unreachable = ping(router, UNREACH);
    assertThat(unreachable.failure()).as("%s", unreachable).isNull();
    assertThat(unreachable.ping().received()).isZero();
    // every platform says so: Huawei and H3C because the probe asks with -v, Junos by its U
    assertThat(unreachable.status()).as("%s", unreachable).isEqualTo(PingStatus.UNREACHABLE);

    CheckResult bad = ping(router(platform + "-v4", protocol), BAD);
    assertThat(bad.status()).as("%s", bad).isEqualTo(PingStatus.ERROR);
    assertThat(bad.failure()).as("%s", bad).isEqualTo(FailureKind.COMMAND_FAILED);
    assertThat(bad.ping().error()).isNotBlank();
    System.out.printf(
        "PROBE %-14s %-3s ok=%s degraded=%s down=%s unreachable=%s bad=%s (%s)%n",
        platform,
        protocol,
        ok.status().wireName(),
        degraded.status().wireName(),
        down.status().wireName(),
        unreachable.status().wireName(),
        bad.failure(),
        bad.ping().error());
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("platforms")
  void distributionAndIpv6ThroughTheRealSshPath(String platform, Protocol protocol)
      throws Exception {
    DeviceSpec router = router(platform, protocol);
    boolean perReply = PER_REPLY.contains(Platform.of(platform));

    for (String target : List.of(OK, V6_OK)) {
      CheckResult r = ping(router, target);
      assertThat(r.status()).as("%s", r).isEqualTo(PingStatus.OK);
      PingResult p = r.ping();
      if (perReply) {
        assertThat(p.rttsMs()).as("%s", r).hasSize(5);
        // iputils rounds reply lines to fewer decimals than its summary: 0.01 ms of slack
        BigDecimal slack = new BigDecimal("0.01");
        BigDecimal low = p.rttMinMs().subtract(slack);
        BigDecimal high = p.rttMaxMs().add(slack);
        assertThat(p.rttsMs()).allSatisfy(t -> assertThat(t).isBetween(low, high));
        assertThat(p.rttMedianMs()).isBetween(low, high);
        assertThat(p.rttStddevMs()).isNotNull();
        assertThat(p.jitterMs()).isNotNull();
      } else {
        // IOS-family !!!!! and Junos rapid: no per-reply time, so none is invented
        assertThat(p.rttsMs()).as("%s", r).isNull();
        assertThat(p.rttMedianMs()).isNull();
        assertThat(p.jitterMs()).isNull();
      }
    }
    CheckResult v6 = ping(router, V6_OK);
    assertThat(v6.command()).contains(V6_OK);

    CheckResult unreachable = ping(router, V6_UNREACH);
    assertThat(unreachable.failure()).as("%s", unreachable).isNull();
    assertThat(unreachable.ping().received()).isZero();
    assertThat(unreachable.status())
        .as("%s", unreachable)
        .isEqualTo(ipv6UnreachableStatus(Platform.of(platform)));
  }

  /**
   * What each platform shows for an IPv6 target that answers with ICMPv6 unreachables: VRP and
   * Comware have no {@code -v} for {@code ping ipv6} and NX-OS's ping6 prints ICMPv6 errors only
   * when verbose, so there the probes time out; the others show the error ({@code U}, iputils'
   * {@code Destination unreachable}).
   */
  static PingStatus ipv6UnreachableStatus(Platform p) {
    return switch (p) {
      case HUAWEI_VRP, H3C_COMWARE, CISCO_NXOS -> PingStatus.DOWN;
      default -> PingStatus.UNREACHABLE;
    };
  }

  @Test
  void authFailureIsReportedAsAuthFailed() throws Exception {
    CheckResult r = ping(router("auth", Protocol.CLI), OK);
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(r.status()).isEqualTo(PingStatus.ERROR);
    assertThat(r.command()).isNull();
  }

  @Test
  void closedPortIsRouterUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DeviceSpec nobody =
        TestInventory.device(
            "nobody", "127.0.0.1", port, PingPlatform.of("cisco_ios"), Protocol.CLI, 0);
    CheckResult r = ping(nobody, OK);
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.ROUTER_UNREACHABLE);
  }

  @Test
  void hangingCommandTimesOutAndTheSessionIsDiscarded() throws Exception {
    DeviceSpec router = router("hang", Protocol.SSH);
    long t0 = System.nanoTime();
    CheckResult r = ping(router, OK, 1);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.COMMAND_TIMEOUT);
    assertThat(r.command()).isNotNull();
    // deadline: 1 probe × 1 s + 1.5 s margin
    assertThat(ms).isBetween(2_400L, 6_000L);
  }

  @Test
  void aTypeAfterALostSessionIsNotRunAndSaysWhy() throws Exception {
    DeviceSpec router = router("cli-both", Protocol.CLI);
    LineSpec line =
        TestInventory.line(
                "l-both", router.id(), OK, 1, Duration.ofSeconds(1), Duration.ofMinutes(1))
            .withProbes(
                new io.netpool.monitor.inventory.ProbeSelection(
                    java.util.List.of("ping", "sla"),
                    java.util.Map.of("operation", "10"),
                    Duration.ofMinutes(1)));
    CheckResult both = probe.check(line, router, Instant.now());
    assertThat(both.status()).as("%s", both).isEqualTo(PingStatus.OK);
    assertThat(both.reading("sla").status()).as("%s", both).isEqualTo("ok");
    sim.device("cli-both").inject(Fault.hang());
    try {
      CheckResult r = probe.check(line, router, Instant.now());
      assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.COMMAND_TIMEOUT);
      assertThat(r.reading("sla"))
          .as("%s", r)
          .satisfies(
              sla -> {
                assertThat(sla.failure()).isEqualTo(FailureKind.COMMAND_TIMEOUT);
                assertThat(sla.message())
                    .isEqualTo("not run: the session was given up after the ping command");
                assertThat(sla.command()).as("never sent").isNull();
              });
    } finally {
      sim.device("cli-both").clearFaults();
    }
  }

  @Test
  void garbageOutputIsUnparseable() throws Exception {
    CheckResult r = ping(router("garbage", Protocol.SSH), OK);
    assertThat(r.failure()).as("%s", r).isEqualTo(FailureKind.UNPARSEABLE_OUTPUT);
    assertThat(r.status()).isEqualTo(PingStatus.ERROR);
  }

  @Test
  void garbageWithoutPromptOnCliTimesOut() throws Exception {
    DeviceSpec router = router("cli-garbage", Protocol.CLI);
    assertThat(ping(router, OK).status()).isEqualTo(PingStatus.OK); // session opened
    sim.device("cli-garbage").inject(Fault.garbageOutput(1.0));
    try {
      CheckResult r = ping(router, OK, 1);
      assertThat(r.failure())
          .as("%s", r)
          .isIn(FailureKind.COMMAND_TIMEOUT, FailureKind.UNPARSEABLE_OUTPUT);
    } finally {
      sim.device("cli-garbage").clearFaults();
    }
    // the broken session was discarded: the next check gets a new one and works
    CheckResult again = ping(router, OK);
    assertThat(again.status()).as("%s", again).isEqualTo(PingStatus.OK);
  }

  @Test
  void commandDeadlineIsRepeatTimesTimeoutPlusMargin() {
    LineSpec line =
        TestInventory.line("d", "r", OK, 5, Duration.ofMillis(1500), Duration.ofSeconds(60));
    // 1.5 s rounds up to 2 s on platforms that take seconds: 5 × 2 s + 1.5 s margin
    assertThat(probe.commandDeadline(line)).isEqualTo(Duration.ofMillis(11_500));
    LineSpec fast =
        TestInventory.line("d", "r", OK, 3, Duration.ofMillis(200), Duration.ofSeconds(60));
    assertThat(probe.commandDeadline(fast)).isEqualTo(Duration.ofMillis(4_500));
  }
}
