package io.netpool.sim;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The Telnet side of a simulated device's byte streams (RFC 854): commands ({@code IAC ...}) are
 * taken out of the input, a doubled {@code IAC} is a data byte 255, {@code CR NUL} is a CR; output
 * doubles data bytes 255. The simulator's own, minimal server side, independent of any client.
 */
final class TelnetStreams {
  static final int IAC = 255;
  static final int WILL = 251;
  static final int WONT = 252;
  static final int DO = 253;
  static final int DONT = 254;
  static final int SB = 250;
  static final int SE = 240;
  static final int ECHO = 1;
  static final int SGA = 3;
  static final int NAWS = 31;

  private TelnetStreams() {}

  /** What a router announces on connect: it echoes, suppresses go-ahead, and asks the size. */
  static byte[] negotiation() {
    return new byte[] {
      (byte) IAC, (byte) WILL, ECHO, (byte) IAC, (byte) WILL, SGA, (byte) IAC, (byte) DO, NAWS
    };
  }

  /** The client's data without Telnet commands. */
  static final class Input extends InputStream {
    private enum State {
      DATA,
      IAC,
      OPTION,
      SUB,
      SUB_IAC,
      CR
    }

    private final InputStream raw;
    private final ArrayDeque<Integer> data = new ArrayDeque<>();
    private State state = State.DATA;

    Input(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      while (data.isEmpty()) {
        int b = raw.read();
        if (b < 0) {
          return -1;
        }
        feed(b);
      }
      return data.poll();
    }

    /** Data bytes ready without blocking (decodes what the socket already holds). */
    @Override
    public int available() throws IOException {
      while (data.isEmpty() && raw.available() > 0) {
        feed(raw.read());
      }
      return data.size();
    }

    private void feed(int b) {
      switch (state) {
        case DATA, CR -> {
          boolean afterCr = state == State.CR;
          state = State.DATA;
          if (b == IAC) {
            state = State.IAC;
          } else if (!(afterCr && b == 0)) {
            data.add(b);
            if (b == '\r') {
              state = State.CR;
            }
          }
        }
        case IAC -> {
          if (b == IAC) {
            data.add(IAC);
            state = State.DATA;
          } else if (b == SB) {
            state = State.SUB;
          } else if (b == WILL || b == WONT || b == DO || b == DONT) {
            state = State.OPTION;
          } else {
            state = State.DATA; // NOP, AYT, ...: nothing a router must do here
          }
        }
        case OPTION -> state = State.DATA; // the option byte; our offers stand whatever the answer
        case SUB -> state = b == IAC ? State.SUB_IAC : State.SUB;
        case SUB_IAC -> state = b == SE ? State.DATA : State.SUB;
      }
    }
  }

  /** Output with data bytes 255 doubled. */
  static final class Output extends FilterOutputStream {
    Output(OutputStream raw) {
      super(raw);
    }

    @Override
    public void write(int b) throws IOException {
      if ((b & 0xff) == IAC) {
        out.write(IAC);
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if ((b[i] & 0xff) == IAC) {
          out.write(b, start, i - start + 1);
          out.write(IAC);
          start = i + 1;
        }
      }
      out.write(b, start, off + len - start);
    }
  }
}
