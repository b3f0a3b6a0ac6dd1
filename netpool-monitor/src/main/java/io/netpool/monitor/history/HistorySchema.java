package io.netpool.monitor.history;

import io.netpool.monitor.sqlite.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The history file's connections and tables. The version is SQLite's {@code user_version}: a file
 * of an older version is migrated step by step on open; a newer one (written by a later netpool) is
 * refused rather than misread. The header is read at open (not {@code quick_check} as in the Zabbix
 * spool: that reads the whole file, gigabytes here).
 *
 * <pre>
 * line    key INTEGER PRIMARY KEY, id TEXT UNIQUE         -- line ids once, rows carry the key
 * raw     line, at (epoch ms), status, loss, rtt_min/avg/max (REAL, ms), json (the result's
 *         CheckResultJson line: fields added later are kept without a migration)
 *         indexes (line, at) for reads, (at) for rollups and retention
 * rollup  (line, bucket start epoch ms) PRIMARY KEY, WITHOUT ROWID: one line's buckets are
 *         contiguous, so a 7-day graph reads a few pages; RTTs in integer microseconds and loss in
 *         hundredths of a percent (SQLite stores small integers in 1-3 bytes, a REAL in 8)
 * meta    key TEXT PRIMARY KEY, value INTEGER             -- rolled_up_to (epoch ms)
 * </pre>
 */
final class HistorySchema {
  /** The version this code writes. */
  static final int VERSION = 1;

  // WAL is truncated to this after a checkpoint, so a burst does not leave a large file behind.
  private static final long WAL_LIMIT_BYTES = 64L << 20;

  private static final int WRITE_CACHE_KIB = 32 * 1024;
  private static final int READ_CACHE_KIB = 4 * 1024;

  private HistorySchema() {}

  /** A connection with the house settings ({@link SqliteFiles}) and the history's own. */
  static Connection connect(Path file, boolean readOnly) throws SQLException {
    Connection c = SqliteFiles.open(file);
    try (Statement st = c.createStatement()) {
      // query_only rather than a read-only open: a read-only connection cannot set up the WAL's
      // shared memory when it is the first to open the file.
      st.execute(
          readOnly ? "PRAGMA query_only = 1" : "PRAGMA journal_size_limit = " + WAL_LIMIT_BYTES);
      // the writer updates two indexes over millions of rows: keep their upper levels cached
      st.execute("PRAGMA cache_size = -" + (readOnly ? READ_CACHE_KIB : WRITE_CACHE_KIB));
    } catch (SQLException e) {
      SqliteFiles.closeQuietly(c);
      throw e;
    }
    return c;
  }

  /** Creates the tables of a new file or migrates an older one; on the writer connection. */
  static void migrate(Connection c, Path file) throws SQLException {
    int version = userVersion(c);
    if (version > VERSION) {
      throw new SQLException(
          file
              + " has history schema version "
              + version
              + ", newer than this netpool's "
              + VERSION
              + " (written by a later release)");
    }
    if (version == 0) {
      create(c);
    }
    // later versions: if (version < 2) { ALTER ...; } each in its own step
  }

  static int userVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      // Must precede the first table: free pages can then be given back to the file system.
      st.execute("PRAGMA auto_vacuum = INCREMENTAL");
      c.setAutoCommit(false);
      st.executeUpdate(
          "CREATE TABLE IF NOT EXISTS line (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
      st.executeUpdate(
          "CREATE TABLE IF NOT EXISTS raw (line INTEGER NOT NULL, at INTEGER NOT NULL,"
              + " status TEXT NOT NULL, loss REAL, rtt_min REAL, rtt_avg REAL, rtt_max REAL,"
              + " json TEXT NOT NULL)");
      st.executeUpdate("CREATE INDEX IF NOT EXISTS raw_line_at ON raw (line, at)");
      st.executeUpdate("CREATE INDEX IF NOT EXISTS raw_at ON raw (at)");
      StringBuilder rollup =
          new StringBuilder(
              "CREATE TABLE IF NOT EXISTS rollup (line INTEGER NOT NULL, bucket INTEGER NOT NULL,"
                  + " checks INTEGER NOT NULL, loss_avg INTEGER, loss_max INTEGER,"
                  + " rtt_min INTEGER, rtt_max INTEGER");
      for (int p : RollupRow.PERCENTILES) {
        rollup.append(", p").append(p).append(" INTEGER");
      }
      for (String s : RollupRow.STATUS_COLUMNS) {
        rollup.append(", ").append(s).append(" INTEGER NOT NULL");
      }
      rollup.append(", PRIMARY KEY (line, bucket)) WITHOUT ROWID");
      st.executeUpdate(rollup.toString());
      st.executeUpdate(
          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      st.executeUpdate("PRAGMA user_version = " + VERSION);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
