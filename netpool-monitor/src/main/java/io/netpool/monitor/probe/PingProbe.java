package io.netpool.monitor.probe;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.SessionTransport;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingRequest;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.ping.Rejections;
import io.netpool.monitor.schedule.LineCheck;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolException;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.ssh.CliDriver;
import io.netpool.ssh.CommandFailedException;
import io.netpool.ssh.CommandTimeoutException;
import io.netpool.ssh.ExecDriver;
import io.netpool.ssh.ExecResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ping check of one line: lease a session of the line's router (CLI shell or SSH exec, as the
 * device's protocol says), send the platform's ping command with a deadline, parse the output, and
 * give back exactly one {@link CheckResult}, whatever happened.
 *
 * <p><b>Deadlines.</b> The session wait is bounded by {@link ProbeConfig#acquireTimeout()}. The
 * command deadline is {@link #commandDeadline(LineSpec)}: {@code repeat × timeout} (the per-probe
 * timeout rounded up to whole seconds, since most platforms only take seconds, and at least 1 s per
 * probe, which covers Linux's one-second probe spacing), plus {@link ProbeConfig#commandMargin()}.
 *
 * <p><b>Router busy.</b> When the session wait passes because every session the router may have is
 * in use ({@link Failures#routerBusy}), the check is skipped ({@link SkipReason#ROUTER_BUSY}), not
 * failed: a busy router says nothing about the line.
 *
 * <p><b>Failures</b> are mapped by {@link Failures#kindOf(Throwable)}. In addition: a command
 * timeout, an output overflow or any other I/O error on the session invalidates the lease (the
 * session may hold stale output or be gone); a rejected command (CLI failure string, or output
 * whose error line the parser reports, or an exec exit status other than 0 with no ping summary)
 * gives {@link FailureKind#COMMAND_FAILED}, and output with no recognisable ping result gives
 * {@link FailureKind#UNPARSEABLE_OUTPUT}. A ping that ran and was parsed has no failure kind even
 * when every probe was lost (status {@code down} or {@code unreachable}).
 *
 * <p>Interruption (scheduler shutdown) invalidates a lease in use and is rethrown.
 */
public final class PingProbe implements LineCheck {
  private static final Logger log = LoggerFactory.getLogger(PingProbe.class);

  private final DevicePool pool;
  private final ProbeConfig config;
  private final Clock clock;
  private final Function<DeviceSpec, Device> toDevice;

  /**
   * The pool's {@link Device} built once per device definition, by router id: building one per
   * check cost a copy of the tags and credentials, and the pool then had to compare it field by
   * field with the one it knows. A reload brings a new {@link DeviceSpec} instance, which is built
   * again (identity check), so a changed definition always reaches the pool.
   */
  private final ConcurrentHashMap<String, BuiltDevice> devices = new ConcurrentHashMap<>();

  /**
   * @param secrets the device's password and enable secret as read when it was built, to mask them
   *     in outputs
   */
  private record BuiltDevice(DeviceSpec spec, Device device, SecretMask secrets) {}

  private final CheckOutputListener outputs;

  /**
   * @param toDevice the pool's device for a router, e.g. {@code spec ->
   *     spec.toDevice(sshDefaults)}; it must give equal devices for equal definitions
   */
  public PingProbe(DevicePool pool, ProbeConfig config, Function<DeviceSpec, Device> toDevice) {
    this(pool, config, toDevice, Clock.systemUTC());
  }

  public PingProbe(
      DevicePool pool, ProbeConfig config, Function<DeviceSpec, Device> toDevice, Clock clock) {
    this(pool, config, toDevice, clock, CheckOutputListener.NONE);
  }

  /**
   * @param outputs gets the masked output of every check that got one (docs/monitor.md, "Raw
   *     outputs")
   */
  public PingProbe(
      DevicePool pool,
      ProbeConfig config,
      Function<DeviceSpec, Device> toDevice,
      Clock clock,
      CheckOutputListener outputs) {
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.toDevice = Objects.requireNonNull(toDevice, "toDevice");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ProbeConfig config() {
    return config;
  }

  /** How long the ping command of this line may run before it counts as timed out. */
  public Duration commandDeadline(LineSpec line) {
    long perProbeSeconds = Math.max(1, (line.timeout().toMillis() + 999) / 1000);
    Duration rounded = Duration.ofSeconds(perProbeSeconds).multipliedBy(line.repeat());
    Duration worst = line.worstCase().compareTo(rounded) > 0 ? line.worstCase() : rounded;
    return worst.plus(config.commandMargin());
  }

  @Override
  public CheckResult check(LineSpec line, DeviceSpec router, Instant due)
      throws InterruptedException {
    String command;
    PingPlatform platform = router.platform();
    try {
      PingRequest request = line.pingRequest();
      command = platform.command(request);
    } catch (RuntimeException e) {
      Instant now = clock.instant();
      return done(
          CheckResult.failed(
              line.id(),
              router.id(),
              line.target(),
              due,
              now,
              now,
              FailureKind.INTERNAL,
              "cannot build the ping command: " + Failures.describe(e),
              null));
    }
    BuiltDevice built = deviceFor(router);
    Device device = built.device();
    Protocol protocol = router.protocol();
    Lease<ProtocolDriver> lease;
    try {
      lease = pool.acquire(device, protocol, config.acquireTimeout());
    } catch (PoolException | IllegalArgumentException e) {
      Instant now = clock.instant();
      if (Failures.routerBusy(e)) {
        return done(
            CheckResult.skipped(
                line.id(), router.id(), line.target(), due, now, SkipReason.ROUTER_BUSY));
      }
      return done(
          CheckResult.failed(
              line.id(),
              router.id(),
              line.target(),
              due,
              now,
              now,
              Failures.kindOf(e),
              "no session: " + Failures.describe(e),
              null));
    }
    Instant started = clock.instant();
    try {
      SessionTransport transport = transportOf(lease.driver());
      Outcome o = run(lease, command, commandDeadline(line), platform);
      Instant finished = clock.instant();
      CheckResult result =
          new CheckResult(
              line.id(),
              router.id(),
              line.target(),
              due,
              started,
              finished,
              o.ping,
              o.failure,
              command,
              null,
              transport);
      if (o.output != null) {
        outputs.output(
            new CheckOutput(
                line.id(),
                router.id(),
                platform.id(),
                command,
                built.secrets().apply(o.output),
                finished,
                result.status(),
                result.failure()));
      }
      return done(result);
    } finally {
      if (lease.isOpen()) {
        lease.close();
      }
    }
  }

  /**
   * A parsed ping (failure null) or a failure with a ping result of status error, and the router's
   * output when there was one.
   */
  private record Outcome(PingResult ping, FailureKind failure, String output) {
    Outcome(PingResult ping, FailureKind failure) {
      this(ping, failure, null);
    }

    Outcome withOutput(String text) {
      return new Outcome(ping, failure, text);
    }
  }

  /** How the lent session reaches its router (recorded in the result: Telnet fallbacks show). */
  static SessionTransport transportOf(ProtocolDriver driver) {
    if (driver instanceof CliDriver cli) {
      return cli.fallbackReason() == null && "ssh".equals(cli.transport())
          ? SessionTransport.SSH
          : new SessionTransport(cli.transport(), cli.fallbackReason());
    }
    return driver instanceof ExecDriver ? SessionTransport.SSH : null;
  }

  private Outcome run(
      Lease<ProtocolDriver> lease, String command, Duration deadline, PingPlatform platform)
      throws InterruptedException {
    try {
      ProtocolDriver driver = lease.driver();
      if (driver instanceof CliDriver cli) {
        String output;
        try {
          output = cli.send(command, deadline).output();
        } catch (CommandFailedException e) {
          // the session is fine: the device rejected the command (bad address, unknown VRF, ...)
          return rejected(e.output(), e.indicator()).withOutput(e.output());
        }
        return interpret(platform.parse(output), output).withOutput(output);
      }
      if (driver instanceof ExecDriver exec) {
        ExecResult r = exec.exec(command, deadline);
        String output =
            r.stderr() == null || r.stderr().isBlank()
                ? r.stdout()
                : r.stdout() + (r.stdout().endsWith("\n") ? "" : "\n") + r.stderr();
        return interpret(platform.parse(output), output).withOutput(output);
      }
      return new Outcome(
          PingResult.error("unsupported driver " + driver.getClass().getSimpleName()),
          FailureKind.INTERNAL);
    } catch (IOException e) {
      // timeout (stale output may follow), overflow, session lost: never reuse this session,
      // unless the CLI found its prompt again (on_command_timeout: resync)
      if (!(e instanceof CommandTimeoutException t && t.sessionKept())) {
        lease.invalidate(e);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted during the ping: " + e.getMessage());
      }
      FailureKind kind = Failures.kindOf(e);
      String prefix =
          switch (kind) {
            case COMMAND_TIMEOUT -> "ping did not finish within " + deadline.toMillis() + " ms: ";
            case UNPARSEABLE_OUTPUT -> "output overflow: ";
            default -> "session lost: ";
          };
      return new Outcome(PingResult.error(prefix + Failures.describe(e)), kind);
    } catch (RuntimeException e) {
      lease.invalidate(e);
      return new Outcome(
          PingResult.error("probe failed: " + Failures.describe(e)), FailureKind.INTERNAL);
    }
  }

  private static Outcome rejected(String output, String indicator) {
    String line = indicator;
    if (output != null && indicator != null) {
      for (String l : output.split("\n")) {
        if (l.contains(indicator)) {
          line = l.strip();
          break;
        }
      }
    }
    return new Outcome(
        PingResult.error("command rejected: " + (line == null ? "(no text)" : line)),
        FailureKind.COMMAND_FAILED);
  }

  /**
   * A parsed result with status error: the device rejected the command ({@link
   * FailureKind#COMMAND_FAILED}) when the parser's error text is a line of the output (the parser
   * reports the device's error line verbatim) or a line of the output is a {@link Rejections
   * rejection}; otherwise the output is unreadable ({@link FailureKind#UNPARSEABLE_OUTPUT}). The
   * exit status of an exec command is not used: Linux ping exits 1 for "no reply", which parses
   * fine.
   */
  private static Outcome interpret(PingResult ping, String output) {
    if (ping.status() != PingStatus.ERROR) {
      return new Outcome(ping, null);
    }
    String error = ping.error();
    if (error != null && !error.isBlank() && output.contains(error)) {
      return new Outcome(
          PingResult.error("command rejected: " + error), FailureKind.COMMAND_FAILED);
    }
    String rejected = Rejections.rejectedLine(output);
    if (rejected != null) {
      return new Outcome(
          PingResult.error("command rejected: " + rejected), FailureKind.COMMAND_FAILED);
    }
    return new Outcome(ping, FailureKind.UNPARSEABLE_OUTPUT);
  }

  private static CheckResult done(CheckResult r) {
    if (log.isDebugEnabled()) {
      log.debug(
          "check line={} router={} target={} status={} failure={} loss={} rttAvgMs={} tookMs={}{}",
          r.lineId(),
          r.routerId(),
          r.target(),
          r.status().wireName(),
          r.failure(),
          r.ping().lossPercent(),
          r.ping().rttAvgMs(),
          r.started() == null || r.finished() == null
              ? 0
              : Duration.between(r.started(), r.finished()).toMillis(),
          r.ping().error() == null ? "" : " error=\"" + r.ping().error() + "\"");
    }
    return r;
  }

  private BuiltDevice deviceFor(DeviceSpec router) {
    BuiltDevice built = devices.get(router.id());
    if (built == null || built.spec() != router) {
      built = new BuiltDevice(router, toDevice.apply(router), SecretMask.of(router));
      devices.put(router.id(), built);
    }
    return built;
  }
}
