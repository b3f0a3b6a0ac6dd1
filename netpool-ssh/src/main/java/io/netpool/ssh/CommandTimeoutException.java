package io.netpool.ssh;

import java.io.IOException;

/**
 * A command (or the prompt search on open) did not finish within its timeout. The session may hold
 * stale output: the CLI driver marks itself broken ({@code isOpen()} turns false), the exec driver
 * closes the command's channel, and the caller should invalidate the lease. The one exception is a
 * CLI session under {@link CommandTimeoutRule#resyncWithin}: when {@link #sessionKept()} the driver
 * found its prompt again and the session may be returned to the pool.
 */
public class CommandTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean sessionKept;

  public CommandTimeoutException(String message) {
    super(message);
    this.sessionKept = false;
  }

  private CommandTimeoutException(CommandTimeoutException timedOut) {
    super(timedOut.getMessage() + " (the session found its prompt again and is kept)", timedOut);
    this.sessionKept = true;
  }

  /** This timeout, after which the CLI session resynchronised on its prompt. */
  CommandTimeoutException kept() {
    return new CommandTimeoutException(this);
  }

  /** True when the session resynchronised on its prompt and is fit to be used again. */
  public boolean sessionKept() {
    return sessionKept;
  }
}
