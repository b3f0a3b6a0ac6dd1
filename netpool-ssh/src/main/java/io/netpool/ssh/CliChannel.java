package io.netpool.ssh;

import java.io.IOException;
import java.time.Duration;

/**
 * The byte stream a {@link CliDriver} talks over: an SSH shell channel ({@link SshShellChannel}) or
 * a Telnet connection ({@link TelnetChannel}). Everything above the bytes (prompts, privilege,
 * paging, commands, timeouts) is the driver's and the same for both.
 */
interface CliChannel {

  /** The transport's name as results show it: {@code ssh} or {@code telnet}. */
  String transport();

  /**
   * Starts the stream: the device's output goes to {@link ShellIo#sink()}, {@link ShellIo#connect}
   * gets the way back, and a peer that goes away calls {@link ShellIo#peerClosed()}.
   */
  void open(ShellIo io, long deadlineNanos) throws IOException;

  /**
   * What must happen before the device shows its first CLI prompt: nothing over SSH (the login was
   * the SSH authentication), the Username/Password dialog over Telnet. The prompt itself is left in
   * the buffer for {@link FirstPrompt}.
   */
  void login(ShellIo io, ShellPrompt prompts, long deadlineNanos) throws IOException;

  /**
   * A transport-level liveness probe answered within {@code timeout}, where the transport has one.
   */
  void keepAlive(Duration timeout) throws IOException;

  /** False once the stream is known to be gone. */
  boolean isOpen();

  /** Closes the stream; never throws, also when already closed. */
  void close();
}
