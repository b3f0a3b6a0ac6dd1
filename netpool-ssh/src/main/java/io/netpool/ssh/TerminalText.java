package io.netpool.ssh;

/**
 * Turns a device's terminal output into plain text, incrementally (escape sequences may be split
 * across reads): carriage returns and other control characters are dropped, ANSI/VT100 escape
 * sequences are removed, backspace and cursor-left ({@code ESC[nD}) erase characters of the current
 * line, as devices do to wipe a {@code --More--} marker. Not thread-safe; the CLI driver calls it
 * under its buffer lock.
 */
final class TerminalText {
  private enum State {
    TEXT,
    ESC,
    CSI,
    OSC,
    OSC_ESC,
    CHARSET
  }

  private State state = State.TEXT;
  private final StringBuilder csiParams = new StringBuilder();

  /**
   * Appends the clean form of {@code in} to {@code screen}, applying erasures to its current line.
   *
   * @param emitted receives every character appended (for a transcript), or {@code null}
   */
  void feed(CharSequence in, StringBuilder screen, StringBuilder emitted) {
    for (int i = 0; i < in.length(); i++) {
      char c = in.charAt(i);
      switch (state) {
        case TEXT -> text(c, screen, emitted);
        case ESC -> {
          switch (c) {
            case '[' -> {
              csiParams.setLength(0);
              state = State.CSI;
            }
            case ']' -> state = State.OSC;
            case '(', ')', '*', '+', '#' -> state = State.CHARSET;
            default -> state = State.TEXT; // two-character sequence such as ESC 7, ESC =
          }
        }
        case CSI -> {
          if (c >= 0x40 && c <= 0x7e) {
            if (c == 'D') {
              erase(screen, parseCount(csiParams));
            }
            state = State.TEXT;
          } else if (csiParams.length() < 32) {
            csiParams.append(c);
          }
        }
        case OSC -> {
          if (c == 0x07) {
            state = State.TEXT;
          } else if (c == 0x1b) {
            state = State.OSC_ESC;
          }
        }
        case OSC_ESC -> state = c == '\\' ? State.TEXT : State.OSC;
        case CHARSET -> state = State.TEXT;
      }
    }
  }

  private void text(char c, StringBuilder screen, StringBuilder emitted) {
    if (c == 0x1b) {
      state = State.ESC;
    } else if (c == '\b') {
      erase(screen, 1);
    } else if (c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f) {
      screen.append(c);
      if (emitted != null) {
        emitted.append(c);
      }
    }
    // \r, NUL, BEL and other control characters are dropped.
  }

  private static int parseCount(CharSequence params) {
    int n = 0;
    for (int i = 0; i < params.length(); i++) {
      char d = params.charAt(i);
      if (d < '0' || d > '9') {
        return 1;
      }
      n = Math.min(n * 10 + (d - '0'), 10_000);
    }
    return Math.max(n, 1);
  }

  /** Deletes up to {@code n} characters of the last line of {@code screen}. */
  private static void erase(StringBuilder screen, int n) {
    int len = screen.length();
    int lineStart = screen.lastIndexOf("\n") + 1;
    int cut = Math.min(n, len - lineStart);
    if (cut > 0) {
      screen.setLength(len - cut);
    }
  }
}
