package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retirement rules as a table: each row is a situation (when the pool asks, the session's
 * fields, the pool's settings) and the decision expected, with whether a successor is owed. No
 * pool, no threads: {@link SessionRules} is pure.
 */
class SessionRulesTest {
  private static final Device DEVICE = Device.of("r1", "10.0.0.1", "cisco_iosxe");

  /** When the pool asks the rules. */
  enum When {
    LEND,
    CLAIM,
    CREATED,
    RETURN,
    SWEEP_IDLE,
    SWEEP_LENT
  }

  /**
   * One situation, at time {@link #now} (seconds): a session created at 0 with the given fields, on
   * a slot of the given generation, under settings that start from {@link #settings()}.
   */
  static final class Situation {
    final When when;
    UnaryOperator<PoolConfig.Builder> config = UnaryOperator.identity();
    int sessionGeneration = 1;
    int slotGeneration = 1;
    boolean open = true;
    long uses = 1;
    EvictionReason marked;
    boolean poolClosed;
    long now = 10;
    long lastUsedAt = 9;
    long lastCheckedAt = 9;
    int idleCount = 1;

    Situation(When when) {
      this.when = when;
    }

    Situation config(UnaryOperator<PoolConfig.Builder> c) {
      this.config = c;
      return this;
    }

    Situation generations(int session, int slot) {
      sessionGeneration = session;
      slotGeneration = slot;
      return this;
    }

    Situation disconnected() {
      open = false;
      return this;
    }

    Situation uses(long n) {
      uses = n;
      return this;
    }

    Situation marked(EvictionReason reason) {
      marked = reason;
      return this;
    }

    Situation poolClosed() {
      poolClosed = true;
      return this;
    }

    Situation at(long seconds) {
      now = seconds;
      return this;
    }

    Situation lastUsedAt(long seconds) {
      lastUsedAt = seconds;
      return this;
    }

    Situation idleCount(int n) {
      idleCount = n;
      return this;
    }

    EvictionReason decide() {
      SessionRules rules = new SessionRules(config.apply(settings()).build());
      FakeDriver driver = new FakeDriver(Protocol.SSH, DEVICE, 1);
      if (!open) {
        driver.drop();
      }
      PooledSession s =
          new PooledSession(
              1,
              null,
              DEVICE,
              driver,
              sessionGeneration,
              ConnectionState.IDLE,
              0,
              rules.expiresAt(0, 0.0));
      s.uses = uses;
      s.retireOnReturn = marked;
      s.lastUsedAt = sec(lastUsedAt);
      s.lastCheckedAt = sec(lastCheckedAt);
      long t = sec(now);
      return switch (when) {
        case LEND -> rules.onLend(s, slotGeneration);
        case CLAIM -> rules.onClaim(s, slotGeneration);
        case CREATED -> rules.onCreated(s, slotGeneration, poolClosed);
        case RETURN -> rules.onReturn(s, slotGeneration, poolClosed);
        case SWEEP_IDLE -> rules.onSweepIdle(s, slotGeneration, t, idleCount);
        case SWEEP_LENT -> rules.onSweepLent(s, t);
      };
    }
  }

  /** Lifetime 60 s without jitter, idle timeout 30 s, no max uses, no min idle. */
  static PoolConfig.Builder settings() {
    return PoolConfig.builder()
        .maxLifetime(Duration.ofSeconds(60))
        .lifetimeJitter(0)
        .idleTimeout(Duration.ofSeconds(30))
        .maxUses(0)
        .minIdlePerDevice(0)
        .healthCheckInterval(Duration.ofSeconds(20))
        .validateAfterIdle(Duration.ofSeconds(5))
        .leakDetectionThreshold(Duration.ofSeconds(15));
  }

  static long sec(long s) {
    return Duration.ofSeconds(s).toNanos();
  }

  static Situation when(When w) {
    return new Situation(w);
  }

  static Arguments row(
      String what, Situation situation, EvictionReason decision, boolean successorOwed) {
    return Arguments.of(what, situation, decision, successorOwed);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // lending: the borrower's own generation check (I5b)
        row("lend: current session", when(When.LEND), null, false),
        row(
            "lend: evicted since it was handed over",
            when(When.LEND).generations(1, 2),
            EvictionReason.MANUAL,
            false),
        row(
            "lend: transport state is not the lender's business",
            when(When.LEND).disconnected(),
            null,
            false),
        // claiming an idle session
        row("claim: fit session", when(When.CLAIM), null, false),
        row(
            "claim: old generation",
            when(When.CLAIM).generations(1, 2),
            EvictionReason.MANUAL,
            false),
        row(
            "claim: transport gone",
            when(When.CLAIM).disconnected(),
            EvictionReason.DISCONNECTED,
            true),
        row(
            "claim: old generation wins over transport gone",
            when(When.CLAIM).generations(1, 2).disconnected(),
            EvictionReason.MANUAL,
            false),
        // a creation that completes
        row("created: offered", when(When.CREATED), null, false),
        row(
            "created: pool closed meanwhile",
            when(When.CREATED).poolClosed(),
            EvictionReason.POOL_CLOSED,
            false),
        row(
            "created: device redefined meanwhile",
            when(When.CREATED).generations(1, 2),
            EvictionReason.MANUAL,
            false),
        // a lease that ends normally
        row("return: kept", when(When.RETURN), null, false),
        row(
            "return: pool closed",
            when(When.RETURN).poolClosed().generations(1, 2),
            EvictionReason.POOL_CLOSED,
            false),
        row(
            "return: old generation",
            when(When.RETURN).generations(1, 2).marked(EvictionReason.LIFETIME),
            EvictionReason.MANUAL,
            false),
        row(
            "return: marked past its lifetime while lent",
            when(When.RETURN).marked(EvictionReason.LIFETIME).uses(5).config(b -> b.maxUses(5)),
            EvictionReason.LIFETIME,
            true),
        row(
            "return: max uses reached",
            when(When.RETURN).uses(5).config(b -> b.maxUses(5)),
            EvictionReason.MAX_USES,
            true),
        row(
            "return: below max uses",
            when(When.RETURN).uses(4).config(b -> b.maxUses(5)),
            null,
            false),
        row("return: max uses off", when(When.RETURN).uses(1_000_000), null, false),
        row(
            "return: transport gone",
            when(When.RETURN).disconnected(),
            EvictionReason.DISCONNECTED,
            true),
        // housekeeping sweep of an idle session
        row("sweep idle: fresh", when(When.SWEEP_IDLE), null, false),
        row(
            "sweep idle: old generation",
            when(When.SWEEP_IDLE).generations(1, 2),
            EvictionReason.MANUAL,
            false),
        row(
            "sweep idle: transport gone",
            when(When.SWEEP_IDLE).disconnected(),
            EvictionReason.DISCONNECTED,
            true),
        row(
            "sweep idle: past its lifetime",
            when(When.SWEEP_IDLE).at(60).lastUsedAt(59),
            EvictionReason.LIFETIME,
            true),
        row(
            "sweep idle: lifetime off",
            when(When.SWEEP_IDLE)
                .at(6000)
                .lastUsedAt(5999)
                .config(b -> b.maxLifetime(Duration.ZERO)),
            null,
            false),
        row(
            "sweep idle: lifetime wins over idle timeout",
            when(When.SWEEP_IDLE).at(61).lastUsedAt(0),
            EvictionReason.LIFETIME,
            true),
        row(
            "sweep idle: idle longer than the timeout",
            when(When.SWEEP_IDLE).at(40).lastUsedAt(9),
            EvictionReason.IDLE,
            false),
        row(
            "sweep idle: idle too long but only min-idle sessions left",
            when(When.SWEEP_IDLE).at(40).lastUsedAt(9).config(b -> b.minIdlePerDevice(1)),
            null,
            false),
        row(
            "sweep idle: idle too long, more than min-idle",
            when(When.SWEEP_IDLE)
                .at(40)
                .lastUsedAt(9)
                .idleCount(2)
                .config(b -> b.minIdlePerDevice(1)),
            EvictionReason.IDLE,
            false),
        row(
            "sweep idle: idle timeout off",
            when(When.SWEEP_IDLE).at(59).lastUsedAt(0).config(b -> b.idleTimeout(Duration.ZERO)),
            null,
            false),
        // housekeeping sweep of a lent session
        row("sweep lent: within its lifetime", when(When.SWEEP_LENT).at(59), null, false),
        row(
            "sweep lent: past its lifetime is marked",
            when(When.SWEEP_LENT).at(60),
            EvictionReason.LIFETIME,
            true),
        row(
            "sweep lent: already marked",
            when(When.SWEEP_LENT).at(60).marked(EvictionReason.LIFETIME),
            null,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decision(String what, Situation situation, EvictionReason expected, boolean successorOwed) {
    EvictionReason actual = situation.decide();
    assertThat(actual).as(what).isEqualTo(expected);
    assertThat(actual != null && SessionRules.needsSuccessor(actual))
        .as("%s: successor owed", what)
        .isEqualTo(successorOwed);
  }

  static Stream<Arguments> successors() {
    return Stream.of(
        Arguments.of(EvictionReason.IDLE, false),
        Arguments.of(EvictionReason.LIFETIME, true),
        Arguments.of(EvictionReason.MAX_USES, true),
        Arguments.of(EvictionReason.HEALTH, true),
        Arguments.of(EvictionReason.MANUAL, false),
        Arguments.of(EvictionReason.MAKE_ROOM, false),
        Arguments.of(EvictionReason.DISCONNECTED, true),
        Arguments.of(EvictionReason.POOL_CLOSED, false));
  }

  @ParameterizedTest(name = "{0} -> successor {1}")
  @MethodSource("successors")
  void everyReasonSaysWhetherASuccessorIsOwed(EvictionReason reason, boolean owed) {
    assertThat(SessionRules.needsSuccessor(reason)).isEqualTo(owed);
    assertThat(successors()).hasSize(EvictionReason.values().length);
  }

  @Test
  void lifetimeJitterShortensTheLifetimeByAtMostItsShare() {
    SessionRules rules =
        new SessionRules(
            settings().maxLifetime(Duration.ofSeconds(100)).lifetimeJitter(0.2).build());
    assertThat(rules.expiresAt(sec(1), 0.0)).isEqualTo(sec(101));
    assertThat(rules.expiresAt(sec(1), 0.5)).isEqualTo(sec(91));
    assertThat(rules.expiresAt(sec(1), 0.999)).isGreaterThan(sec(81));
    SessionRules off = new SessionRules(settings().maxLifetime(Duration.ZERO).build());
    assertThat(off.expiresAt(sec(1), 0.5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void validationHealthChecksAndLeaksAreDueAfterTheirIntervals() {
    SessionRules rules = new SessionRules(settings().build());
    PooledSession s =
        new PooledSession(
            1,
            null,
            DEVICE,
            new FakeDriver(Protocol.SSH, DEVICE, 1),
            1,
            ConnectionState.IDLE,
            0,
            Long.MAX_VALUE);
    s.lastCheckedAt = sec(10);
    assertThat(rules.validatesOnLend()).isTrue();
    assertThat(rules.validateBeforeLending(s, sec(15))).as("5 s after the check").isFalse();
    assertThat(rules.validateBeforeLending(s, sec(16))).as("6 s after the check").isTrue();
    assertThat(rules.healthCheckDue(s, sec(30))).as("20 s after the check").isFalse();
    assertThat(rules.healthCheckDue(s, sec(31))).as("21 s after the check").isTrue();

    TrackedLease<FakeDriver> lease = new TrackedLease<>(s, s.stamp(), 0, sec(10), null);
    assertThat(rules.leakSuspected(lease, sec(25))).as("held 15 s").isFalse();
    assertThat(rules.leakSuspected(lease, sec(26))).as("held 16 s").isTrue();
    assertThat(rules.leakSuspected(null, sec(26))).as("no tracked lease").isFalse();

    SessionRules off =
        new SessionRules(
            settings()
                .validateAfterIdle(Duration.ZERO)
                .healthCheckInterval(Duration.ZERO)
                .leakDetectionThreshold(Duration.ZERO)
                .build());
    assertThat(off.validatesOnLend()).isFalse();
    assertThat(off.validateBeforeLending(s, sec(1000))).isFalse();
    assertThat(off.healthCheckDue(s, sec(1000))).isFalse();
    assertThat(off.leakSuspected(lease, sec(1000))).isFalse();
  }

  @Test
  void aDevicesOwnHealthCheckIntervalOverridesThePoolsEvenWhenThePoolChecksNever() {
    Device own =
        DEVICE.withOptions(
            SessionOptions.of(
                HealthCheckInterval.class, new HealthCheckInterval(Duration.ofSeconds(4))));
    PooledSession s =
        new PooledSession(
            1,
            null,
            own,
            new FakeDriver(Protocol.CLI, own, 1),
            1,
            ConnectionState.IDLE,
            0,
            Long.MAX_VALUE);
    s.lastCheckedAt = sec(10);
    for (Duration poolInterval : List.of(Duration.ofSeconds(60), Duration.ZERO)) {
      SessionRules rules = new SessionRules(settings().healthCheckInterval(poolInterval).build());
      assertThat(rules.healthCheckDue(s, sec(14))).as("4 s after the check").isFalse();
      assertThat(rules.healthCheckDue(s, sec(15))).as("5 s after the check").isTrue();
    }
    s.lastUsedAt = sec(14);
    assertThat(new SessionRules(settings().build()).healthCheckDue(s, sec(15)))
        .as("used 1 s ago: not idle long enough")
        .isFalse();
  }

  @Test
  void minIdleTopUpCountsIdleSessionsAndCreationsInFlight() {
    SessionRules rules =
        new SessionRules(settings().maxSessionsPerDevice(4).minIdlePerDevice(3).build());
    assertThat(rules.missingIdle(0, 0)).isEqualTo(3);
    assertThat(rules.missingIdle(1, 1)).isEqualTo(1);
    assertThat(rules.missingIdle(3, 1)).isNegative();
  }

  @Test
  void capIsThePoolsLoweredByTheDevicesOwn() {
    SessionRules rules = new SessionRules(settings().maxSessionsPerDevice(4).build());
    assertThat(rules.cap(DEVICE)).as("no own cap").isEqualTo(4);
    assertThat(rules.cap(withOwnCap(2))).as("own cap lower").isEqualTo(2);
    assertThat(rules.cap(withOwnCap(9))).as("own cap higher").isEqualTo(4);
  }

  static Device withOwnCap(int maxSessions) {
    return new Device("r9", "10.0.0.9", 22, "cisco_iosxe", maxSessions, Map.of(), null);
  }
}
