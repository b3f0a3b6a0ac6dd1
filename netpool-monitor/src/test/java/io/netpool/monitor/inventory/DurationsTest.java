package io.netpool.monitor.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "2s, 2000",
    "180s, 180000",
    "3m, 180000",
    "1h, 3600000",
    "1h30m, 5400000",
    "1d2h3m4s5ms, 93784005",
    "' 90S ', 90000",
    "0s, 0"
  })
  void parsesUnits(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"180", "0", "1.5"})
  void rejectsPlainNumbersAndSaysWhichUnitToAdd(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' has no unit")
        .hasMessageContaining(text + "s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "3x", "1.5s", "3 m", "s", "m3", "1h-30m"})
  void rejectsGarbage(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration");
  }

  @Test
  void rejectsNegativeEmptyReorderedAndHuge() {
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty duration");
    assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("empty duration");
    assertThatThrownBy(() -> Durations.parse("30m1h")).hasMessageContaining("largest first");
    assertThatThrownBy(() -> Durations.parse("3m3m")).hasMessageContaining("once each");
    assertThatThrownBy(() -> Durations.parse("99999999999999999999d"))
        .hasMessageContaining("too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "2s", "3m", "1h30m", "1d", "1h0m5s", "61s"})
  void formatReadsBack(String text) {
    Duration d = Durations.parse(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }

  @Test
  void formatIsShortest() {
    assertThat(Durations.format(Duration.ofSeconds(180))).isEqualTo("3m");
    assertThat(Durations.format(Duration.ofMillis(5400500))).isEqualTo("1h30m500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }
}
