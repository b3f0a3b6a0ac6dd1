package io.netpool.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.history.HistoryQuery.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryQueryTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path dir;

  HistoryQuery.Answer answer(Instant from, Instant to, Resolution r) {
    try (HistoryStore s =
        HistoryStore.open(dir.resolve(HistoryStore.FILE_NAME), HistorySettings.defaults())) {
      s.append(List.of(HistoryStoreTest.ok("a", NOW.minusSeconds(600), "2")), NOW.toEpochMilli());
      s.rollUp(NOW.toEpochMilli(), 100);
      return new HistoryQuery(s.reads(), s.settings()).answer("a", from, to, r, NOW);
    }
  }

  @Test
  void aShortRecentRangeIsServedRaw() {
    HistoryQuery.Answer a = answer(NOW.minus(Duration.ofHours(3)), NOW, Resolution.AUTO);
    assertThat(a.resolution()).isEqualTo(Resolution.RAW);
    assertThat(a.reason()).contains("within the raw retention (2d)");
    assertThat(a.raw()).hasSize(1);
  }

  @Test
  void aLongOrOldRangeIsServedFromRollups() {
    HistoryQuery.Answer longRange = answer(NOW.minus(Duration.ofHours(12)), NOW, Resolution.AUTO);
    assertThat(longRange.resolution()).isEqualTo(Resolution.ROLLUP);
    assertThat(longRange.reason()).contains("spans more than 6h");
    assertThat(longRange.rollups()).hasSize(1);
    HistoryQuery.Answer old =
        answer(
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofDays(3)).plusSeconds(3600),
            Resolution.AUTO);
    assertThat(old.resolution()).isEqualTo(Resolution.ROLLUP);
    assertThat(old.reason()).contains("starts before the raw retention");
  }

  @Test
  void theCallerMayInsistButNotOnTooMuchRaw() {
    assertThat(answer(NOW.minusSeconds(3600), NOW, Resolution.ROLLUP).resolution())
        .isEqualTo(Resolution.ROLLUP);
    assertThatThrownBy(() -> answer(NOW.minus(Duration.ofDays(1)), NOW, Resolution.RAW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 6h");
    assertThatThrownBy(() -> answer(NOW, NOW.minusSeconds(1), Resolution.AUTO))
        .hasMessage("from must be before to");
    assertThatThrownBy(() -> answer(NOW.minus(Duration.ofDays(91)), NOW, Resolution.AUTO))
        .hasMessageContaining("more than 90 days");
  }
}
