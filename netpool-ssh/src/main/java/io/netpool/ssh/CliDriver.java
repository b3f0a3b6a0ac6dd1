package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PrivilegeLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol {@code cli} (alias {@code scrapli}): one persistent interactive shell with a PTY on one
 * SSH session, driven the way scrapli drives it; protocol {@code telnet}: the same over a Telnet
 * connection, after its login dialog (the bytes travel through a {@link CliChannel}). On open it
 * finds the prompt ({@link FirstPrompt}; a prompt that matches no level fails the open with {@link
 * PromptUnrecognisedException}), reaches the platform's default privilege level ({@link
 * PrivilegeEscalation}: the escalation command and the enable secret where needed; failing that,
 * {@link EnableFailedException}) and sends the profile's on-open commands (paging off, terminal
 * width). The shell's bytes go through {@link ShellIo}.
 *
 * <p>{@link #send} writes a command, waits for its echo, then reads until the platform's prompt
 * pattern matches the last line; the output comes back without echo and prompt. Paging prompts that
 * still appear are answered with a space. Output containing one of the platform's failure strings
 * raises {@link CommandFailedException} (the session stays usable).
 *
 * <p>A timeout, a buffer overflow or a lost channel marks the driver broken: {@link #isOpen()} is
 * false from then on and its session is closed, so the pool never lends it again with stale output
 * in its buffer. Callers should invalidate the lease on {@link CommandTimeoutException} and {@link
 * OutputOverflowException}. The exception: a device whose {@link CommandTimeoutRule} resyncs keeps
 * a session that finds its prompt again after a timeout ({@link
 * CommandTimeoutException#sessionKept()}).
 *
 * <p>One operation runs at a time (the pool lends a session to one holder; an internal lock also
 * serialises accidental concurrent use).
 */
public final class CliDriver implements ProtocolDriver {
  private static final Logger log = LoggerFactory.getLogger(CliDriver.class);

  private final Device device;
  private final Protocol protocol;
  private final CliChannel channel;
  private final String fallbackReason;
  private final PlatformProfile profile;
  private final Transcript transcript;
  private final Duration defaultTimeout;
  private final ShellIo io;
  private final ShellPrompt prompts;
  private final CommandTimeoutRule timeoutRule;
  private final PrivilegePolicy privilege;

  private final ReentrantLock opLock = new ReentrantLock();

  private volatile boolean broken;
  private volatile boolean closed;
  private volatile boolean pagingDisabled;
  private volatile String brokenReason;

  private CliDriver(
      Device device,
      Route route,
      PlatformProfile profile,
      SshOptions options,
      Transcript transcript,
      Duration defaultTimeout) {
    this.device = device;
    this.protocol = route.protocol();
    this.channel = route.channel();
    this.fallbackReason = route.fallbackReason();
    this.profile = profile;
    this.transcript = transcript;
    this.defaultTimeout = defaultTimeout;
    this.io =
        new ShellIo(
            device.id(),
            profile,
            transcript,
            ExecFactory.secrets(device),
            options.maxBufferChars());
    this.prompts = new ShellPrompt(profile, options.extraPromptPattern());
    this.timeoutRule =
        device.options().get(CommandTimeoutRule.class).orElse(CommandTimeoutRule.REPLACE);
    this.privilege = device.options().get(PrivilegePolicy.class).orElse(PrivilegePolicy.ESCALATE);
  }

  /**
   * How a driver reaches its device: the pool's protocol it was made for, the byte stream, and why
   * it is not the stream the protocol would use first (an SSH-then-Telnet fallback), or null.
   */
  record Route(Protocol protocol, CliChannel channel, String fallbackReason) {
    Route {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /**
   * Opens the shell over {@code route}'s channel and brings it to the profile's default level. On
   * failure the channel is closed.
   */
  static CliDriver open(
      Device device,
      Route route,
      PlatformProfile profile,
      SshOptions options,
      Transcript transcript,
      Duration defaultTimeout,
      long deadlineNanos)
      throws IOException {
    CliDriver d = new CliDriver(device, route, profile, options, transcript, defaultTimeout);
    try {
      d.start(deadlineNanos);
      return d;
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  /** The byte stream this session runs over: {@code ssh} or {@code telnet}. */
  public String transport() {
    return channel.transport();
  }

  /**
   * Why this session runs over Telnet although its device is reached over SSH first (for example
   * {@code ssh: connection refused}), or null when it is on its first choice.
   */
  public String fallbackReason() {
    return fallbackReason;
  }

  /** The device this session is open to. */
  public Device device() {
    return device;
  }

  /** The platform profile in use. */
  public PlatformProfile profile() {
    return profile;
  }

  /** The last prompt seen (trimmed), for example {@code R1#}. */
  public String prompt() {
    return prompts.prompt();
  }

  /** The privilege level of the last prompt. */
  public PrivilegeLevel privilegeLevel() {
    return prompts.level();
  }

  /** True when every on-open command was accepted (paging is off). */
  public boolean pagingDisabled() {
    return pagingDisabled;
  }

  /** Why the driver is broken, or {@code null}. */
  public String brokenReason() {
    return brokenReason;
  }

  /** {@link #send(String, Duration)} with the factory's default command timeout. */
  public CliResponse send(String command) throws IOException {
    return send(command, defaultTimeout);
  }

  /**
   * Sends one command and returns its output without echo and prompt.
   *
   * @throws CommandFailedException the output contains a platform failure string (session fine)
   * @throws CommandTimeoutException no prompt within {@code timeout} (driver now broken)
   * @throws OutputOverflowException output beyond the buffer limit (driver now broken)
   * @throws IOException the session is gone (driver now broken)
   */
  public CliResponse send(String command, Duration timeout) throws IOException {
    Objects.requireNonNull(command, "command");
    if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("one command per send; no line breaks");
    }
    opLock.lock();
    try {
      ensureUsable();
      long start = System.nanoTime();
      return guarded(() -> doSend(command, start, start + timeout.toNanos(), true));
    } finally {
      opLock.unlock();
    }
  }

  /**
   * Runs an interactive dialog such as a confirmation: each exchange's input is sent, then the
   * output is read until its expected pattern appears; at the end, until the device's prompt.
   * Returns everything the device printed after the first input's echo, without the final prompt.
   *
   * @throws CommandFailedException the output contains a platform failure string
   * @throws CommandTimeoutException an expected pattern or the prompt did not come in time
   */
  public CliResponse sendInteractive(List<Exchange> exchanges, Duration timeout)
      throws IOException {
    if (exchanges.isEmpty()) {
      throw new IllegalArgumentException("no exchanges");
    }
    opLock.lock();
    try {
      ensureUsable();
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      return guarded(() -> doInteractive(exchanges, start, deadline));
    } finally {
      opLock.unlock();
    }
  }

  /**
   * Health probe: an SSH keep-alive answered (over SSH), then an empty line that must bring the
   * prompt back within {@code timeout}.
   */
  public void checkPrompt(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    opLock.lock();
    try {
      ensureUsable();
      channel.keepAlive(timeout);
      long start = System.nanoTime();
      guarded(() -> doSend("", start, deadline, false));
    } finally {
      opLock.unlock();
    }
  }

  /**
   * The NUL keepalive ({@link IdleKeepalive#NUL}): the transport's keep-alive (SSH) answered, then
   * one NUL byte into the shell, which echoes nothing, so no prompt is awaited.
   */
  public void writeNul(Duration timeout) throws IOException {
    opLock.lock();
    try {
      ensureUsable();
      channel.keepAlive(timeout);
      guarded(
          () -> {
            io.write("\0", false);
            return null;
          });
    } finally {
      opLock.unlock();
    }
  }

  @Override
  public boolean isOpen() {
    return !closed && !broken && channel.isOpen();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channel.close();
    if (transcript != null) {
      transcript.close();
    }
  }

  @Override
  public String toString() {
    return "CliDriver["
        + device.id()
        + " "
        + profile.name()
        + " "
        + channel.transport()
        + " prompt="
        + prompts.prompt()
        + (broken ? " broken" : closed ? " closed" : "")
        + "]";
  }

  // ---- open ----------------------------------------------------------------------------------

  private void start(long deadline) throws IOException {
    channel.open(io, deadline);
    channel.login(io, prompts, deadline);
    prompts.update(FirstPrompt.await(io, prompts, device.id(), profile.name(), deadline));
    if (prompts.level() == null) {
      // the prompt matched only the device's own pattern: assume the default level
      prompts.assume(profile.defaultPrivilegeLevel());
    }
    if (privilege.raise()) {
      new LevelRaise(device, io, prompts).raise(privilege, deadline);
    }
    if (privilege.escalate()) {
      new PrivilegeEscalation(
              device,
              profile,
              io,
              prompts,
              (command, until) -> doSend(command, System.nanoTime(), until, false))
          .reachDefaultLevel(deadline);
    }
    boolean allAccepted = true;
    for (String command : profile.onOpen()) {
      try {
        doSend(command, System.nanoTime(), deadline, true);
      } catch (CommandFailedException e) {
        allAccepted = false;
        log.warn(
            "device {}: on-open command '{}' was rejected ({}); paging prompts will be answered",
            device.id(),
            command,
            e.indicator());
      }
    }
    pagingDisabled = allAccepted;
    log.debug(
        "device {}: CLI open over {} at {} ({})",
        device.id(),
        channel.transport(),
        prompts.prompt(),
        prompts.level().name());
  }

  // ---- operations ----------------------------------------------------------------------------

  private CliResponse doSend(String command, long start, long deadline, boolean checkFailure)
      throws IOException {
    io.clearBuffer();
    io.write(command + "\n", false);
    io.readUntil(b -> ShellIo.echoEnd(b, command), deadline, "the echo of '" + command + "'", true);
    String out =
        io.readUntil(prompts::promptEnd, deadline, "the prompt after '" + command + "'", true);
    return finish(command, out, start, checkFailure);
  }

  private CliResponse doInteractive(List<Exchange> exchanges, long start, long deadline)
      throws IOException {
    io.clearBuffer();
    StringBuilder all = new StringBuilder();
    boolean first = true;
    StringBuilder described = new StringBuilder();
    for (Exchange ex : exchanges) {
      if (!described.isEmpty()) {
        described.append(" / ");
      }
      described.append(ex.hidden() ? Transcript.MASK : ex.input());
      io.write(ex.input() + "\n", ex.hidden());
      if (!ex.hidden()) {
        String echo =
            io.readUntil(
                b -> ShellIo.echoEnd(b, ex.input()),
                deadline,
                "the echo of '" + ex.input() + "'",
                true);
        if (!first) {
          all.append(echo);
        }
      }
      first = false;
      if (ex.expect() == null || ex.expect().isBlank()) {
        all.append(io.readUntil(prompts::promptEnd, deadline, "the prompt", true));
      } else {
        Pattern expect = Pattern.compile(ex.expect(), Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
        all.append(
            io.readUntil(
                b -> expect.matcher(b).find() ? b.length() : -1,
                deadline,
                "'" + ex.expect() + "'",
                true));
      }
    }
    if (!prompts.isPromptLine(ShellIo.lastLine(all))) {
      all.append(io.readUntil(prompts::promptEnd, deadline, "the prompt after the dialog", true));
    }
    return finish(described.toString(), all.toString(), start, true);
  }

  private CliResponse finish(String command, String out, long start, boolean checkFailure)
      throws CommandFailedException {
    int nl = out.lastIndexOf('\n');
    String promptLine = out.substring(nl + 1);
    String body = nl < 0 ? "" : out.substring(0, nl);
    prompts.update(promptLine);
    if (checkFailure) {
      var failure = profile.failureIn(body);
      if (failure.isPresent()) {
        throw new CommandFailedException(device.id(), command, body, failure.get(), levelNote());
      }
    }
    return new CliResponse(
        command, body, promptLine.strip(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** Why a rejected command may have been refused: a read-only session below the usual level. */
  private String levelNote() {
    PrivilegeLevel usual = profile.defaultPrivilegeLevel();
    PrivilegeLevel now = prompts.level();
    if (privilege.escalate() || now == null || now.name().equals(usual.name())) {
      return null;
    }
    return "the session stays at "
        + now.name()
        + " (privilege: never-escalate); the command may need "
        + usual.name();
  }

  private interface Operation {
    CliResponse run() throws IOException;
  }

  /**
   * Runs an operation; anything but a command failure marks the driver broken, except a timeout
   * after which the device's {@link CommandTimeoutRule} resynchronises the shell.
   */
  private CliResponse guarded(Operation op) throws IOException {
    try {
      return op.run();
    } catch (CommandFailedException e) {
      throw e;
    } catch (CommandTimeoutException e) {
      if (timeoutRule.resync() && resynchronised(e)) {
        throw e.kept();
      }
      markBroken(e);
      throw e;
    } catch (IOException | RuntimeException e) {
      markBroken(e);
      throw e;
    }
  }

  /**
   * After a timeout: the late command's output up to its prompt is dropped, then an empty line must
   * bring the prompt straight back (the shell is in step again), all within the resync timeout.
   */
  private boolean resynchronised(CommandTimeoutException timedOut) {
    long deadline = System.nanoTime() + timeoutRule.resyncTimeout().toNanos();
    try {
      io.readUntil(prompts::promptEnd, deadline, "the prompt after the timed-out command", true);
      doSend("", System.nanoTime(), deadline, false);
      log.info(
          "device {}: command timed out, session resynchronised on its prompt {}",
          device.id(),
          prompts.prompt());
      if (transcript != null) {
        transcript.note("resynchronised after: " + timedOut.getMessage());
      }
      return true;
    } catch (IOException | RuntimeException e) {
      timedOut.addSuppressed(e);
      return false;
    }
  }

  private void ensureUsable() throws IOException {
    if (closed) {
      throw new IOException("device " + device.id() + ": CLI session is closed");
    }
    if (broken) {
      throw new IOException(
          "device " + device.id() + ": CLI session is broken (" + brokenReason + ")");
    }
    if (!isOpen()) {
      throw new IOException("device " + device.id() + ": CLI session was closed by the device");
    }
  }

  private void markBroken(Throwable cause) {
    if (!broken) {
      brokenReason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      broken = true;
      log.warn("device {}: CLI session broken, closing it: {}", device.id(), cause.getMessage());
      if (transcript != null) {
        transcript.note("broken: " + cause.getMessage());
      }
      channel.close();
    }
  }
}
