package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.Values;
import io.netpool.pool.PoolConfig;
import java.time.Duration;

/**
 * The {@code pool:} section: the {@link PoolConfig} settings in snake_case. Defaults are the pool's
 * own ({@link PoolConfig#defaults()}).
 */
public final class PoolSection {
  /** The top-level key. */
  public static final String KEY = "pool";

  private static final PoolConfig D = PoolConfig.defaults();
  private static final Duration MS = Duration.ofMillis(1);

  static final Field<Integer> MAX_SESSIONS_PER_DEVICE =
      Field.of("max_sessions_per_device", Fields.integer(1, 1000))
          .orElse(D.maxSessionsPerDevice())
          .help(
              "sessions per router and protocol (a router's own `max_sessions` lowers it); the"
                  + " most checks that run on one router at once");
  static final Field<Integer> MAX_SESSIONS_TOTAL =
      Field.of("max_sessions_total", Fields.integer(1, 1_000_000))
          .orElse(D.maxSessionsTotal())
          .help("sessions across all routers");
  static final Field<Integer> MIN_IDLE_PER_DEVICE =
      Field.of("min_idle_per_device", Fields.integer(0, 1000))
          .orElse(D.minIdlePerDevice())
          .help(
              "idle sessions kept open per router once it was used, at most"
                  + " `max_sessions_per_device`");
  static final Field<Duration> ACQUIRE_TIMEOUT =
      Field.of("acquire_timeout", Fields.duration(MS, null))
          .orElse(D.acquireTimeout())
          .help(
              "longest wait for a session by anything but a scheduled check (those wait"
                  + " `scheduler.session_wait`)");
  static final Field<Duration> CREATE_TIMEOUT =
      Field.of("create_timeout", Fields.duration(MS, null))
          .orElse(D.createTimeout())
          .help("bound on opening one session: connect, key exchange, login, first prompt");
  static final Field<Duration> IDLE_TIMEOUT =
      Field.of("idle_timeout", SettingReaders.durationOrOff(Duration.ofSeconds(1), null))
          .orElse(D.idleTimeout())
          .help("idle sessions above `min_idle_per_device` close after this; `off`: never");
  static final Field<Duration> MAX_LIFETIME =
      Field.of("max_lifetime", SettingReaders.durationOrOff(Duration.ofSeconds(1), null))
          .orElse(D.maxLifetime())
          .help("sessions are replaced after this age (minus up to 10 % jitter); `off`: never");
  static final Field<Integer> MAX_USES =
      Field.of("max_uses", Fields.integer(0, Integer.MAX_VALUE))
          .orElse((int) D.maxUses())
          .docDefault("`0` (unlimited)")
          .help("sessions are replaced after this many checks; `0`: unlimited");
  static final Field<Duration> HEALTH_CHECK_INTERVAL =
      Field.of("health_check_interval", SettingReaders.durationOrOff(Duration.ofSeconds(1), null))
          .orElse(D.healthCheckInterval())
          .help("idle sessions are checked this often; `off`: never");
  static final Field<Duration> VALIDATE_AFTER_IDLE =
      Field.of("validate_after_idle", SettingReaders.durationOrOff(MS, null))
          .orElse(D.validateAfterIdle())
          .help("a session idle longer than this is checked before a check uses it; `off`: never");
  static final Field<Integer> CIRCUIT_BREAKER_THRESHOLD =
      Field.of("circuit_breaker_threshold", Fields.integer(0, 1000))
          .orElse(D.circuitBreakerThreshold())
          .help(
              "failed logins in a row that make a router fail fast (`router_unavailable`); `0`:"
                  + " never");
  static final Field<Duration> CIRCUIT_BREAKER_COOL_DOWN =
      Field.of("circuit_breaker_cool_down", Fields.duration(MS, null))
          .orElse(D.circuitBreakerCoolDown())
          .help("how long such a router fails fast before the next login is tried");
  static final Field<Duration> LEAK_DETECTION_THRESHOLD =
      Field.of("leak_detection_threshold", SettingReaders.durationOrOff(MS, null))
          .orElse(D.leakDetectionThreshold())
          .docDefault("`off`")
          .help("log a session held longer than this (a stuck check); `off`: never");

  /** The fields, in documentation order. */
  public static final Section TABLE =
      Section.of(
          MAX_SESSIONS_PER_DEVICE,
          MAX_SESSIONS_TOTAL,
          MIN_IDLE_PER_DEVICE,
          ACQUIRE_TIMEOUT,
          CREATE_TIMEOUT,
          IDLE_TIMEOUT,
          MAX_LIFETIME,
          MAX_USES,
          HEALTH_CHECK_INTERVAL,
          VALIDATE_AFTER_IDLE,
          CIRCUIT_BREAKER_THRESHOLD,
          CIRCUIT_BREAKER_COOL_DOWN,
          LEAK_DETECTION_THRESHOLD);

  /** The section. */
  public static final SettingsSection<PoolConfig> SECTION =
      new SettingsSection<>(KEY, TABLE, PoolSection::build);

  private PoolSection() {}

  private static PoolConfig build(Values v, SettingsSection.Located at) {
    int max = v.get(MAX_SESSIONS_PER_DEVICE);
    if (v.get(MIN_IDLE_PER_DEVICE) > max) {
      at.problem(
          MIN_IDLE_PER_DEVICE.key(),
          "min_idle_per_device ("
              + v.get(MIN_IDLE_PER_DEVICE)
              + ") must not exceed max_sessions_per_device ("
              + max
              + ")");
      return null;
    }
    if (v.get(MAX_SESSIONS_TOTAL) < max) {
      at.problem(
          MAX_SESSIONS_TOTAL.key(),
          "max_sessions_total ("
              + v.get(MAX_SESSIONS_TOTAL)
              + ") must be at least max_sessions_per_device ("
              + max
              + ")");
      return null;
    }
    return D.toBuilder()
        .maxSessionsPerDevice(max)
        .maxSessionsTotal(v.get(MAX_SESSIONS_TOTAL))
        .minIdlePerDevice(v.get(MIN_IDLE_PER_DEVICE))
        .acquireTimeout(v.get(ACQUIRE_TIMEOUT))
        .createTimeout(v.get(CREATE_TIMEOUT))
        .idleTimeout(v.get(IDLE_TIMEOUT))
        .maxLifetime(v.get(MAX_LIFETIME))
        .maxUses(v.get(MAX_USES))
        .healthCheckInterval(v.get(HEALTH_CHECK_INTERVAL))
        .validateAfterIdle(v.get(VALIDATE_AFTER_IDLE))
        .circuitBreaker(v.get(CIRCUIT_BREAKER_THRESHOLD), v.get(CIRCUIT_BREAKER_COOL_DOWN))
        .leakDetectionThreshold(v.get(LEAK_DETECTION_THRESHOLD))
        .build();
  }
}
