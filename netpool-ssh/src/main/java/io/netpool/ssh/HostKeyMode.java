package io.netpool.ssh;

import java.util.Locale;

/** How a device's SSH host key is checked against the known_hosts file. */
public enum HostKeyMode {
  /** The key must be in known_hosts: an unknown or a changed key is rejected. The default. */
  STRICT,
  /**
   * Trust on first use: an unknown key is accepted and appended to known_hosts; a key that differs
   * from the recorded one is still rejected.
   */
  ACCEPT_NEW,
  /** No checking at all. An explicit opt-in, logged as a warning once per device. */
  OFF;

  /** Parses {@code strict}, {@code accept-new} (or {@code accept_new}) and {@code off}. */
  public static HostKeyMode parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "strict", "yes" -> STRICT;
      case "accept-new" -> ACCEPT_NEW;
      case "off", "no" -> OFF;
      default ->
          throw new IllegalArgumentException(
              "unknown host key mode '" + text + "'; use strict, accept-new or off");
    };
  }

  /** The name as written in configuration and docs: strict, accept-new, off. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
