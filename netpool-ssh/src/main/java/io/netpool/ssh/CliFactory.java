package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolFactory;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.apache.sshd.client.session.ClientSession;

/**
 * Opens {@link CliDriver}s (protocol {@code cli}, alias {@code scrapli}) with the profile named by
 * {@code Device.platform()}, looked up in a {@link PlatformRegistry} ({@link #withPlatforms}; by
 * default the process-wide {@link Platforms#registry()}, i.e. the shipped profiles plus any
 * registered in code). The health check is an SSH keep-alive plus an empty line that must bring the
 * prompt back within the timeout (or a NUL byte, for a device whose {@link IdleKeepalive} says so);
 * with {@link #withHealthCommand(boolean)} the profile's health command (for example {@code show
 * clock}) is run as well. The check is also the in-channel keepalive of idle sessions: a device's
 * {@link io.netpool.pool.HealthCheckInterval} below its idle logout keeps its sessions logged in.
 */
public final class CliFactory implements ProtocolFactory<CliDriver> {
  private final SshTransport transport;
  private final Function<Device, SshOptions> options;
  private final Duration defaultCommandTimeout;
  private final boolean healthCommand;

  /** Where profiles are looked up; null = {@link Platforms#registry()} at each create. */
  private final PlatformRegistry platforms;

  /** The pool's login budget, or null for none. */
  private final LoginGate loginGate;

  /** Each device's own {@link SshOptions} session option, else {@code defaults}. */
  public CliFactory(SshTransport transport, SshOptions defaults) {
    this(transport, SshOptions.forDevice(defaults));
  }

  public CliFactory(SshTransport transport, Function<Device, SshOptions> options) {
    this(transport, options, Duration.ofSeconds(30), false, null, null);
  }

  /**
   * Each device's own {@link SshOptions} session option, else {@code defaults}; profiles from
   * {@code platforms} (for example {@link PlatformRegistry#withDirectory}).
   */
  public CliFactory(SshTransport transport, SshOptions defaults, PlatformRegistry platforms) {
    this(
        transport,
        SshOptions.forDevice(defaults),
        Duration.ofSeconds(30),
        false,
        Objects.requireNonNull(platforms, "platforms"),
        null);
  }

  private CliFactory(
      SshTransport transport,
      Function<Device, SshOptions> options,
      Duration defaultCommandTimeout,
      boolean healthCommand,
      PlatformRegistry platforms,
      LoginGate loginGate) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.defaultCommandTimeout = Objects.requireNonNull(defaultCommandTimeout);
    this.healthCommand = healthCommand;
    this.platforms = platforms;
    this.loginGate = loginGate;
  }

  /** A copy whose drivers use {@code timeout} for {@link CliDriver#send(String)} (default 30 s). */
  public CliFactory withDefaultCommandTimeout(Duration timeout) {
    return new CliFactory(transport, options, timeout, healthCommand, platforms, loginGate);
  }

  /** A copy whose health check also runs the profile's health command. */
  public CliFactory withHealthCommand(boolean enabled) {
    return new CliFactory(transport, options, defaultCommandTimeout, enabled, platforms, loginGate);
  }

  /**
   * A copy that looks profiles up in {@code platforms} (for example {@link
   * PlatformRegistry#fromEnvironment()}, so a user's profile directory is used for sessions).
   */
  public CliFactory withPlatforms(PlatformRegistry platforms) {
    return new CliFactory(
        transport,
        options,
        defaultCommandTimeout,
        healthCommand,
        Objects.requireNonNull(platforms, "platforms"),
        loginGate);
  }

  /**
   * A copy whose logins pass {@code gate} (share one gate between the factories of a pool): the
   * connect, the authentication and the driver's opening steps (prompt, enable, paging) hold one of
   * its permits. Null: no gate (the default).
   */
  public CliFactory withLoginGate(LoginGate gate) {
    return new CliFactory(
        transport, options, defaultCommandTimeout, healthCommand, platforms, gate);
  }

  /** The registry profiles are looked up in (the current process-wide one by default). */
  public PlatformRegistry platforms() {
    return platforms != null ? platforms : Platforms.registry();
  }

  @Override
  public Protocol protocol() {
    return Protocol.CLI;
  }

  @Override
  public CliDriver create(Device device, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // The profile the inventory resolved travels with the device (a typed session option), so a
    // profile from a user's folder is used even where this factory's registry lacks it.
    PlatformProfile profile =
        device
            .options()
            .get(PlatformProfile.class)
            .orElseGet(() -> platforms().get(device.platform()));
    SshOptions o = options.apply(device);
    // The whole login holds the gate's permit: the prompt and enable steps load the AAA server too.
    try (LoginGate.Permit p = ExecFactory.enter(loginGate, device, deadline)) {
      ClientSession session = transport.connect(device, o, SshTransport.remaining(deadline));
      Transcript t;
      try {
        t = Transcript.open(o.transcriptFile(), device.id() + " cli", ExecFactory.secrets(device));
      } catch (IOException | RuntimeException e) {
        session.close(true);
        throw e;
      }
      return CliDriver.open(
          device, session, transport, profile, o, t, defaultCommandTimeout, deadline);
    }
  }

  @Override
  public void check(CliDriver driver, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IdleKeepalive keepalive =
        driver.device().options().get(IdleKeepalive.class).orElse(IdleKeepalive.NEWLINE);
    if (keepalive == IdleKeepalive.NUL) {
      driver.writeNul(timeout);
    } else {
      driver.checkPrompt(timeout);
    }
    String cmd = driver.profile().healthCommand();
    if (healthCommand && cmd != null) {
      driver.send(cmd, SshTransport.remaining(deadline));
    }
  }
}
