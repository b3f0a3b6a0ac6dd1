package io.netpool.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.status.TestResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  /** A bucket boundary: 10:00:00Z. */
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  Path file() {
    return dir.resolve(HistoryStore.FILE_NAME);
  }

  /** An ok result of {@code line} finished at {@code at} with average RTT {@code avg} ms. */
  static CheckResult ok(String line, Instant at, String avg) {
    return TestResults.at(
        line,
        "r1",
        "192.0.2.1",
        at.minusSeconds(2),
        TestResults.measured(5, 5, "0", "0.5", avg, "40", PingStatus.OK));
  }

  static CheckResult lossy(String line, Instant at) {
    return TestResults.at(
        line,
        "r1",
        "192.0.2.1",
        at.minusSeconds(2),
        TestResults.measured(5, 4, "20.00", "10.5", "12.25", "20", PingStatus.DEGRADED));
  }

  static long ms(Instant t) {
    return t.toEpochMilli();
  }

  @Test
  void rawResultsAreReadBackAsTheirJsonLinesInTimeOrderPerLine() {
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      s.append(
          List.of(
              ok("a", T0.plusSeconds(60), "1.5"),
              ok("b", T0.plusSeconds(61), "9"),
              ok("a", T0.plusSeconds(0), "1.25"),
              ok("a", T0.plusSeconds(120), "2")),
          ms(T0));
      List<HistoryReads.RawRow> rows =
          s.reads().raw("a", T0, T0.plusSeconds(120), 100); // 'to' is exclusive
      assertThat(rows).extracting(HistoryReads.RawRow::at).containsExactly(T0, T0.plusSeconds(60));
      assertThat(rows.get(0).json())
          .startsWith("{\"lineId\":\"a\"")
          .contains("\"rttAvgMs\":1.25", "\"status\":\"ok\"");
      assertThat(s.reads().raw("nope", T0, T0.plusSeconds(600), 100)).isEmpty();
    }
  }

  @Test
  void theReadingsOfOtherProbeTypesAreKeptInTheRawRows() {
    io.netpool.monitor.check.ProbeReading sla =
        io.netpool.monitor.check.ProbeReading.builder("sla", "ok")
            .fact("returnCode", "OK")
            .value("jitter_sd", io.netpool.monitor.check.ProbeReading.Unit.MS, 0.75)
            .value("mos", io.netpool.monitor.check.ProbeReading.Unit.SCORE, 4.34)
            .build();
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      s.append(List.of(ok("a", T0, "1.5").withReadings(List.of(sla))), ms(T0));
      assertThat(s.reads().raw("a", T0, T0.plusSeconds(1), 10))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.json())
                      .contains(
                          "\"readings\":{\"sla\":{\"status\":\"ok\"",
                          "\"returnCode\":\"OK\"",
                          "\"jitterSdMs\":0.75",
                          "\"mos\":4.34"));
    }
  }

  @Test
  void closedBucketsAreRolledUpWithLossRttPercentilesAndStatusCounts() {
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      List<CheckResult> batch = new ArrayList<>();
      // 10 checks in the first bucket: RTT averages 1..9 ms and one lossy check (12.25 ms)
      for (int i = 1; i <= 9; i++) {
        batch.add(ok("a", T0.plusSeconds(i * 25), Integer.toString(i)));
      }
      batch.add(lossy("a", T0.plusSeconds(280)));
      batch.add(ok("a", T0.plusSeconds(300), "7")); // the next bucket
      s.append(batch, ms(T0));
      // the first bucket closes one grace period after its end
      assertThat(s.rollUp(ms(T0.plusSeconds(300)), 100)).isFalse();
      assertThat(s.reads().rollups("a", T0, T0.plus(Duration.ofHours(1)))).isEmpty();
      s.rollUp(ms(T0.plusSeconds(300)) + HistoryStore.GRACE_MS, 100);

      List<RollupRow> rows = s.reads().rollups("a", T0, T0.plus(Duration.ofHours(1)));
      assertThat(rows).hasSize(1);
      RollupRow r = rows.get(0);
      assertThat(r.start()).isEqualTo(T0);
      assertThat(r.checks()).isEqualTo(10);
      assertThat(r.lossAvgPercent()).isEqualTo(2.0);
      assertThat(r.lossMaxPercent()).isEqualTo(20.0);
      assertThat(r.rttMinMs()).isEqualTo(0.5);
      assertThat(r.rttMaxMs()).isEqualTo(40.0);
      // nearest rank over 1, 2, ..., 9, 12.25
      assertThat(r.rttPercentilesMs()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
      assertThat(r.rttMedianMs()).isEqualTo(5.0);
      assertThat(r.statusCounts().get(PingStatus.OK.ordinal())).isEqualTo(9);
      assertThat(r.statusCounts().get(PingStatus.DEGRADED.ordinal())).isEqualTo(1);
    }
  }

  @Test
  void aResultArrivingAfterItsBucketWasRolledUpRollsItUpAgain() {
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      s.append(List.of(ok("a", T0.plusSeconds(10), "3")), ms(T0));
      long later = ms(T0.plusSeconds(600));
      s.rollUp(later, 100);
      s.append(List.of(lossy("a", T0.plusSeconds(20))), later);
      s.rollUp(later, 100);
      RollupRow r = s.reads().rollups("a", T0, T0.plusSeconds(300)).get(0);
      assertThat(r.checks()).isEqualTo(2);
      assertThat(r.lossMaxPercent()).isEqualTo(20.0);
    }
  }

  @Test
  void retentionDeletesOldRawRowsAndOldRollups() {
    HistorySettings settings =
        new HistorySettings(true, Duration.ofHours(1), Duration.ofHours(3), 100);
    try (HistoryStore s = HistoryStore.open(file(), settings)) {
      List<CheckResult> batch = new ArrayList<>();
      for (int m = 0; m < 4 * 60; m += 5) {
        batch.add(ok("a", T0.plus(Duration.ofMinutes(m)), "2"));
      }
      s.append(batch, ms(T0));
      Instant now = T0.plus(Duration.ofHours(4));
      while (s.rollUp(ms(now), 10)) {
        // catching up, as after a restart
      }
      // the last bucket (03:55) closes one grace period after 04:00
      assertThat(s.reads().rollups("a", T0, now)).hasSize(47);

      HistoryStore.Retention r = s.enforceRetention(ms(now));

      assertThat(r.rawRows()).isEqualTo(36); // before 03:00 after T0
      assertThat(r.rollupRows()).isEqualTo(12); // before 01:00 after T0
      assertThat(s.reads().raw("a", T0, now, 1000))
          .extracting(HistoryReads.RawRow::at)
          .allMatch(t -> !t.isBefore(now.minus(Duration.ofHours(1))))
          .hasSize(12);
      assertThat(s.reads().rollups("a", T0, now))
          .hasSize(35)
          .allMatch(b -> !b.start().isBefore(now.minus(Duration.ofHours(3))));
    }
  }

  @Test
  void aReopenedFileKeepsItsHistoryAndCatchesUpWithItsRollups() {
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      s.append(List.of(ok("a", T0.plusSeconds(10), "3")), ms(T0));
      s.rollUp(ms(T0.plusSeconds(600)), 100);
      s.append(List.of(ok("a", T0.plusSeconds(610), "4")), ms(T0));
    }
    try (HistoryStore s = HistoryStore.open(file(), HistorySettings.defaults())) {
      assertThat(s.reads().raw("a", T0, T0.plusSeconds(900), 10)).hasSize(2);
      assertThat(s.reads().rollups("a", T0, T0.plusSeconds(900)))
          .extracting(RollupRow::start)
          .containsExactly(T0);
      s.rollUp(ms(T0.plusSeconds(1200)), 100); // resumes at the mark, not at the first row
      assertThat(s.reads().rollups("a", T0, T0.plusSeconds(900)))
          .extracting(RollupRow::start, RollupRow::checks)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(T0, 1),
              org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(600), 1));
    }
  }

  @Test
  void theSchemaIsVersionedAndANewerFileIsRefused() throws Exception {
    HistoryStore.open(file(), HistorySettings.defaults()).close();
    try (Connection c = HistorySchema.connect(file(), false);
        Statement st = c.createStatement()) {
      assertThat(HistorySchema.userVersion(c)).isEqualTo(HistorySchema.VERSION);
      st.execute("PRAGMA user_version = " + (HistorySchema.VERSION + 1));
    }
    assertThatThrownBy(() -> HistoryStore.open(file(), HistorySettings.defaults()))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("newer than this netpool's");
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedNamingIt() throws Exception {
    java.nio.file.Files.writeString(file(), "not a database, just text ".repeat(100));
    assertThatThrownBy(() -> HistoryStore.open(file(), HistorySettings.defaults()))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("move it away");
  }

  @Test
  void everyStatusHasARollupColumn() {
    assertThat(RollupRow.STATUS_COLUMNS)
        .hasSize(PingStatus.values().length)
        .contains("n_ok", "n_skipped", "n_unreachable");
  }
}
