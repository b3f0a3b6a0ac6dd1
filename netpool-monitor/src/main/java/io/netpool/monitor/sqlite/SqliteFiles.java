package io.netpool.monitor.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The house settings for the SQLite files in {@code state_dir} (the Zabbix spool, the history): WAL
 * journal, so readers run while the one writer writes; {@code synchronous=NORMAL}, so a commit
 * survives a crash of the process and a power loss may undo the last commits but never corrupts the
 * file; a busy timeout instead of failing at once when another connection writes.
 */
public final class SqliteFiles {
  private static final Logger log = LoggerFactory.getLogger(SqliteFiles.class);
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private SqliteFiles() {}

  /**
   * Unpacks the driver's native library into {@code dir} rather than {@code /tmp}: the systemd unit
   * has PrivateTmp, and a noexec {@code /tmp} would refuse to load it. The first caller wins.
   */
  public static void nativeLibraryIn(Path dir) {
    if (System.getProperty("org.sqlite.tmpdir") == null) {
      System.setProperty("org.sqlite.tmpdir", dir.toString());
    }
  }

  /**
   * A connection with the house settings; reads the schema, so a file that is not a database fails
   * here rather than at the first write.
   */
  public static Connection open(Path file) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection c = cfg.createConnection("jdbc:sqlite:" + file);
    try (Statement st = c.createStatement()) {
      st.executeQuery("SELECT count(*) FROM sqlite_schema").close();
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  /** Back to auto-commit after a transaction; a failure is only logged. */
  public static void autoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      log.debug("cannot reset auto-commit", e);
    }
  }

  /** Rolls the open transaction back; a failure is only logged. */
  public static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }

  /** Closes {@code c} when not null; a failure is only logged. */
  public static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("close failed", e);
    }
  }
}
