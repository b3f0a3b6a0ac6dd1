package io.netpool.monitor.exec;

import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.probe.Failures;
import io.netpool.monitor.probe.SecretMask;
import io.netpool.pool.Device;
import io.netpool.pool.DevicePool;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.Lease;
import io.netpool.pool.PoolException;
import io.netpool.pool.ProtocolDriver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs commands on devices through the monitor's pool ({@code netpool exec}): each device gets one
 * session of its own protocol (so host keys, secrets, platform profiles and the login budget apply
 * as for checks) and runs the commands in the order given; at most {@code parallel} devices at
 * once. One result per device, whatever happens: a failure is a result, never an exception.
 *
 * <p>A command the device rejects leaves the session usable, so the next command runs. A timeout or
 * a lost session invalidates the session (it may hold stale output), and the device's remaining
 * commands are reported as not run: a command list is often a sequence whose later steps only make
 * sense after the earlier ones.
 */
public final class ExecRunner {
  private final DevicePool pool;
  private final Function<DeviceSpec, Device> toDevice;
  private final Duration sessionWait;
  private final Duration commandTimeout;
  private final int parallel;
  private final Clock clock;

  /**
   * @param toDevice the pool's device for a router ({@code spec -> spec.toDevice(sshDefaults)})
   * @param sessionWait how long a device may wait for its session (login included)
   * @param commandTimeout how long each command may run
   * @param parallel devices at once, at least 1
   */
  public ExecRunner(
      DevicePool pool,
      Function<DeviceSpec, Device> toDevice,
      Duration sessionWait,
      Duration commandTimeout,
      int parallel,
      Clock clock) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    this.pool = Objects.requireNonNull(pool, "pool");
    this.toDevice = Objects.requireNonNull(toDevice, "toDevice");
    this.sessionWait = Objects.requireNonNull(sessionWait, "sessionWait");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    this.parallel = parallel;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs {@code commands} on every device; the results are in the order of {@code devices}. */
  public List<DeviceResult> run(List<DeviceSpec> devices, List<String> commands)
      throws InterruptedException {
    List<String> cmds = List.copyOf(commands);
    // A pool of `parallel` virtual threads: the bound is the pool size, no permit bookkeeping.
    ExecutorService workers =
        Executors.newFixedThreadPool(
            parallel, Thread.ofVirtual().name("netpool-exec-", 0).factory());
    try {
      List<Future<DeviceResult>> futures = new ArrayList<>(devices.size());
      for (DeviceSpec d : devices) {
        futures.add(workers.submit(() -> runOn(d, cmds)));
      }
      List<DeviceResult> out = new ArrayList<>(devices.size());
      for (Future<DeviceResult> f : futures) {
        out.add(resultOf(f));
      }
      return out;
    } finally {
      workers.shutdownNow();
    }
  }

  private static DeviceResult resultOf(Future<DeviceResult> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      // runOn catches everything it expects; anything else is a bug, and still must not vanish
      throw new IllegalStateException("exec worker failed", e.getCause());
    }
  }

  /** The commands on one device: one session, commands in order. */
  DeviceResult runOn(DeviceSpec spec, List<String> commands) throws InterruptedException {
    SecretMask mask = SecretMask.of(spec);
    long t0 = System.nanoTime();
    Lease<ProtocolDriver> lease;
    try {
      lease = pool.acquire(toDevice.apply(spec), spec.protocol(), sessionWait);
    } catch (PoolException | IllegalArgumentException e) {
      return result(
          spec,
          Failures.kindOf(e),
          mask.apply("no session: " + Failures.describe(reason(e))),
          Duration.ofNanos(System.nanoTime() - t0),
          List.of());
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - t0);
    List<CommandResult> results = new ArrayList<>(commands.size());
    try {
      CommandCall call = new CommandCall(lease, commandTimeout, mask, clock);
      CommandResult broke = null;
      for (String command : commands) {
        if (broke != null) {
          results.add(
              CommandResult.notRun(
                  command,
                  broke.failure(),
                  "not run: the session was discarded after '" + broke.command() + "'"));
          continue;
        }
        CommandResult r = call.run(command);
        results.add(r);
        if (!lease.isOpen()) {
          broke = r;
        }
      }
    } finally {
      if (lease.isOpen()) {
        lease.close();
      }
    }
    return result(spec, null, null, waited, results);
  }

  /**
   * What to tell: the login failure itself rather than the open circuit it caused (whose "next
   * attempt in 30000 ms" means nothing to a one-shot command).
   */
  private static Throwable reason(Exception e) {
    return e instanceof DeviceUnavailableException && e.getCause() != null ? e.getCause() : e;
  }

  private static DeviceResult result(
      DeviceSpec spec,
      FailureKind failure,
      String error,
      Duration waited,
      List<CommandResult> commands) {
    return new DeviceResult(
        spec.id(),
        spec.host(),
        spec.port(),
        spec.platform().id(),
        spec.protocol().name().toLowerCase(java.util.Locale.ROOT),
        failure,
        error,
        waited,
        commands);
  }
}
