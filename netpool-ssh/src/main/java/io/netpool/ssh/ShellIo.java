package io.netpool.ssh;

import io.netpool.ssh.platform.PlatformProfile;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte side of one interactive shell: what the device printed (decoded, terminal sequences
 * applied) in a bounded buffer fed by MINA's I/O threads, reads until a scan finds its end
 * (answering paging prompts with a space), and writes to the device, all mirrored into the
 * transcript with the session's secrets masked.
 */
final class ShellIo {
  private static final int TAIL_CHARS = 200;
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String deviceId;
  private final PlatformProfile profile;
  private final Transcript transcript;
  private final List<String> secrets;
  private final int maxBufferChars;

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
  private long lastDataNanos = System.nanoTime();

  private volatile OutputStream toDevice;

  ShellIo(
      String deviceId,
      PlatformProfile profile,
      Transcript transcript,
      List<String> secrets,
      int maxBufferChars) {
    this.deviceId = deviceId;
    this.profile = profile;
    this.transcript = transcript;
    this.secrets = List.copyOf(secrets);
    this.maxBufferChars = maxBufferChars;
  }

  /** Where the channel writes the device's output (stdout and stderr). */
  OutputStream sink() {
    return new Sink();
  }

  /** The device's side of the channel is gone: pending and later reads fail at once. */
  void peerClosed() {
    bufLock.lock();
    try {
      peerClosed = true;
      changed.signalAll();
    } finally {
      bufLock.unlock();
    }
  }

  /** Where {@link #write} sends to, once the channel is open. */
  void connect(OutputStream toDevice) {
    this.toDevice = toDevice;
  }

  /** Writes {@code text}; {@code hidden} text is masked in the transcript (a secret). */
  void write(String text, boolean hidden) throws IOException {
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

  /** Drops what has been received so far (stale output before a command). */
  void clearBuffer() {
    bufLock.lock();
    try {
      buf.setLength(0);
      overflow = false;
    } finally {
      bufLock.unlock();
    }
  }

  /** {@code text} with every secret of the session replaced by the mask. */
  String mask(String text) {
    if (transcript != null) {
      return transcript.mask(text);
    }
    String s = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        s = s.replace(secret, Transcript.MASK);
      }
    }
    return s;
  }

  /** Where a read ends: returns the number of buffered chars to consume, or -1 to keep reading. */
  interface Scan {
    int end(StringBuilder b);
  }

  /** Looks at output that has gone quiet without its scan's end; throws to end the read. */
  interface QuietCheck {
    void check(StringBuilder b) throws IOException;
  }

  /**
   * Reads until {@code scan} finds its end, answering paging prompts with a space. Returns the
   * consumed text, or {@code null} at the deadline when {@code mustSucceed} is false.
   *
   * @throws CommandTimeoutException no end by the deadline and {@code mustSucceed}
   * @throws OutputOverflowException more than the buffer limit without an end
   * @throws IOException the channel closed meanwhile
   */
  String readUntil(Scan scan, long deadline, String what, boolean mustSucceed) throws IOException {
    return read(scan, deadline, what, mustSucceed, 0, null);
  }

  /**
   * {@link #readUntil} (which must succeed) that also hands the buffer to {@code quiet} each time
   * no output has come for {@code settle}: it may end the read early by throwing.
   */
  String readUntil(Scan scan, long deadline, String what, Duration settle, QuietCheck quiet)
      throws IOException {
    return read(scan, deadline, what, true, settle.toNanos(), quiet);
  }

  private String read(
      Scan scan, long deadline, String what, boolean mustSucceed, long settle, QuietCheck quiet)
      throws IOException {
    while (true) {
      bufLock.lock();
      try {
        while (true) {
          if (overflow) {
            throw new OutputOverflowException(
                "device "
                    + deviceId
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
                    + deviceId
                    + ": the session closed while waiting for "
                    + what
                    + "; last output: "
                    + tail());
          }
          long now = System.nanoTime();
          long left = deadline - now;
          if (left <= 0) {
            if (!mustSucceed) {
              return null;
            }
            throw new CommandTimeoutException(
                "device "
                    + deviceId
                    + ": timed out waiting for "
                    + what
                    + "; last output: "
                    + tail());
          }
          long wait = Math.min(left, MAX_WAIT_NANOS);
          if (quiet != null) {
            long quietFor = now - lastDataNanos;
            if (quietFor >= settle) {
              quiet.check(buf); // passed: look again after new output or a second
            } else {
              wait = Math.min(wait, settle - quietFor);
            }
          }
          changed.awaitNanos(wait);
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

  /** The last output (up to 200 chars, one line, secrets masked) for exception messages. */
  private String tail() {
    String t =
        buf.length() <= TAIL_CHARS ? buf.toString() : buf.substring(buf.length() - TAIL_CHARS);
    return "'" + mask(t.replace("\n", "\\n")) + "'";
  }

  /** The text after the last newline of {@code s} (the line the cursor is on). */
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
      lastDataNanos = System.nanoTime();
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
