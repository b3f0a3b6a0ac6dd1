package io.netpool.monitor.probe;

import io.netpool.monitor.check.FailureKind;
import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.PoolClosedException;
import io.netpool.ssh.AuthenticationFailedException;
import io.netpool.ssh.CommandFailedException;
import io.netpool.ssh.CommandTimeoutException;
import io.netpool.ssh.EnableFailedException;
import io.netpool.ssh.HostKeyRejectedException;
import io.netpool.ssh.LoginThrottledException;
import io.netpool.ssh.OutputOverflowException;
import io.netpool.ssh.PromptUnrecognisedException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Maps what can go wrong in a check to a {@link FailureKind}.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>Exception</th><th>Kind</th></tr>
 *   <tr><td>{@link AcquireTimeoutException}, reason {@code CREATION_FAILING}</td>
 *       <td>the kind of its cause (below)</td></tr>
 *   <tr><td>{@link AcquireTimeoutException}, other reasons</td><td>NO_SESSION (but {@code
 *       DEVICE_AT_CAP} makes the probe skip the check instead: {@link #routerBusy})</td></tr>
 *   <tr><td>{@link DeviceUnavailableException} (circuit open)</td><td>AUTH_FAILED,
 *       HOST_KEY_REJECTED, ENABLE_FAILED or PROMPT_UNRECOGNISED when that is the last creation
 *       failure, else ROUTER_UNAVAILABLE</td></tr>
 *   <tr><td>{@link PoolClosedException}</td><td>SHUTDOWN</td></tr>
 *   <tr><td>{@link AuthenticationFailedException} anywhere in the cause chain</td>
 *       <td>AUTH_FAILED</td></tr>
 *   <tr><td>{@link HostKeyRejectedException} anywhere in the cause chain</td>
 *       <td>HOST_KEY_REJECTED</td></tr>
 *   <tr><td>{@link EnableFailedException} anywhere in the cause chain</td>
 *       <td>ENABLE_FAILED</td></tr>
 *   <tr><td>{@link PromptUnrecognisedException} anywhere in the cause chain</td>
 *       <td>PROMPT_UNRECOGNISED</td></tr>
 *   <tr><td>{@link CommandTimeoutException}</td><td>COMMAND_TIMEOUT</td></tr>
 *   <tr><td>{@link CommandFailedException}</td><td>COMMAND_FAILED</td></tr>
 *   <tr><td>{@link OutputOverflowException}</td><td>UNPARSEABLE_OUTPUT</td></tr>
 *   <tr><td>any other {@link IOException} (refused, no route, handshake, session lost)</td>
 *       <td>ROUTER_UNREACHABLE</td></tr>
 *   <tr><td>anything else</td><td>INTERNAL</td></tr>
 * </table>
 */
public final class Failures {
  /**
   * Creation failures that keep their name while the router's circuit is open: each needs the
   * operator to fix something on the router or in the inventory, and "unavailable" would hide what.
   */
  private static final Set<FailureKind> NAMED_WHILE_CIRCUIT_OPEN =
      EnumSet.of(
          FailureKind.AUTH_FAILED,
          FailureKind.HOST_KEY_REJECTED,
          FailureKind.ENABLE_FAILED,
          FailureKind.PROMPT_UNRECOGNISED);

  private Failures() {}

  /** The kind for an exception thrown by the pool's acquire or by the driver. */
  public static FailureKind kindOf(Throwable t) {
    if (t instanceof AcquireTimeoutException a) {
      if (a.reason() == AcquireTimeoutException.Reason.CREATION_FAILING && a.getCause() != null) {
        return connectKind(a.getCause());
      }
      return FailureKind.NO_SESSION;
    }
    if (t instanceof DeviceUnavailableException u) {
      // A refusal keeps its name while the circuit is open: the operator must see "auth failed"
      // or "enable failed", not just "unavailable".
      FailureKind cause = u.getCause() == null ? null : connectKind(u.getCause());
      return NAMED_WHILE_CIRCUIT_OPEN.contains(cause) ? cause : FailureKind.ROUTER_UNAVAILABLE;
    }
    if (t instanceof PoolClosedException) {
      return FailureKind.SHUTDOWN;
    }
    if (t instanceof CommandTimeoutException) {
      return FailureKind.COMMAND_TIMEOUT;
    }
    if (t instanceof CommandFailedException) {
      return FailureKind.COMMAND_FAILED;
    }
    if (t instanceof OutputOverflowException) {
      return FailureKind.UNPARSEABLE_OUTPUT;
    }
    if (t instanceof IOException) {
      return connectKind(t);
    }
    return FailureKind.INTERNAL;
  }

  /**
   * True when no session came because every session the router may have was in use (reason {@code
   * DEVICE_AT_CAP}): the router is busy with other checks (or {@code netpool ping}, or sessions
   * being checked or replaced), which says nothing about the line, so the check is skipped ({@code
   * router_busy}), not failed. The pool's global cap and failing or slow creations are not this.
   */
  public static boolean routerBusy(Throwable t) {
    return t instanceof AcquireTimeoutException a
        && a.reason() == AcquireTimeoutException.Reason.DEVICE_AT_CAP;
  }

  /** A session creation failure: auth, host key, enable, prompt, or else unreachable. */
  static FailureKind connectKind(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
      if (c instanceof AuthenticationFailedException) {
        return FailureKind.AUTH_FAILED;
      }
      if (c instanceof HostKeyRejectedException) {
        return FailureKind.HOST_KEY_REJECTED;
      }
      if (c instanceof EnableFailedException) {
        return FailureKind.ENABLE_FAILED;
      }
      if (c instanceof PromptUnrecognisedException) {
        return FailureKind.PROMPT_UNRECOGNISED;
      }
    }
    if (t instanceof PoolClosedException) {
      return FailureKind.SHUTDOWN;
    }
    if (t instanceof LoginThrottledException) {
      // our own login budget, not the router: the session did not come in time
      return FailureKind.NO_SESSION;
    }
    // whatever the factory threw while opening the session: refused, no route, handshake or
    // login timeout, MINA's RuntimeSshException, no prompt after login, the pool's TimeoutException
    return FailureKind.ROUTER_UNREACHABLE;
  }

  /** One line: the exception's class and message. */
  public static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip());
  }
}
