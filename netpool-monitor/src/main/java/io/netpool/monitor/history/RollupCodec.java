package io.netpool.monitor.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link RollupRow} in the {@code rollup} table: RTTs in integer microseconds, loss in hundredths
 * of a percent (1-3 bytes each in SQLite's record instead of a REAL's 8; a device prints RTTs to
 * the microsecond at best and loss to two decimals).
 */
final class RollupCodec {
  private static final List<String> COLUMNS = columns();

  /** Inserts or replaces one row: (line key, then the columns). */
  static final String UPSERT =
      "INSERT OR REPLACE INTO rollup (line, bucket, "
          + String.join(", ", COLUMNS)
          + ") VALUES (?, ?"
          + ", ?".repeat(COLUMNS.size())
          + ")";

  /** Selects one line's rows in a time range, in order: (line key, from ms, to ms). */
  static final String SELECT_RANGE =
      "SELECT bucket, "
          + String.join(", ", COLUMNS)
          + " FROM rollup WHERE line = ? AND bucket >= ? AND bucket < ? ORDER BY bucket";

  private RollupCodec() {}

  private static List<String> columns() {
    List<String> c =
        new ArrayList<>(List.of("checks", "loss_avg", "loss_max", "rtt_min", "rtt_max"));
    RollupRow.PERCENTILES.forEach(p -> c.add("p" + p));
    c.addAll(RollupRow.STATUS_COLUMNS);
    return Collections.unmodifiableList(c);
  }

  static void bind(PreparedStatement ps, long line, RollupRow r) throws SQLException {
    int i = 1;
    ps.setLong(i++, line);
    ps.setLong(i++, r.start().toEpochMilli());
    ps.setInt(i++, r.checks());
    scaled(ps, i++, r.lossAvgPercent(), 100);
    scaled(ps, i++, r.lossMaxPercent(), 100);
    scaled(ps, i++, r.rttMinMs(), 1000);
    scaled(ps, i++, r.rttMaxMs(), 1000);
    for (int p = 0; p < RollupRow.PERCENTILES.size(); p++) {
      scaled(ps, i++, r.rttPercentilesMs().isEmpty() ? null : r.rttPercentilesMs().get(p), 1000);
    }
    for (int count : r.statusCounts()) {
      ps.setInt(i++, count);
    }
  }

  /** The row at the cursor of a {@link #SELECT_RANGE} query. */
  static RollupRow read(ResultSet rs) throws SQLException {
    int i = 1;
    Instant start = Instant.ofEpochMilli(rs.getLong(i++));
    int checks = rs.getInt(i++);
    Double lossAvg = unscaled(rs, i++, 100);
    Double lossMax = unscaled(rs, i++, 100);
    Double rttMin = unscaled(rs, i++, 1000);
    Double rttMax = unscaled(rs, i++, 1000);
    List<Double> pct = new ArrayList<>(RollupRow.PERCENTILES.size());
    for (int p = 0; p < RollupRow.PERCENTILES.size(); p++) {
      Double v = unscaled(rs, i++, 1000);
      if (v != null) {
        pct.add(v);
      }
    }
    List<Integer> counts = new ArrayList<>(RollupRow.STATUSES.size());
    for (int s = 0; s < RollupRow.STATUSES.size(); s++) {
      counts.add(rs.getInt(i++));
    }
    return new RollupRow(start, checks, lossAvg, lossMax, rttMin, rttMax, pct, counts);
  }

  private static void scaled(PreparedStatement ps, int i, Double v, int scale) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, Math.round(v * scale));
    }
  }

  private static Double unscaled(ResultSet rs, int i, int scale) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v / (double) scale;
  }
}
