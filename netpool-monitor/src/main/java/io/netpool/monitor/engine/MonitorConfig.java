package io.netpool.monitor.engine;

import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import io.netpool.monitor.settings.ServiceSettings;
import io.netpool.monitor.settings.SshSection;
import io.netpool.pool.PoolConfig;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the {@link Monitor} needs besides the inventory and the sinks.
 *
 * @param pool the session pool (default {@link PoolConfig#defaults()}: 2 sessions per device,
 *     device caps from {@code max_sessions} lower it)
 * @param scheduler the scheduler (default {@link SchedulerConfig#defaults()}: 64 concurrent checks,
 *     first checks within 5 s, 10 s shutdown grace)
 * @param probe the ping probe (default {@link ProbeConfig#defaults()}: 15 s session wait, 5 s
 *     command margin)
 * @param ssh SSH defaults for both factories (default {@link SshOptions#defaults()}: strict host
 *     keys against {@code ~/.ssh/known_hosts}); each device carries these with its own {@code
 *     host_key} mode as a typed session option
 * @param logins the login budget of the pool, shared by both factories and used by the warm-up
 *     (default {@link LoginLimits#defaults()}: 16 logins at once, 10 per second; {@code
 *     ssh.max_concurrent_logins}, {@code ssh.logins_per_second})
 * @param keepaliveInterval SSH keepalive period of the monitor's own transport (default 30 s; zero:
 *     off); a transport given to {@link Monitor.Builder#transport} keeps its own
 */
public record MonitorConfig(
    PoolConfig pool,
    SchedulerConfig scheduler,
    ProbeConfig probe,
    SshOptions ssh,
    LoginLimits logins,
    Duration keepaliveInterval) {

  public MonitorConfig {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(ssh, "ssh");
    Objects.requireNonNull(logins, "logins");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    if (keepaliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepaliveInterval must not be negative");
    }
  }

  /** With the default login limits and keepalive. */
  public MonitorConfig(
      PoolConfig pool, SchedulerConfig scheduler, ProbeConfig probe, SshOptions ssh) {
    this(pool, scheduler, probe, ssh, LoginLimits.defaults(), SshSection.DEFAULT_KEEPALIVE);
  }

  public static MonitorConfig defaults() {
    return new MonitorConfig(
        PoolConfig.defaults(),
        SchedulerConfig.defaults(),
        ProbeConfig.defaults(),
        SshOptions.defaults(),
        LoginLimits.defaults(),
        SshSection.DEFAULT_KEEPALIVE);
  }

  /** The engine's part of {@code monitor.yml}'s service settings. */
  public static MonitorConfig of(ServiceSettings s) {
    return new MonitorConfig(
        s.pool(),
        s.scheduler().scheduler(),
        s.scheduler().probe(),
        s.ssh().options(),
        s.ssh().logins(),
        s.ssh().keepaliveInterval());
  }

  public MonitorConfig withPool(PoolConfig v) {
    return new MonitorConfig(v, scheduler, probe, ssh, logins, keepaliveInterval);
  }

  public MonitorConfig withScheduler(SchedulerConfig v) {
    return new MonitorConfig(pool, v, probe, ssh, logins, keepaliveInterval);
  }

  public MonitorConfig withProbe(ProbeConfig v) {
    return new MonitorConfig(pool, scheduler, v, ssh, logins, keepaliveInterval);
  }

  public MonitorConfig withSsh(SshOptions v) {
    return new MonitorConfig(pool, scheduler, probe, v, logins, keepaliveInterval);
  }

  public MonitorConfig withLogins(LoginLimits v) {
    return new MonitorConfig(pool, scheduler, probe, ssh, v, keepaliveInterval);
  }

  public MonitorConfig withKeepaliveInterval(Duration v) {
    return new MonitorConfig(pool, scheduler, probe, ssh, logins, v);
  }
}
