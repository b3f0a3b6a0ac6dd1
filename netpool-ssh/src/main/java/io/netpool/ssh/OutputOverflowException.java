package io.netpool.ssh;

import java.io.IOException;

/**
 * The device sent more output than the driver's buffer limit without showing a prompt (garbage or a
 * runaway command). The CLI driver is broken afterwards; invalidate the lease.
 */
public class OutputOverflowException extends IOException {
  private static final long serialVersionUID = 1L;

  public OutputOverflowException(String message) {
    super(message);
  }
}
