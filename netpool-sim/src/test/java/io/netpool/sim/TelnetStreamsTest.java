package io.netpool.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The simulator's own Telnet byte handling (RFC 854), independent of any client library. */
class TelnetStreamsTest {
  private static final int IAC = 255;

  private static String decoded(int... raw) throws IOException {
    byte[] bytes = new byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      bytes[i] = (byte) raw[i];
    }
    InputStream in = new TelnetStreams.Input(new ByteArrayInputStream(bytes));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      out.write(b);
    }
    return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void negotiationAndSubnegotiationAreTakenOutOfTheData() throws IOException {
    // IAC DO ECHO, "a", IAC SB NAWS 511x24 (0x01FF: the FF doubled) IAC SE, "b", IAC NOP, "c"
    assertThat(
            decoded(
                IAC, 253, 1, 'a', IAC, 250, 31, 1, IAC, IAC, 0, 24, IAC, 240, 'b', IAC, 241, 'c'))
        .isEqualTo("abc");
  }

  @Test
  void aDoubledIacIsOneDataByteAndCrNulIsACr() throws IOException {
    assertThat(decoded('x', IAC, IAC, 'y', '\r', 0, 'z', '\r', '\n')).isEqualTo("x\u00ffy\rz\r\n");
  }

  @Test
  void availableCountsDataBytesOnlyAndNeverBlocks() throws IOException {
    InputStream in =
        new TelnetStreams.Input(new ByteArrayInputStream(new byte[] {(byte) IAC, (byte) 251, 3}));
    assertThat(in.available()).isZero();
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void outputDoublesDataBytes255() throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (TelnetStreams.Output out = new TelnetStreams.Output(raw)) {
      out.write(new byte[] {'a', (byte) 255, 'b'}, 0, 3);
      out.write(255);
    }
    assertThat(raw.toByteArray())
        .containsExactly('a', (byte) 255, (byte) 255, 'b', (byte) 255, (byte) 255);
  }
}
