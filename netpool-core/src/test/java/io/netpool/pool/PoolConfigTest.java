package io.netpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolConfigTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    PoolConfig c = PoolConfig.defaults();
    assertThat(c.maxSessionsPerDevice()).isEqualTo(2);
    assertThat(c.maxSessionsTotal()).isEqualTo(10_000);
    assertThat(c.minIdlePerDevice()).isZero();
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.createTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.lifetimeJitter()).isEqualTo(0.1);
    assertThat(c.maxUses()).isZero();
    assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.healthCheckTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.validateAfterIdle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.rebuildWorkers()).isEqualTo(2);
    assertThat(c.backoffInitial()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.circuitBreakerThreshold()).isEqualTo(5);
    assertThat(c.circuitBreakerCoolDown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ZERO);
    assertThat(c.selectionStrategy()).isEqualTo(SelectionStrategy.MOST_RECENTLY_USED);
    assertThat(c.closeGracePeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.housekeepingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.eventQueueCapacity()).isEqualTo(8192);
    assertThat(DevicePool.builder()).isNotNull();
  }

  @Test
  void toBuilderRoundTripsEveryValue() {
    PoolConfig c =
        PoolConfig.builder()
            .maxSessionsPerDevice(3)
            .maxSessionsTotal(7)
            .minIdlePerDevice(1)
            .acquireTimeout(Duration.ofMillis(11))
            .createTimeout(Duration.ofMillis(12))
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .lifetimeJitter(0.5)
            .maxUses(9)
            .healthCheckInterval(Duration.ZERO)
            .healthCheckTimeout(Duration.ofMillis(13))
            .validateAfterIdle(Duration.ZERO)
            .rebuildWorkers(4)
            .backoff(Duration.ofMillis(14), Duration.ofMillis(14))
            .circuitBreaker(0, Duration.ofMillis(15))
            .leakDetectionThreshold(Duration.ofMillis(16))
            .selectionStrategy(SelectionStrategy.ROUND_ROBIN)
            .closeGracePeriod(Duration.ZERO)
            .housekeepingInterval(Duration.ofMillis(10))
            .eventQueueCapacity(16)
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        bad("maxSessionsPerDevice", b -> b.maxSessionsPerDevice(0)),
        bad("maxSessionsPerDevice", b -> b.maxSessionsPerDevice(-1)),
        bad("maxSessionsTotal", b -> b.maxSessionsTotal(0)),
        bad("minIdlePerDevice", b -> b.minIdlePerDevice(-1)),
        bad("minIdlePerDevice", b -> b.maxSessionsPerDevice(2).minIdlePerDevice(3)),
        bad("acquireTimeout", b -> b.acquireTimeout(Duration.ZERO)),
        bad("acquireTimeout", b -> b.acquireTimeout(Duration.ofMillis(-1))),
        bad("acquireTimeout", b -> b.acquireTimeout(null)),
        bad("createTimeout", b -> b.createTimeout(Duration.ZERO)),
        bad("idleTimeout", b -> b.idleTimeout(Duration.ofMillis(-1))),
        bad("idleTimeout", b -> b.idleTimeout(null)),
        bad("maxLifetime", b -> b.maxLifetime(Duration.ofSeconds(-1))),
        bad("lifetimeJitter", b -> b.lifetimeJitter(0.51)),
        bad("lifetimeJitter", b -> b.lifetimeJitter(-0.01)),
        bad("lifetimeJitter", b -> b.lifetimeJitter(Double.NaN)),
        bad("maxUses", b -> b.maxUses(-1)),
        bad("healthCheckInterval", b -> b.healthCheckInterval(Duration.ofMillis(-5))),
        bad("healthCheckTimeout", b -> b.healthCheckTimeout(Duration.ZERO)),
        bad("validateAfterIdle", b -> b.validateAfterIdle(Duration.ofMillis(-1))),
        bad("rebuildWorkers", b -> b.rebuildWorkers(0)),
        bad("backoffInitial", b -> b.backoff(Duration.ZERO, Duration.ofSeconds(1))),
        bad("backoffMax", b -> b.backoff(Duration.ofSeconds(1), Duration.ZERO)),
        bad("backoffMax", b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))),
        bad("circuitBreakerThreshold", b -> b.circuitBreaker(-1, Duration.ofSeconds(1))),
        bad("circuitBreakerCoolDown", b -> b.circuitBreaker(3, Duration.ZERO)),
        bad("leakDetectionThreshold", b -> b.leakDetectionThreshold(Duration.ofMillis(-1))),
        bad("closeGracePeriod", b -> b.closeGracePeriod(Duration.ofMillis(-1))),
        bad("housekeepingInterval", b -> b.housekeepingInterval(Duration.ofMillis(9))),
        bad("housekeepingInterval", b -> b.housekeepingInterval(Duration.ZERO)),
        bad("eventQueueCapacity", b -> b.eventQueueCapacity(15)));
  }

  private static Arguments bad(String field, UnaryOperator<PoolConfig.Builder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidValues")
  void invalidValueThrowsIllegalArgumentNamingTheField(
      String field, UnaryOperator<PoolConfig.Builder> change) {
    assertThatThrownBy(() -> change.apply(PoolConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Test
  void boundaryValuesAreAccepted() {
    PoolConfig c =
        PoolConfig.builder()
            .maxSessionsPerDevice(1)
            .maxSessionsTotal(1)
            .minIdlePerDevice(1)
            .lifetimeJitter(0.5)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
            .circuitBreaker(0, Duration.ofMillis(1))
            .housekeepingInterval(Duration.ofMillis(10))
            .eventQueueCapacity(16)
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .healthCheckInterval(Duration.ZERO)
            .validateAfterIdle(Duration.ZERO)
            .closeGracePeriod(Duration.ZERO)
            .build();
    assertThat(c.minIdlePerDevice()).isEqualTo(1);
    assertThat(c.lifetimeJitter()).isEqualTo(0.5);
  }

  /**
   * PoolConfig's javadoc: "an invalid value throws IllegalArgumentException naming the field". A
   * null Duration does (IllegalArgumentException), so a null strategy should too.
   */
  @Test
  void nullSelectionStrategyThrowsIllegalArgumentNamingTheField() {
    assertThatThrownBy(() -> PoolConfig.builder().selectionStrategy(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selectionStrategy");
  }

  // ---------------------------------------------------------------- Device

  @Test
  void deviceRejectsBlankIdAndBadPortsAndHosts() {
    assertThatThrownBy(() -> Device.of(" ", "10.0.0.1", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> Device.of(null, "10.0.0.1", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> Device.of("r1", "", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    Device r1 = Device.of("r1", "10.0.0.1", "x");
    for (int port : new int[] {0, -1, 65536}) {
      assertThatThrownBy(() -> r1.withPort(port))
          .as("port %d", port)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("port")
          .hasMessageContaining(String.valueOf(port));
    }
    assertThat(r1.withPort(1).port()).isEqualTo(1);
    assertThat(r1.withPort(65535).port()).isEqualTo(65535);
    assertThatThrownBy(() -> r1.withMaxSessions(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSessions");
  }

  @Test
  void secretsNeverAppearInToStringOfDeviceOrCredentials() {
    Credentials creds =
        Credentials.password("admin", Secret.of("s3cret")).withEnableSecret(Secret.of("3nable"));
    Device d = new Device("r1", "10.0.0.1", 2222, "cisco_iosxe", 4, Map.of("site", "lab"), creds);
    assertThat(d.toString()).doesNotContain("s3cret").doesNotContain("3nable").contains("r1");
    assertThat(creds.toString())
        .doesNotContain("s3cret")
        .doesNotContain("3nable")
        .contains("admin");
    assertThat(Secret.of("s3cret").toString()).doesNotContain("s3cret");
    assertThat(Secret.of("s3cret").reveal()).isEqualTo("s3cret");
    assertThat(String.valueOf(d.credentials().password())).doesNotContain("s3cret");
  }

  @Test
  void equalsIgnoresCredentialsButSameSessionsAsDoesNot() {
    Device plain = Device.of("r1", "10.0.0.1", "cisco_iosxe");
    Device a = plain.withCredentials(Credentials.password("admin", Secret.of("one")));
    Device aAgain = plain.withCredentials(Credentials.password("admin", Secret.of("one")));
    Device b = plain.withCredentials(Credentials.password("admin", Secret.of("two")));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isEqualTo(plain);
    assertThat(a.sameSessionsAs(b)).isFalse();
    assertThat(a.sameSessionsAs(plain)).isFalse();
    assertThat(a.sameSessionsAs(aAgain)).isTrue();
    assertThat(a.sameSessionsAs(a)).isTrue();
    assertThat(a.withPort(23)).isNotEqualTo(a);
    assertThat(a.sameSessionsAs(a.withPort(23))).isFalse();
  }

  // ---------------------------------------------------------------- Protocol

  @Test
  void protocolNamesAndAliasesResolveCaseInsensitively() {
    assertThat(Protocol.of("scrapli")).isSameAs(Protocol.CLI);
    assertThat(Protocol.of("SCRAPLI")).isSameAs(Protocol.CLI);
    assertThat(Protocol.of("Cli")).isSameAs(Protocol.CLI);
    assertThat(Protocol.of(" ssh ")).isSameAs(Protocol.SSH);
    assertThat(Protocol.of("SSH")).isSameAs(Protocol.SSH);
    assertThat(Protocol.of("Telnet")).isSameAs(Protocol.TELNET);
  }

  @Test
  void unknownProtocolErrorListsTheKnownNames() {
    assertThatThrownBy(() -> Protocol.of("gopher"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gopher")
        .hasMessageContaining("ssh")
        .hasMessageContaining("cli")
        .hasMessageContaining("scrapli")
        .hasMessageContaining("telnet");
  }
}
