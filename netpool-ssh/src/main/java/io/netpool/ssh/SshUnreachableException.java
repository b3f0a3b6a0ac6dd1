package io.netpool.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;

/**
 * SSH could not be spoken with the device at all: the TCP connection was refused, timed out or had
 * no route, or the port accepted but sent no SSH banner in time. Nothing was offered to the peer
 * (no key exchange, no credentials), so these are the only SSH failures after which a device with
 * {@code fallback: telnet} is tried over Telnet. A host-key rejection, an authentication failure,
 * or a close during or before the key exchange (a device at its session limit) is never one.
 */
public final class SshUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  SshUnreachableException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Short, fixed words for results: {@code connection refused}, {@code connect timed out}, {@code
   * no route to host} or {@code no SSH banner}.
   */
  public String reason() {
    return reason;
  }

  /** The reason a failed TCP connect is one of these, or null when it is something else. */
  static String connectFailure(Throwable e, boolean timedOut) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof ConnectException c) {
        String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unreachable")) {
          return "no route to host";
        }
        return m.contains("timed out") ? "connect timed out" : "connection refused";
      }
      if (t instanceof SocketTimeoutException) {
        return "connect timed out";
      }
    }
    return timedOut ? "connect timed out" : null;
  }
}
