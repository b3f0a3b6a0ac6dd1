package io.netpool.monitor.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SavedOutputTest {
  static final String OUTPUT = "Type escape sequence to abort.\r\n\n%% weird: 1\n\nlast line";

  @Test
  void roundTripsExactlyAndHeadersStayOneLine() {
    SavedOutput s =
        new SavedOutput(
            "cisco_iosxe",
            "ping 192.0.2.1\nrepeat 5",
            Instant.parse("2026-12-04T01:02:03.456Z"),
            "bj-sh-001",
            "pe-1",
            OUTPUT);
    String text = s.format();
    assertThat(text).startsWith(SavedOutput.MAGIC + "\n# platform: cisco_iosxe\n");
    SavedOutput back = SavedOutput.parse(text);
    assertThat(back.output()).isEqualTo(OUTPUT);
    assertThat(back.platform()).isEqualTo("cisco_iosxe");
    assertThat(back.command()).isEqualTo("ping 192.0.2.1 repeat 5");
    assertThat(back.time()).isEqualTo(Instant.parse("2026-12-04T01:02:03.456Z"));
    assertThat(back.lineId()).isEqualTo("bj-sh-001");
    assertThat(back.routerId()).isEqualTo("pe-1");
  }

  @Test
  void onlyRealSavedOutputsAreRead() {
    assertThat(SavedOutput.isSaved("5 packets transmitted")).isFalse();
    assertThatThrownBy(() -> SavedOutput.parse("# netpool-output v1\n# line: x\n\nout"))
        .hasMessageContaining("names no platform");
    assertThatThrownBy(() -> SavedOutput.parse("hello")).hasMessageContaining("not a saved");
  }
}
