package io.netpool.monitor.probe.run;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.check.ProbeReading;
import io.netpool.monitor.check.SessionTransport;
import io.netpool.monitor.check.SkipReason;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.probe.CheckOutput;
import io.netpool.monitor.probe.CheckOutputListener;
import io.netpool.monitor.probe.Failures;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.probe.ProbeType;
import io.netpool.monitor.probe.SecretMask;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check of one line: lease one session of the line's router (CLI shell or SSH exec, as the
 * device's protocol says), send the command of each of the line's probe types ({@code probe: ping},
 * {@code sla} or both, in order) with its deadline, read the outputs, and give back exactly one
 * {@link CheckResult}, whatever happened. The first type is the line's measurement ({@link
 * CheckResult#ping()}, its failure and command); every type with a reading of its own adds it to
 * {@link CheckResult#readings()}.
 *
 * <p><b>Deadlines.</b> The session wait is bounded by {@link ProbeConfig#acquireTimeout()}; each
 * command by its type's {@link ProbeType#deadline}.
 *
 * <p><b>Router busy.</b> When the session wait passes because every session the router may have is
 * in use ({@link Failures#routerBusy}), the check is skipped ({@link SkipReason#ROUTER_BUSY}), not
 * failed: a busy router says nothing about the line.
 *
 * <p><b>Failures</b> are mapped by {@link Failures#kindOf(Throwable)}. In addition: a command
 * timeout, an output overflow or any other I/O error on the session invalidates the lease (the
 * session may hold stale output or be gone), and the types after it are not run (their readings say
 * so); a command the device rejects (CLI failure string) gives {@link FailureKind#COMMAND_FAILED}
 * and keeps the session; what an output means is its type's ({@link ProbeType#read}).
 *
 * <p>Interruption (scheduler shutdown) invalidates a lease in use and is rethrown.
 */
public final class ProbeCheck implements LineCheck {
  private static final Logger log = LoggerFactory.getLogger(ProbeCheck.class);

  private final DevicePool pool;
  private final ProbeConfig config;
  private final Clock clock;
  private final Function<DeviceSpec, Device> toDevice;
  private final ProbeTypes types;
  private final CheckOutputListener outputs;

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

  /**
   * @param toDevice the pool's device for a router, e.g. {@code spec ->
   *     spec.toDevice(sshDefaults)}; it must give equal devices for equal definitions
   */
  public ProbeCheck(DevicePool pool, ProbeConfig config, Function<DeviceSpec, Device> toDevice) {
    this(pool, config, toDevice, Clock.systemUTC());
  }

  public ProbeCheck(
      DevicePool pool, ProbeConfig config, Function<DeviceSpec, Device> toDevice, Clock clock) {
    this(pool, config, toDevice, clock, CheckOutputListener.NONE);
  }

  /**
   * @param outputs gets the masked output of every command that got one (docs/monitor.md, "Raw
   *     outputs")
   */
  public ProbeCheck(
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
    this.types = ProbeTypes.standard(config);
  }

  public ProbeConfig config() {
    return config;
  }

  /** How long the ping command of this line may run before it counts as timed out. */
  public Duration commandDeadline(LineSpec line) {
    return types.ping().deadline(line);
  }

  /** One type's part of a check: its command (null when none could be built) and reading. */
  private record Step(ProbeType type, String command, ProbeType.Reading reading) {
    Step withReading(ProbeType.Reading r) {
      return new Step(type, command, r);
    }
  }

  @Override
  public CheckResult check(LineSpec line, DeviceSpec router, Instant due)
      throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    for (String name : line.probes().types()) {
      ProbeType type = types.get(name);
      try {
        steps.add(new Step(type, type.command(line, router), null));
      } catch (RuntimeException e) {
        steps.add(
            new Step(
                type,
                null,
                failed(
                    type,
                    FailureKind.INTERNAL,
                    "cannot build the " + name + " command: " + Failures.describe(e),
                    null)));
      }
    }
    if (steps.stream().allMatch(s -> s.command() == null)) {
      Instant now = clock.instant();
      return done(combine(line, router, due, now, now, steps, null, false));
    }
    BuiltDevice built = deviceFor(router);
    Protocol protocol = router.protocol();
    Lease<ProtocolDriver> lease;
    try {
      lease = pool.acquire(built.device(), protocol, config.acquireTimeout());
    } catch (PoolException | IllegalArgumentException e) {
      Instant now = clock.instant();
      if (Failures.routerBusy(e)) {
        return done(
            CheckResult.skipped(
                line.id(), router.id(), line.target(), due, now, SkipReason.ROUTER_BUSY));
      }
      FailureKind kind = Failures.kindOf(e);
      String message = "no session: " + Failures.describe(e);
      steps.replaceAll(
          s -> s.reading() != null ? s : s.withReading(failed(s.type(), kind, message, null)));
      return done(combine(line, router, due, now, now, steps, null, false));
    }
    Instant started = clock.instant();
    try {
      SessionTransport transport = transportOf(lease.driver());
      String lost = null; // why the types after a lost session do not run
      FailureKind lostKind = null;
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        if (s.reading() != null) {
          continue;
        }
        if (lost != null) {
          steps.set(i, s.withReading(failed(s.type(), lostKind, lost, null)));
          continue;
        }
        Ran ran = run(lease, line, router, s.type(), s.command());
        steps.set(i, s.withReading(ran.reading()));
        if (ran.output() != null) {
          outputs.output(
              new CheckOutput(
                  line.id(),
                  router.id(),
                  router.platform().id(),
                  s.command(),
                  built.secrets().apply(ran.output()),
                  ran.finished(),
                  ran.reading().measurement().status(),
                  ran.reading().failure()));
        }
        if (!lease.isOpen()) {
          lost = "not run: the session was given up after the " + s.type().name() + " command";
          lostKind =
              ran.reading().failure() != null ? ran.reading().failure() : FailureKind.INTERNAL;
        }
      }
      return done(combine(line, router, due, started, clock.instant(), steps, transport, true));
    } finally {
      if (lease.isOpen()) {
        lease.close();
      }
    }
  }

  private static ProbeType.Reading failed(
      ProbeType type, FailureKind kind, String message, String command) {
    return new ProbeType.Reading(
        PingResult.error(message), kind, type.failed(kind, message, command));
  }

  /**
   * The check's result: the first type's measurement, every type's own reading; the command only
   * when it was {@code sent} (a session was lent).
   */
  private static CheckResult combine(
      LineSpec line,
      DeviceSpec router,
      Instant due,
      Instant started,
      Instant finished,
      List<Step> steps,
      SessionTransport transport,
      boolean sent) {
    Step first = steps.get(0);
    List<ProbeReading> readings = new ArrayList<>();
    for (Step s : steps) {
      if (s.reading().reading() != null) {
        readings.add(s.reading().reading());
      }
    }
    return new CheckResult(
        line.id(),
        router.id(),
        line.target(),
        due,
        started,
        finished,
        first.reading().measurement(),
        first.reading().failure(),
        sent ? first.command() : null,
        null,
        transport,
        readings);
  }

  /** One command's reading, the router's output when there was one, and when it was complete. */
  private record Ran(ProbeType.Reading reading, String output, Instant finished) {}

  /** How the lent session reaches its router (recorded in the result: Telnet fallbacks show). */
  static SessionTransport transportOf(ProtocolDriver driver) {
    if (driver instanceof CliDriver cli) {
      return cli.fallbackReason() == null && "ssh".equals(cli.transport())
          ? SessionTransport.SSH
          : new SessionTransport(cli.transport(), cli.fallbackReason());
    }
    return driver instanceof ExecDriver ? SessionTransport.SSH : null;
  }

  private Ran run(
      Lease<ProtocolDriver> lease, LineSpec line, DeviceSpec router, ProbeType type, String command)
      throws InterruptedException {
    Duration deadline = type.deadline(line);
    try {
      ProtocolDriver driver = lease.driver();
      String output;
      if (driver instanceof CliDriver cli) {
        try {
          output = cli.send(command, deadline).output();
        } catch (CommandFailedException e) {
          // the session is fine: the device rejected the command (bad address, unknown VRF, ...)
          String message = "command rejected: " + rejectedLine(e.output(), e.indicator());
          return new Ran(
              failed(type, FailureKind.COMMAND_FAILED, message, command),
              e.output(),
              clock.instant());
        }
      } else if (driver instanceof ExecDriver exec) {
        ExecResult r = exec.exec(command, deadline);
        output =
            r.stderr() == null || r.stderr().isBlank()
                ? r.stdout()
                : r.stdout() + (r.stdout().endsWith("\n") ? "" : "\n") + r.stderr();
      } else {
        return new Ran(
            failed(
                type,
                FailureKind.INTERNAL,
                "unsupported driver " + driver.getClass().getSimpleName(),
                command),
            null,
            clock.instant());
      }
      Instant finished = clock.instant();
      return new Ran(type.read(line, router, output, command, finished), output, finished);
    } catch (IOException e) {
      // timeout (stale output may follow), overflow, session lost: never reuse this session,
      // unless the CLI found its prompt again (on_command_timeout: resync)
      if (!(e instanceof CommandTimeoutException t && t.sessionKept())) {
        lease.invalidate(e);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException(
            "interrupted during the " + type.name() + " command: " + e.getMessage());
      }
      FailureKind kind = Failures.kindOf(e);
      String prefix =
          switch (kind) {
            case COMMAND_TIMEOUT ->
                type.name() + " did not finish within " + deadline.toMillis() + " ms: ";
            case UNPARSEABLE_OUTPUT -> "output overflow: ";
            default -> "session lost: ";
          };
      return new Ran(
          failed(type, kind, prefix + Failures.describe(e), command), null, clock.instant());
    } catch (RuntimeException e) {
      lease.invalidate(e);
      return new Ran(
          failed(type, FailureKind.INTERNAL, "probe failed: " + Failures.describe(e), command),
          null,
          clock.instant());
    }
  }

  private static String rejectedLine(String output, String indicator) {
    String line = indicator;
    if (output != null && indicator != null) {
      for (String l : output.split("\n")) {
        if (l.contains(indicator)) {
          line = l.strip();
          break;
        }
      }
    }
    return line == null ? "(no text)" : line;
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
