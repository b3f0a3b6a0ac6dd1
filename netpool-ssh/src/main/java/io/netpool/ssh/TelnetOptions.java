package io.netpool.ssh;

/**
 * How a device is reached over Telnet (a typed session option: {@code
 * device.options().get(TelnetOptions.class)}). Telnet sends the password in clear text, so it is
 * used only when a device asks: protocol {@code telnet} (every session), or {@code fallback} here
 * (SSH first; Telnet only when SSH cannot be spoken at all, see {@link SshUnreachableException}).
 *
 * @param port the Telnet port (23 by default)
 * @param fallback true: a {@code cli} session whose SSH connection is unreachable is opened over
 *     Telnet instead
 */
public record TelnetOptions(int port, boolean fallback) {

  /** The Telnet port when none is given. */
  public static final int DEFAULT_PORT = 23;

  public TelnetOptions {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("telnet port must be 1..65535, got " + port);
    }
  }

  /** Telnet on {@code port}, no fallback (for protocol {@code telnet}). */
  public static TelnetOptions port(int port) {
    return new TelnetOptions(port, false);
  }

  /** SSH first, then Telnet on {@code port} when SSH is unreachable. */
  public static TelnetOptions fallbackTo(int port) {
    return new TelnetOptions(port, true);
  }
}
