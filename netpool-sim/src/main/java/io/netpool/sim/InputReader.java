package io.netpool.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/** Byte input of one session: swallows the LF of a CRLF pair, supports a look-ahead for Ctrl-C. */
final class InputReader {
  private final InputStream in;
  private final ArrayDeque<Integer> pending = new ArrayDeque<>();
  private boolean skipLf;
  private volatile long lastInputNanos = System.nanoTime();

  InputReader(InputStream in) {
    this.in = in;
  }

  /** Next byte, or -1 at end of input. A CR makes an immediately following LF disappear. */
  int read() throws IOException {
    while (true) {
      int b = pending.isEmpty() ? in.read() : pending.poll();
      lastInputNanos = System.nanoTime();
      if (skipLf) {
        skipLf = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        skipLf = true;
      }
      return b;
    }
  }

  /** Nanoseconds since the last byte was read (or since the session began). */
  long quietNanos() {
    return System.nanoTime() - lastInputNanos;
  }

  /** True if bytes are waiting to be read. */
  boolean ready() throws IOException {
    return !pending.isEmpty() || in.available() > 0;
  }

  /** Consumes waiting input up to a Ctrl-C; keeps other bytes for later reads. */
  boolean ctrlCPending() throws IOException {
    int n = in.available();
    for (int i = 0; i < n; i++) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      if (b == 3) {
        return true;
      }
      pending.add(b);
    }
    return false;
  }
}
