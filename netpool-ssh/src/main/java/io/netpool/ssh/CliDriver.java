package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolDriver;
import io.netpool.pool.Secret;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PrivilegeLevel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol {@code cli} (alias {@code scrapli}): one persistent interactive shell with a PTY on one
 * SSH session, driven the way scrapli drives it. On open it finds the prompt, reaches the
 * platform's default privilege level (sending the escalation command and the enable secret where
 * needed) and sends the profile's on-open commands (paging off, terminal width).
 *
 * <p>{@link #send} writes a command, waits for its echo, then reads until the platform's prompt
 * pattern matches the last line; the output comes back without echo and prompt. Paging prompts that
 * still appear are answered with a space. Output containing one of the platform's failure strings
 * raises {@link CommandFailedException} (the session stays usable).
 *
 * <p>A timeout, a buffer overflow or a lost channel marks the driver broken: {@link #isOpen()} is
 * false from then on and its session is closed, so the pool never lends it again with stale output
 * in its buffer. Callers should invalidate the lease on {@link CommandTimeoutException} and {@link
 * OutputOverflowException}.
 *
 * <p>One operation runs at a time (the pool lends a session to one holder; an internal lock also
 * serialises accidental concurrent use).
 */
public final class CliDriver implements ProtocolDriver {
  private static final Logger log = LoggerFactory.getLogger(CliDriver.class);
  private static final int PTY_COLUMNS = 511;
  private static final int PTY_ROWS = 24;
  private static final Duration FIRST_PROMPT_GRACE = Duration.ofSeconds(2);
  private static final int TAIL_CHARS = 200;

  private final Device device;
  private final ClientSession session;
  private final SshTransport transport;
  private final PlatformProfile profile;
  private final Pattern extraPrompt;
  private final Transcript transcript;
  private final int maxBufferChars;
  private final Duration defaultTimeout;

  private final ReentrantLock opLock = new ReentrantLock();

  // Received data, guarded by bufLock; fed by MINA's I/O threads through the sink.
  private final ReentrantLock bufLock = new ReentrantLock();
  private final Condition changed = bufLock.newCondition();
  private final StringBuilder buf = new StringBuilder();
  private final TerminalText term = new TerminalText();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer carry = ByteBuffer.allocate(0);
  private boolean overflow;
  private boolean peerClosed;

  private ChannelShell channel;
  private OutputStream toDevice;
  private volatile boolean broken;
  private volatile boolean closed;
  private volatile String prompt = "";
  private volatile PrivilegeLevel level;
  private volatile boolean pagingDisabled;
  private volatile String brokenReason;

  private CliDriver(
      Device device,
      ClientSession session,
      SshTransport transport,
      PlatformProfile profile,
      SshOptions options,
      Transcript transcript,
      Duration defaultTimeout) {
    this.device = device;
    this.session = session;
    this.transport = transport;
    this.profile = profile;
    this.extraPrompt =
        options.extraPromptPattern() == null
            ? null
            : Pattern.compile(options.extraPromptPattern(), Pattern.CASE_INSENSITIVE);
    this.transcript = transcript;
    this.maxBufferChars = options.maxBufferChars();
    this.defaultTimeout = defaultTimeout;
  }

  /**
   * Opens the shell on {@code session} and brings it to the profile's default level. On failure the
   * session is closed.
   */
  static CliDriver open(
      Device device,
      ClientSession session,
      SshTransport transport,
      PlatformProfile profile,
      SshOptions options,
      Transcript transcript,
      Duration defaultTimeout,
      long deadlineNanos)
      throws IOException {
    CliDriver d =
        new CliDriver(device, session, transport, profile, options, transcript, defaultTimeout);
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
    return Protocol.CLI;
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
    return prompt;
  }

  /** The privilege level of the last prompt. */
  public PrivilegeLevel privilegeLevel() {
    return level;
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
   * Health probe: an SSH keep-alive answered, then an empty line that must bring the prompt back
   * within {@code timeout}.
   */
  public void checkPrompt(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    opLock.lock();
    try {
      ensureUsable();
      transport.keepAlive(session, timeout);
      long start = System.nanoTime();
      guarded(() -> doSend("", start, deadline, false));
    } finally {
      opLock.unlock();
    }
  }

  @Override
  public boolean isOpen() {
    ChannelShell ch = channel;
    return !closed
        && !broken
        && ch != null
        && ch.isOpen()
        && !ch.isClosing()
        && session.isOpen()
        && !session.isClosing();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeTransport();
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
        + " prompt="
        + prompt
        + (broken ? " broken" : closed ? " closed" : "")
        + "]";
  }

  // ---- open ----------------------------------------------------------------------------------

  private void start(long deadline) throws IOException {
    PtyChannelConfiguration pty = new PtyChannelConfiguration();
    pty.setPtyType("vt100");
    pty.setPtyColumns(PTY_COLUMNS);
    pty.setPtyLines(PTY_ROWS);
    channel = session.createShellChannel(pty, Map.of());
    Sink sink = new Sink();
    channel.setOut(sink);
    channel.setErr(sink);
    channel.addChannelListener(
        new ChannelListener() {
          @Override
          public void channelClosed(Channel c, Throwable reason) {
            bufLock.lock();
            try {
              peerClosed = true;
              changed.signalAll();
            } finally {
              bufLock.unlock();
            }
          }
        });
    channel.open().verify(SshTransport.remaining(deadline));
    toDevice = channel.getInvertedIn();

    // The prompt usually arrives on its own after the banner; if not, ask for it with a return.
    long grace = Math.min(deadline, System.nanoTime() + FIRST_PROMPT_GRACE.toNanos());
    String out = readUntil(this::promptEnd, grace, "the first prompt", false);
    if (out == null) {
      write("\n", false);
      out = readUntil(this::promptEnd, deadline, "the first prompt", true);
    }
    String first = lastLine(out);
    level = profile.levelOf(first).orElse(null);
    prompt = first.strip();
    if (level == null) {
      if (extraPrompt == null) {
        throw new IOException(
            "device "
                + device.id()
                + ": prompt '"
                + first.strip()
                + "' matches no privilege level of platform "
                + profile.name());
      }
      level = profile.defaultPrivilegeLevel(); // device-specific prompt: assume the default level
    }
    acquireDefaultLevel(deadline);
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
    log.debug("device {}: CLI open at {} ({})", device.id(), prompt, level.name());
  }

  private void acquireDefaultLevel(long deadline) throws IOException {
    PrivilegeLevel target = profile.defaultPrivilegeLevel();
    for (int step = 0; step < 2 * profile.privilegeLevels().size(); step++) {
      if (level.name().equals(target.name())) {
        return;
      }
      List<PrivilegeLevel> up = profile.escalationPath(level, target);
      if (!up.isEmpty()) {
        escalate(up.get(0), deadline);
      } else if (level.deescalate() != null) {
        String from = level.name();
        doSend(level.deescalate(), System.nanoTime(), deadline, false);
        if (level.name().equals(from)) {
          throw new IOException(
              "device " + device.id() + ": '" + level.deescalate() + "' did not leave " + from);
        }
      } else {
        break;
      }
    }
    if (!level.name().equals(target.name())) {
      throw new IOException(
          "device "
              + device.id()
              + ": cannot reach privilege level "
              + target.name()
              + " from "
              + level.name());
    }
  }

  private void escalate(PrivilegeLevel next, long deadline) throws IOException {
    String from = level.name();
    clearBuffer();
    write(next.escalate() + "\n", false);
    readUntil(b -> echoEnd(b, next.escalate()), deadline, "the echo of " + next.escalate(), true);
    Pattern pw = next.escalatePrompt();
    String out =
        readUntil(
            b -> {
              String last = lastLine(b);
              return isPromptLine(last) || (pw != null && pw.matcher(last).find())
                  ? b.length()
                  : -1;
            },
            deadline,
            "the prompt after " + next.escalate(),
            true);
    String last = lastLine(out);
    if (!isPromptLine(last)) {
      Secret secret = device.credentials() == null ? null : device.credentials().enableSecret();
      if (secret == null) {
        throw new IOException(
            "device "
                + device.id()
                + ": '"
                + next.escalate()
                + "' asks for a password but the credentials have no enable secret");
      }
      clearBuffer();
      write(secret.reveal() + "\n", true);
      out =
          readUntil(
              b -> {
                String l = lastLine(b);
                return isPromptLine(l) || pw.matcher(l).find() ? b.length() : -1;
              },
              deadline,
              "the prompt after the enable secret",
              true);
      last = lastLine(out);
      if (!isPromptLine(last)) {
        throw new IOException(
            "device " + device.id() + ": the enable secret was rejected (asked again)");
      }
    }
    updatePrompt(last);
    if (!level.name().equals(next.name())) {
      throw new IOException(
          "device "
              + device.id()
              + ": could not reach privilege level "
              + next.name()
              + " (still at "
              + from
              + "); check the enable secret");
    }
  }

  // ---- operations ----------------------------------------------------------------------------

  private CliResponse doSend(String command, long start, long deadline, boolean checkFailure)
      throws IOException {
    clearBuffer();
    write(command + "\n", false);
    readUntil(b -> echoEnd(b, command), deadline, "the echo of '" + command + "'", true);
    String out = readUntil(this::promptEnd, deadline, "the prompt after '" + command + "'", true);
    return finish(command, out, start, checkFailure);
  }

  private CliResponse doInteractive(List<Exchange> exchanges, long start, long deadline)
      throws IOException {
    clearBuffer();
    StringBuilder all = new StringBuilder();
    boolean first = true;
    StringBuilder described = new StringBuilder();
    for (Exchange ex : exchanges) {
      if (!described.isEmpty()) {
        described.append(" / ");
      }
      described.append(ex.hidden() ? Transcript.MASK : ex.input());
      write(ex.input() + "\n", ex.hidden());
      if (!ex.hidden()) {
        String echo =
            readUntil(
                b -> echoEnd(b, ex.input()), deadline, "the echo of '" + ex.input() + "'", true);
        if (!first) {
          all.append(echo);
        }
      }
      first = false;
      if (ex.expect() == null || ex.expect().isBlank()) {
        all.append(readUntil(this::promptEnd, deadline, "the prompt", true));
      } else {
        Pattern expect = Pattern.compile(ex.expect(), Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
        all.append(
            readUntil(
                b -> expect.matcher(b).find() ? b.length() : -1,
                deadline,
                "'" + ex.expect() + "'",
                true));
      }
    }
    if (!isPromptLine(lastLine(all))) {
      all.append(readUntil(this::promptEnd, deadline, "the prompt after the dialog", true));
    }
    return finish(described.toString(), all.toString(), start, true);
  }

  private CliResponse finish(String command, String out, long start, boolean checkFailure)
      throws CommandFailedException {
    int nl = out.lastIndexOf('\n');
    String promptLine = out.substring(nl + 1);
    String body = nl < 0 ? "" : out.substring(0, nl);
    updatePrompt(promptLine);
    if (checkFailure) {
      var failure = profile.failureIn(body);
      if (failure.isPresent()) {
        throw new CommandFailedException(device.id(), command, body, failure.get());
      }
    }
    return new CliResponse(
        command, body, promptLine.strip(), Duration.ofNanos(System.nanoTime() - start));
  }

  private void updatePrompt(String promptLine) {
    prompt = promptLine.strip();
    profile.levelOf(promptLine).ifPresent(l -> level = l);
  }

  private interface Operation {
    CliResponse run() throws IOException;
  }

  /** Runs an operation; anything but a command failure marks the driver broken. */
  private CliResponse guarded(Operation op) throws IOException {
    try {
      return op.run();
    } catch (CommandFailedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      markBroken(e);
      throw e;
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
      closeTransport();
    }
  }

  private void closeTransport() {
    try {
      if (channel != null) {
        channel.close(true);
      }
    } catch (RuntimeException e) {
      log.debug("closing shell of {}", device.id(), e);
    }
    try {
      session.close(true);
    } catch (RuntimeException e) {
      log.debug("closing session of {}", device.id(), e);
    }
  }

  // ---- I/O -----------------------------------------------------------------------------------

  private void write(String text, boolean hidden) throws IOException {
    if (transcript != null) {
      transcript.sent(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text, hidden);
    }
    OutputStream out = toDevice;
    if (out == null) {
      throw new IOException("shell channel is not open");
    }
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void clearBuffer() {
    bufLock.lock();
    try {
      buf.setLength(0);
      overflow = false;
    } finally {
      bufLock.unlock();
    }
  }

  /** Where a read ends: returns the number of buffered chars to consume, or -1 to keep reading. */
  private interface Scan {
    int end(StringBuilder b);
  }

  /**
   * Reads until {@code scan} finds its end, answering paging prompts with a space. Returns the
   * consumed text, or {@code null} at the deadline when {@code mustSucceed} is false.
   */
  private String readUntil(Scan scan, long deadline, String what, boolean mustSucceed)
      throws IOException {
    while (true) {
      bufLock.lock();
      try {
        while (true) {
          if (overflow) {
            throw new OutputOverflowException(
                "device "
                    + device.id()
                    + ": more than "
                    + maxBufferChars
                    + " characters without "
                    + what
                    + "; last output: "
                    + tail());
          }
          int end = scan.end(buf);
          if (end >= 0) {
            String s = buf.substring(0, end);
            buf.delete(0, end);
            return s;
          }
          String last = lastLine(buf);
          if (!last.isEmpty() && profile.isPagingPrompt(last)) {
            buf.setLength(buf.length() - last.length());
            break; // answer outside the lock
          }
          if (peerClosed) {
            throw new IOException(
                "device "
                    + device.id()
                    + ": the session closed while waiting for "
                    + what
                    + "; last output: "
                    + tail());
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            if (!mustSucceed) {
              return null;
            }
            throw new CommandTimeoutException(
                "device "
                    + device.id()
                    + ": timed out waiting for "
                    + what
                    + "; last output: "
                    + tail());
          }
          changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + what);
      } finally {
        bufLock.unlock();
      }
      write(" ", false);
    }
  }

  private String tail() {
    String t =
        buf.length() <= TAIL_CHARS ? buf.toString() : buf.substring(buf.length() - TAIL_CHARS);
    t = t.replace("\n", "\\n");
    return "'" + (transcript != null ? transcript.mask(t) : maskSecrets(t)) + "'";
  }

  private String maskSecrets(String text) {
    String s = text;
    for (String secret : ExecFactory.secrets(device)) {
      if (!secret.isEmpty()) {
        s = s.replace(secret, Transcript.MASK);
      }
    }
    return s;
  }

  private int promptEnd(StringBuilder b) {
    return isPromptLine(lastLine(b)) ? b.length() : -1;
  }

  private boolean isPromptLine(CharSequence line) {
    String l = line.toString();
    return !l.isBlank()
        && (profile.isPrompt(l) || (extraPrompt != null && extraPrompt.matcher(l).find()));
  }

  static String lastLine(CharSequence s) {
    int i = s.length() - 1;
    while (i >= 0 && s.charAt(i) != '\n') {
      i--;
    }
    return s.subSequence(i + 1, s.length()).toString();
  }

  /**
   * The end of the line that holds the echo of {@code input} (index after its newline), or -1.
   * Whitespace is ignored and case folded, as scrapli does, so terminal wrapping and odd spacing do
   * not matter. An empty input's echo is the first newline.
   */
  static int echoEnd(CharSequence b, String input) {
    String want = squash(input);
    int limit = Math.min(b.length(), input.length() * 4 + 4096);
    if (want.isEmpty()) {
      for (int i = 0; i < limit; i++) {
        if (b.charAt(i) == '\n') {
          return i + 1;
        }
      }
      return -1;
    }
    StringBuilder sq = new StringBuilder(limit);
    int[] pos = new int[limit];
    for (int i = 0; i < limit; i++) {
      char c = b.charAt(i);
      if (!Character.isWhitespace(c)) {
        pos[sq.length()] = i;
        sq.append(Character.toLowerCase(c));
      }
    }
    int at = sq.indexOf(want);
    if (at < 0) {
      return -1;
    }
    int endChar = pos[at + want.length() - 1];
    for (int i = endChar + 1; i < b.length(); i++) {
      if (b.charAt(i) == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static String squash(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  private void onData(byte[] data, int off, int len) {
    bufLock.lock();
    try {
      ByteBuffer in;
      if (carry.hasRemaining()) {
        in = ByteBuffer.allocate(carry.remaining() + len);
        in.put(carry).put(data, off, len).flip();
      } else {
        in = ByteBuffer.wrap(data, off, len);
      }
      CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, chars, false);
      chars.flip();
      if (in.hasRemaining()) {
        ByteBuffer rest = ByteBuffer.allocate(in.remaining());
        rest.put(in).flip();
        carry = rest;
      } else {
        carry = ByteBuffer.allocate(0);
      }
      StringBuilder emitted = transcript == null ? null : new StringBuilder(chars.length());
      if (!overflow) {
        term.feed(chars, buf, emitted);
        if (buf.length() > maxBufferChars) {
          overflow = true;
          buf.delete(0, buf.length() - TAIL_CHARS);
        }
      }
      if (emitted != null) {
        transcript.received(emitted);
      }
      changed.signalAll();
    } finally {
      bufLock.unlock();
    }
  }

  /** Receives the shell's output from MINA's I/O threads. */
  private final class Sink extends OutputStream {
    @Override
    public void write(int b) {
      onData(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      onData(b, off, len);
    }
  }
}
