package io.netpool.monitor.inventory;

import io.netpool.pool.HealthCheckInterval;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.CommandTimeoutRule;
import io.netpool.ssh.IdleKeepalive;
import io.netpool.ssh.PrivilegePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a device's sessions behave once logged in: the in-channel keepalive of idle sessions, what a
 * command timeout does, and how far the CLI raises its privilege.
 */
final class CliRuleFields {
  private CliRuleFields() {}

  /** The finest keepalive: the pool's housekeeping sweep runs once a second. */
  static final Duration MIN_KEEPALIVE = Duration.ofSeconds(1);

  static final Field<Duration> KEEPALIVE =
      Field.of("keepalive", Fields.duration(MIN_KEEPALIVE, null))
          .docDefault("the pool's `health_check_interval`")
          .help(
              "how often this device's idle sessions are checked, which for `cli` is the"
                  + " in-channel keepalive (`keepalive_send`): set it below the router's idle"
                  + " logout (`exec-timeout`, `idle-timeout`), at least `1s`");
  static final Field<IdleKeepalive> KEEPALIVE_SEND =
      Field.of("keepalive_send", Fields.parsed(IdleKeepalive::parse))
          .orElse(IdleKeepalive.NEWLINE)
          .help(
              "`newline` (an empty line; the prompt must come back) or `nul` (one NUL byte, no"
                  + " answer awaited) into idle `cli` shells");
  static final Field<Boolean> RESYNC_ON_TIMEOUT =
      Field.of("on_command_timeout", Fields.parsed(CliRuleFields::timeoutRule))
          .orElse(false)
          .docDefault("`replace`")
          .help(
              "`replace` (the session is closed and replaced) or `resync` (wait up to"
                  + " `resync_timeout` for the late prompt, then keep the session)");
  static final Field<Duration> RESYNC_TIMEOUT =
      Field.of("resync_timeout", Fields.duration(Duration.ofMillis(100), Duration.ofMinutes(10)))
          .orElse(CommandTimeoutRule.DEFAULT_RESYNC_TIMEOUT)
          .help("how long `on_command_timeout: resync` waits for the late prompt, 100ms..10m");
  static final Field<PrivilegePolicy> PRIVILEGE =
      Field.of("privilege", Fields.parsed(PrivilegePolicy::parse))
          .orElse(PrivilegePolicy.ESCALATE)
          .help(
              "`escalate` (reach the platform's usual level, e.g. `enable`), `never-escalate`"
                  + " (stay at the login level: read-only AAA users) or `super [LEVEL]` (Huawei,"
                  + " H3C: raise the command level with `super`, answered with `enable_secret`)");

  /** In the order of the "Devices" table of docs/inventory.md. */
  static final List<Field<?>> FIELDS =
      List.of(KEEPALIVE, KEEPALIVE_SEND, RESYNC_ON_TIMEOUT, RESYNC_TIMEOUT, PRIVILEGE);

  /** {@code o} with the options of the fields that differ from the drivers' defaults. */
  static SessionOptions options(Values v, SessionOptions o) {
    if (v.has(KEEPALIVE)) {
      o = o.with(HealthCheckInterval.class, new HealthCheckInterval(v.get(KEEPALIVE)));
    }
    if (v.get(KEEPALIVE_SEND) != IdleKeepalive.NEWLINE) {
      o = o.with(IdleKeepalive.class, v.get(KEEPALIVE_SEND));
    }
    if (v.get(RESYNC_ON_TIMEOUT)) {
      o = o.with(CommandTimeoutRule.class, CommandTimeoutRule.resyncWithin(v.get(RESYNC_TIMEOUT)));
    }
    if (!v.get(PRIVILEGE).equals(PrivilegePolicy.ESCALATE)) {
      o = o.with(PrivilegePolicy.class, v.get(PRIVILEGE));
    }
    return o;
  }

  private static boolean timeoutRule(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "replace" -> false;
      case "resync" -> true;
      default ->
          throw new IllegalArgumentException(
              "'" + text + "' is not a timeout rule: use replace or resync");
    };
  }
}
