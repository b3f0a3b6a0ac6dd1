package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.Values;
import io.netpool.ssh.LoginLimits;
import io.netpool.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ssh:} section: the known_hosts file, connect and login bounds, keepalives and the
 * login rate limits that keep a restart from storming the routers' AAA servers.
 */
public final class SshSection {
  /** The top-level key. */
  public static final String KEY = "ssh";

  /** Default {@code keepalive_interval}: the transport's heartbeat. */
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);

  /**
   * The SSH settings.
   *
   * @param options defaults of every router's sessions (its {@code host_key} mode applies on top)
   * @param keepaliveInterval {@code keepalive@openssh.com} period; zero: off
   * @param logins logins in progress at once and started per second, across all routers
   */
  public record Settings(SshOptions options, Duration keepaliveInterval, LoginLimits logins) {}

  private static final SshOptions D = SshOptions.defaults();

  static final Field<Path> KNOWN_HOSTS =
      Field.of("known_hosts", SettingReaders.path())
          .orElse(D.knownHostsFile())
          .docDefault("`~/.ssh/known_hosts`")
          .help(
              "OpenSSH known_hosts file checked by `host_key: strict` and written by"
                  + " `accept-new` (relative: to this file's folder)");
  static final Field<Duration> CONNECT_TIMEOUT =
      Field.of("connect_timeout", Fields.duration(Duration.ofMillis(100), Duration.ofMinutes(5)))
          .orElse(D.connectTimeout())
          .help("TCP connect and SSH key exchange");
  static final Field<Duration> AUTH_TIMEOUT =
      Field.of("auth_timeout", Fields.duration(Duration.ofMillis(100), Duration.ofMinutes(5)))
          .orElse(D.authTimeout())
          .help("password or key authentication (TACACS/RADIUS behind it can be slow)");
  static final Field<Duration> KEEPALIVE_INTERVAL =
      Field.of("keepalive_interval", SettingReaders.durationOrOff(Duration.ofSeconds(1), null))
          .orElse(DEFAULT_KEEPALIVE)
          .help(
              "SSH keepalive on idle sessions; 4 missed replies close the session; `off`: none"
                  + " (firewalls may then drop idle sessions silently)");
  static final Field<Integer> MAX_CONCURRENT_LOGINS =
      Field.of("max_concurrent_logins", Fields.integer(1, 10_000))
          .orElse(LoginLimits.DEFAULT_MAX_CONCURRENT_LOGINS)
          .help(
              "logins in progress at once, all routers together (warm-up and checks); protects"
                  + " TACACS/RADIUS servers and VTY lines");
  static final Field<Double> LOGINS_PER_SECOND =
      Field.of("logins_per_second", SettingReaders.number(0.1, 10_000))
          .orElse(LoginLimits.DEFAULT_LOGINS_PER_SECOND)
          .docDefault("`10`")
          .help("logins started per second, all routers together");

  /** The fields, in documentation order. */
  public static final Section TABLE =
      Section.of(
          KNOWN_HOSTS,
          CONNECT_TIMEOUT,
          AUTH_TIMEOUT,
          KEEPALIVE_INTERVAL,
          MAX_CONCURRENT_LOGINS,
          LOGINS_PER_SECOND);

  /** The section. */
  public static final SettingsSection<Settings> SECTION =
      new SettingsSection<>(KEY, TABLE, SshSection::build);

  private SshSection() {}

  private static Settings build(Values v, SettingsSection.Located at) {
    SshOptions options =
        D.withKnownHostsFile(v.get(KNOWN_HOSTS))
            .withConnectTimeout(v.get(CONNECT_TIMEOUT))
            .withAuthTimeout(v.get(AUTH_TIMEOUT));
    return new Settings(
        options,
        v.get(KEEPALIVE_INTERVAL),
        new LoginLimits(v.get(MAX_CONCURRENT_LOGINS), v.get(LOGINS_PER_SECOND)));
  }
}
