package io.netpool.monitor.history;

import io.netpool.monitor.sqlite.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one line's history, from any thread, concurrently with the writer (WAL). Each read borrows
 * an idle query-only connection, or opens one; at most {@link #IDLE_KEPT} idle ones are kept. No
 * lock: the idle connections are in a concurrent queue.
 */
public final class HistoryReads implements AutoCloseable {
  static final int IDLE_KEPT = 4;

  private final Path file;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  HistoryReads(Path file) {
    this.file = file;
  }

  /** One stored result: when it is filed and its JSON line. */
  public record RawRow(Instant at, String json) {}

  /** The line's results with {@code from <= at < to}, oldest first, at most {@code limit}. */
  public List<RawRow> raw(String lineId, Instant from, Instant to, int limit) {
    return query(
        c -> {
          List<RawRow> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT r.at, r.json FROM raw r JOIN line l ON l.key = r.line"
                      + " WHERE l.id = ? AND r.at >= ? AND r.at < ? ORDER BY r.at LIMIT ?")) {
            ps.setString(1, lineId);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new RawRow(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)));
              }
            }
          }
          return out;
        });
  }

  /** The line's 5-minute rollups whose bucket starts in {@code [from, to)}, oldest first. */
  public List<RollupRow> rollups(String lineId, Instant from, Instant to) {
    return query(
        c -> {
          Long key = lineKey(c, lineId);
          List<RollupRow> out = new ArrayList<>();
          if (key == null) {
            return out;
          }
          try (PreparedStatement ps = c.prepareStatement(RollupCodec.SELECT_RANGE)) {
            ps.setLong(1, key);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(RollupCodec.read(rs));
              }
            }
          }
          return out;
        });
  }

  private static Long lineKey(Connection c, String lineId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT key FROM line WHERE id = ?")) {
      ps.setString(1, lineId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T query(Query<T> q) {
    if (closed) {
      throw new HistoryException("the history " + file + " is closed", null);
    }
    Connection c = idle.poll();
    try {
      if (c == null) {
        c = HistorySchema.connect(file, true);
      } else {
        idleCount.decrementAndGet();
      }
      T out = q.run(c);
      giveBack(c);
      return out;
    } catch (SQLException | RuntimeException e) {
      SqliteFiles.closeQuietly(c);
      throw new HistoryException("cannot read the history " + file + ": " + e.getMessage(), e);
    }
  }

  private void giveBack(Connection c) {
    if (!closed && idleCount.incrementAndGet() <= IDLE_KEPT) {
      idle.add(c);
      if (closed && idle.remove(c)) { // closed meanwhile: close() may have missed it
        SqliteFiles.closeQuietly(c);
      }
    } else {
      idleCount.decrementAndGet();
      SqliteFiles.closeQuietly(c);
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      SqliteFiles.closeQuietly(c);
    }
  }
}
