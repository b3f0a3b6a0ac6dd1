package io.netpool.monitor.check;

import java.util.Objects;

/**
 * How a check reached its router: the byte stream of the session it used ({@code ssh} or {@code
 * telnet}) and, when that is not the device's first choice, why (an SSH-then-Telnet fallback, for
 * example {@code ssh: connection refused}).
 *
 * @param name {@code ssh} or {@code telnet}
 * @param fallbackReason why the session is on its fallback, or null
 */
public record SessionTransport(String name, String fallbackReason) {

  /** A session over SSH, the first choice. */
  public static final SessionTransport SSH = new SessionTransport("ssh", null);

  public SessionTransport {
    Objects.requireNonNull(name, "name");
  }

  /** True when the session is on its fallback. */
  public boolean isFallback() {
    return fallbackReason != null;
  }
}
