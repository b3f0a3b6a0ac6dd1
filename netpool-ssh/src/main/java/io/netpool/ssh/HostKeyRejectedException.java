package io.netpool.ssh;

import java.io.IOException;

/** The device's host key was not accepted (unknown in strict mode, or changed). */
public class HostKeyRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean changed;

  public HostKeyRejectedException(String message, boolean changed, Throwable cause) {
    super(message, cause);
    this.changed = changed;
  }

  /** True when known_hosts has another key for this host (possible man-in-the-middle). */
  public boolean changed() {
    return changed;
  }
}
