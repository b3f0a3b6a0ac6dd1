package io.netpool.ssh;

import java.io.IOException;

/**
 * A command (or the prompt search on open) did not finish within its timeout. The session may hold
 * stale output: the CLI driver marks itself broken ({@code isOpen()} turns false), the exec driver
 * closes the command's channel. Either way the caller should invalidate the lease.
 */
public class CommandTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  public CommandTimeoutException(String message) {
    super(message);
  }
}
