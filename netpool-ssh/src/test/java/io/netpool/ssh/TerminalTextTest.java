package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  private final TerminalText t = new TerminalText();
  private final StringBuilder screen = new StringBuilder();

  @Test
  void dropsCarriageReturnsAndAnsi() {
    t.feed("\u001b[?2004hroot@vm:~# ls\r\n\u001b[1;34mdir\u001b[0m\r\n", screen, null);
    assertThat(screen.toString()).isEqualTo("root@vm:~# ls\ndir\n");
  }

  @Test
  void escapeSequenceSplitAcrossReads() {
    t.feed("a\u001b[", screen, null);
    t.feed("0mb\u001b]0;title", screen, null);
    t.feed("\u0007c", screen, null);
    assertThat(screen.toString()).isEqualTo("abc");
  }

  @Test
  void ciscoBackspaceEraseOfMoreMarker() {
    t.feed("line 20\n --More-- ", screen, null);
    screen.setLength(screen.length() - " --More-- ".length());
    t.feed("\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\bline 21\n", screen, null);
    assertThat(screen.toString()).isEqualTo("line 20\nline 21\n");
  }

  @Test
  void huaweiCursorLeftErase() {
    t.feed("line 20\n", screen, null);
    t.feed("\u001b[42D" + " ".repeat(42) + "\u001b[42Dline 21\n", screen, null);
    assertThat(screen.toString()).isEqualTo("line 20\nline 21\n");
  }

  @Test
  void backspaceNeverCrossesALine() {
    t.feed("abc\n\b\bx", screen, null);
    assertThat(screen.toString()).isEqualTo("abc\nx");
  }
}
