package io.netpool.monitor.inventory;

import io.netpool.ssh.HostKeyMode;
import java.util.List;
import java.util.Locale;

/**
 * How a device's SSH host key is checked ({@code host_key} in {@code monitor.yml}). It reaches the
 * SSH driver as the device's typed {@link io.netpool.ssh.SshOptions} ({@link #mode()}).
 */
public enum HostKeyPolicy {
  /** The key must already be in known_hosts. The default. */
  STRICT,
  /** Trust on first use; a changed key is still rejected. */
  ACCEPT_NEW,
  /** No check (explicit opt-in). */
  OFF;

  /** The names accepted in the file. */
  public static final List<String> LABELS = List.of("strict", "accept-new", "off");

  /** The SSH driver's mode. */
  public HostKeyMode mode() {
    return switch (this) {
      case STRICT -> HostKeyMode.STRICT;
      case ACCEPT_NEW -> HostKeyMode.ACCEPT_NEW;
      case OFF -> HostKeyMode.OFF;
    };
  }

  /** {@code strict}, {@code accept-new}, {@code off}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses {@code strict}, {@code accept-new} ({@code accept_new}) or {@code off}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static HostKeyPolicy parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (HostKeyPolicy p : values()) {
      if (p.label().equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown host_key mode '"
            + text
            + "'"
            + Suggest.didYouMean(t, LABELS)
            + " (use strict, accept-new or off)");
  }
}
