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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link CliDriver}s (protocol {@code cli}, alias {@code scrapli}) with the profile named by
 * {@code Device.platform()}, looked up in a {@link PlatformRegistry} ({@link #withPlatforms}; by
 * default the process-wide {@link Platforms#registry()}, i.e. the shipped profiles plus any
 * registered in code). The health check is an SSH keep-alive plus an empty line that must bring the
 * prompt back within the timeout (or a NUL byte, for a device whose {@link IdleKeepalive} says so);
 * with {@link #withHealthCommand(boolean)} the profile's health command (for example {@code show
 * clock}) is run as well. The check is also the in-channel keepalive of idle sessions: a device's
 * {@link io.netpool.pool.HealthCheckInterval} below its idle logout keeps its sessions logged in.
 *
 * <p>{@link #overTelnet()} is the same factory for protocol {@code telnet}: the driver runs over a
 * Telnet connection to the device's {@link TelnetOptions#port()} after the login dialog ({@link
 * TelnetLogin}); its health check is the empty line alone. A {@code cli} device whose {@link
 * TelnetOptions} ask for {@code fallback} is opened over Telnet when its SSH connection fails with
 * {@link SshUnreachableException} (and only then); the driver tells so ({@link
 * CliDriver#fallbackReason()}).
 */
public final class CliFactory implements ProtocolFactory<CliDriver> {
  private static final Logger log = LoggerFactory.getLogger(CliFactory.class);

  private final Protocol protocol;
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
    this(Protocol.CLI, transport, options, Duration.ofSeconds(30), false, null, null);
  }

  /**
   * Each device's own {@link SshOptions} session option, else {@code defaults}; profiles from
   * {@code platforms} (for example {@link PlatformRegistry#withDirectory}).
   */
  public CliFactory(SshTransport transport, SshOptions defaults, PlatformRegistry platforms) {
    this(
        Protocol.CLI,
        transport,
        SshOptions.forDevice(defaults),
        Duration.ofSeconds(30),
        false,
        Objects.requireNonNull(platforms, "platforms"),
        null);
  }

  private CliFactory(
      Protocol protocol,
      SshTransport transport,
      Function<Device, SshOptions> options,
      Duration defaultCommandTimeout,
      boolean healthCommand,
      PlatformRegistry platforms,
      LoginGate loginGate) {
    this.protocol = protocol;
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.defaultCommandTimeout = Objects.requireNonNull(defaultCommandTimeout);
    this.healthCommand = healthCommand;
    this.platforms = platforms;
    this.loginGate = loginGate;
  }

  /** A copy whose drivers use {@code timeout} for {@link CliDriver#send(String)} (default 30 s). */
  public CliFactory withDefaultCommandTimeout(Duration timeout) {
    return new CliFactory(
        protocol, transport, options, timeout, healthCommand, platforms, loginGate);
  }

  /** A copy whose health check also runs the profile's health command. */
  public CliFactory withHealthCommand(boolean enabled) {
    return new CliFactory(
        protocol, transport, options, defaultCommandTimeout, enabled, platforms, loginGate);
  }

  /**
   * A copy that looks profiles up in {@code platforms} (for example {@link
   * PlatformRegistry#fromEnvironment()}, so a user's profile directory is used for sessions).
   */
  public CliFactory withPlatforms(PlatformRegistry platforms) {
    return new CliFactory(
        protocol,
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
        protocol, transport, options, defaultCommandTimeout, healthCommand, platforms, gate);
  }

  /**
   * This factory for protocol {@code telnet} (register both with a pool: {@code cli} and {@code
   * telnet} are separate keys). The device's {@link TelnetOptions} give the port (default 23);
   * {@link SshOptions#connectTimeout()}, the transcript file, the prompt pattern and the buffer
   * limit apply as over SSH.
   */
  public CliFactory overTelnet() {
    return new CliFactory(
        Protocol.TELNET,
        transport,
        options,
        defaultCommandTimeout,
        healthCommand,
        platforms,
        loginGate);
  }

  /** The registry profiles are looked up in (the current process-wide one by default). */
  public PlatformRegistry platforms() {
    return platforms != null ? platforms : Platforms.registry();
  }

  @Override
  public Protocol protocol() {
    return protocol;
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
      CliDriver.Route route =
          protocol == Protocol.TELNET
              ? new CliDriver.Route(protocol, telnet(device, o), null)
              : sshOrFallback(device, o, deadline);
      Transcript t;
      try {
        t =
            Transcript.open(
                o.transcriptFile(),
                device.id() + " " + (route.fallbackReason() == null ? protocol : "cli/telnet"),
                ExecFactory.secrets(device));
      } catch (IOException | RuntimeException e) {
        route.channel().close();
        throw e;
      }
      try {
        return CliDriver.open(device, route, profile, o, t, defaultCommandTimeout, deadline);
      } catch (IOException e) {
        throw route.fallbackReason() == null ? e : afterFallback(device, route, e);
      }
    }
  }

  /**
   * An SSH session, or a Telnet channel when SSH is unreachable and the device asks for the
   * fallback. Any other SSH failure (authentication, host key, a close during key exchange) is
   * thrown as is: the password must not go over a weaker channel because SSH said no.
   */
  private CliDriver.Route sshOrFallback(Device device, SshOptions o, long deadline)
      throws IOException {
    try {
      ClientSession session = transport.connect(device, o, SshTransport.remaining(deadline));
      return new CliDriver.Route(
          protocol, new SshShellChannel(device.id(), session, transport), null);
    } catch (SshUnreachableException e) {
      TelnetOptions telnet = device.options().get(TelnetOptions.class).orElse(null);
      if (telnet == null || !telnet.fallback()) {
        throw e;
      }
      String reason = "ssh: " + e.reason();
      log.warn(
          "device {}: SSH unreachable ({}); trying Telnet on port {} (fallback: telnet)",
          device.id(),
          e.reason(),
          telnet.port());
      return new CliDriver.Route(protocol, telnet(device, o), reason);
    }
  }

  private static TelnetChannel telnet(Device device, SshOptions o) {
    int port =
        device
            .options()
            .get(TelnetOptions.class)
            .map(TelnetOptions::port)
            .orElse(TelnetOptions.DEFAULT_PORT);
    return new TelnetChannel(device, port, o.connectTimeout());
  }

  /** A failed Telnet open after the fallback: its message starts with why SSH was left. */
  private static IOException afterFallback(Device device, CliDriver.Route route, IOException e) {
    String message =
        "device "
            + device.id()
            + ": "
            + route.fallbackReason()
            + ", fallback over Telnet failed: "
            + e.getMessage();
    return e instanceof AuthenticationFailedException
        ? new AuthenticationFailedException(message, e)
        : new IOException(message, e);
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
