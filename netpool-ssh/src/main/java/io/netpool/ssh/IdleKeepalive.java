package io.netpool.ssh;

import java.util.Locale;

/**
 * What the CLI's health check writes into an idle shell, as a typed {@linkplain
 * io.netpool.pool.SessionOptions session option} of the device. Either resets the router's idle
 * logout ({@code exec-timeout} counts time without input); how often it runs is the device's {@link
 * io.netpool.pool.HealthCheckInterval}.
 */
public enum IdleKeepalive {
  /**
   * An empty line, and the prompt must come back (the default): proves the shell still answers as
   * well as keeping it awake. Each one is an empty command to the device (some AAA servers account
   * it).
   */
  NEWLINE("newline"),
  /**
   * One NUL byte, which shells ignore and do not echo: no prompt is awaited, so the check only
   * proves the SSH session answers. For devices where an empty line is unwelcome; whether a NUL
   * counts as activity for the idle logout is the device's choice (check it before relying on it).
   */
  NUL("nul");

  private final String wireName;

  IdleKeepalive(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code monitor.yml}. */
  public String wireName() {
    return wireName;
  }

  /** {@code newline} or {@code nul}, any case. */
  public static IdleKeepalive parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (IdleKeepalive k : values()) {
      if (k.wireName.equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a keepalive: use newline or nul");
  }
}
