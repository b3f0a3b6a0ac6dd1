package io.netpool.monitor.history;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.sqlite.SqliteFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history file ({@code state_dir/history.sqlite}), writer side: appends results, rolls closed
 * 5-minute buckets up, enforces retention. Its one connection is confined to one thread (the {@link
 * HistoryWriter}'s, or a benchmark's); readers use {@link #reads()}, which SQLite's WAL lets run
 * while the writer writes.
 *
 * <p>Rollups are made from the raw rows once a bucket is closed ({@link #GRACE} after its end), so
 * they need no state in memory and a restart catches up from the {@code rolled_up_to} mark. A
 * result that arrives after its bucket was rolled up (the writer was behind) marks that bucket to
 * be rolled up again.
 */
public final class HistoryStore implements HistoryWrites {
  private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);

  /** The file's name in {@code state_dir}. */
  public static final String FILE_NAME = "history.sqlite";

  /** A bucket is rolled up this long after its end (results still in flight by then are late). */
  static final long GRACE_MS = 60_000;

  private static final String MARK = "rolled_up_to";
  private static final int DELETE_CHUNK = 50_000;

  private final Path file;
  private final HistorySettings settings;
  private final Connection db;
  private final HistoryReads reads;
  private final Map<String, Long> lineKeys = new HashMap<>();
  private final Set<LateBucket> late = new HashSet<>();
  private long rolledUpTo; // epoch ms; buckets before it are rolled up; Long.MIN_VALUE: none yet

  private record LateBucket(long line, long bucket) {}

  private HistoryStore(Path file, HistorySettings settings, Connection db) throws SQLException {
    this.file = file;
    this.settings = settings;
    this.db = db;
    this.reads = new HistoryReads(file);
    this.rolledUpTo = readMark();
  }

  /**
   * Opens (creating or migrating when needed) the history file.
   *
   * @throws HistoryException naming the file when it cannot be opened
   */
  public static HistoryStore open(Path file, HistorySettings settings) {
    Connection c = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      SqliteFiles.nativeLibraryIn(file.toAbsolutePath().getParent());
      c = HistorySchema.connect(file, false);
      HistorySchema.migrate(c, file);
      return new HistoryStore(file, settings, c);
    } catch (SQLException | IOException | RuntimeException e) {
      SqliteFiles.closeQuietly(c);
      throw new HistoryException(
          "cannot open the history "
              + file
              + ": "
              + e.getMessage()
              + " (if the file is damaged, move it away: netpool then starts an empty one)",
          e);
    }
  }

  public Path file() {
    return file;
  }

  public HistorySettings settings() {
    return settings;
  }

  /** The read side, usable from any thread. */
  public HistoryReads reads() {
    return reads;
  }

  /** Bytes of the file and its write-ahead log. */
  public long fileBytes() {
    return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + "-wal"));
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The time a result is filed under: when it was known (due when it has no finish time). */
  static long timeOf(CheckResult r, long fallback) {
    Instant at = r.finished() != null ? r.finished() : r.due();
    return at == null ? fallback : at.toEpochMilli();
  }

  @Override
  public void append(List<CheckResult> batch, long nowMs) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      db.setAutoCommit(false);
      try (PreparedStatement ps =
          db.prepareStatement(
              "INSERT INTO raw (line, at, status, loss, rtt_min, rtt_avg, rtt_max, json)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (CheckResult r : batch) {
          long key = lineKey(r.lineId());
          long at = timeOf(r, nowMs);
          PingResult p = r.ping();
          ps.setLong(1, key);
          ps.setLong(2, at);
          ps.setString(3, p.status().wireName());
          decimal(ps, 4, p.lossPercent());
          decimal(ps, 5, p.rttMinMs());
          decimal(ps, 6, p.rttAvgMs());
          decimal(ps, 7, p.rttMaxMs());
          ps.setString(8, CheckResultJson.toJson(r));
          ps.addBatch();
          if (at < rolledUpTo) {
            late.add(new LateBucket(key, RollupRow.bucketOf(at)));
          }
        }
        ps.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      lineKeys.clear(); // keys inserted in the undone transaction are gone
      throw new HistoryException("cannot write to the history " + file + ": " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  private long lineKey(String id) throws SQLException {
    Long key = lineKeys.get(id);
    if (key != null) {
      return key;
    }
    try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO line (id) VALUES (?)");
        PreparedStatement sel = db.prepareStatement("SELECT key FROM line WHERE id = ?")) {
      ins.setString(1, id);
      ins.executeUpdate();
      sel.setString(1, id);
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        key = rs.getLong(1);
      }
    }
    lineKeys.put(id, key);
    return key;
  }

  private static void decimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.REAL);
    } else {
      ps.setDouble(i, v.doubleValue());
    }
  }

  @Override
  public boolean rollUp(long nowMs, int maxBuckets) {
    long closedBefore = RollupRow.bucketOf(nowMs - GRACE_MS);
    try {
      rollUpLate();
      if (rolledUpTo == Long.MIN_VALUE || rolledUpTo < oldestRaw()) {
        // first run, or after a long stop whose raw rows have expired: start at the data
        long oldest = oldestRaw();
        rolledUpTo = oldest == Long.MAX_VALUE ? closedBefore : RollupRow.bucketOf(oldest);
      }
      int done = 0;
      while (rolledUpTo < closedBefore && done < maxBuckets) {
        long bucket = rolledUpTo;
        Map<Long, RollupRow.Accumulator> lines = collect(bucket, null);
        db.setAutoCommit(false);
        writeRollups(lines);
        rolledUpTo = bucket + RollupRow.BUCKET_MS;
        writeMark();
        db.commit();
        autoCommit();
        done++;
      }
      return rolledUpTo < closedBefore;
    } catch (SQLException e) {
      rollbackQuietly();
      autoCommit();
      rolledUpTo = readMarkQuietly();
      throw new HistoryException("cannot roll up the history " + file + ": " + e.getMessage(), e);
    }
  }

  private void rollUpLate() throws SQLException {
    if (late.isEmpty()) {
      return;
    }
    List<LateBucket> todo = new ArrayList<>(late);
    late.clear();
    db.setAutoCommit(false);
    for (LateBucket b : todo) {
      writeRollups(collect(b.bucket(), b.line()));
    }
    db.commit();
    autoCommit();
  }

  private long oldestRaw() throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT min(at) FROM raw")) {
      long v = rs.next() ? rs.getLong(1) : 0;
      return rs.wasNull() ? Long.MAX_VALUE : v;
    }
  }

  /** The accumulated checks per line key of one bucket (of one line when {@code line} is set). */
  private Map<Long, RollupRow.Accumulator> collect(long bucket, Long line) throws SQLException {
    Map<Long, RollupRow.Accumulator> lines = new LinkedHashMap<>();
    String sql =
        "SELECT line, status, loss, rtt_min, rtt_avg, rtt_max FROM raw WHERE at >= ? AND at < ?"
            + (line == null ? "" : " AND line = ?");
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setLong(1, bucket);
      ps.setLong(2, bucket + RollupRow.BUCKET_MS);
      if (line != null) {
        ps.setLong(3, line);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          PingStatus status = statusOf(rs.getString(2));
          lines
              .computeIfAbsent(rs.getLong(1), k -> new RollupRow.Accumulator(bucket))
              .add(status, real(rs, 3), real(rs, 4), real(rs, 5), real(rs, 6));
        }
      }
    }
    return lines;
  }

  private static PingStatus statusOf(String wire) {
    for (PingStatus s : RollupRow.STATUSES) {
      if (s.wireName().equals(wire)) {
        return s;
      }
    }
    return PingStatus.ERROR; // a status this release does not know: counted as a failed check
  }

  private static Double real(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private void writeRollups(Map<Long, RollupRow.Accumulator> lines) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = db.prepareStatement(RollupCodec.UPSERT)) {
      for (Map.Entry<Long, RollupRow.Accumulator> e : lines.entrySet()) {
        RollupCodec.bind(ps, e.getKey(), e.getValue().build());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Retention enforceRetention(long nowMs) {
    long rawCutoff = nowMs - settings.rawRetention().toMillis();
    long rollupCutoff = nowMs - settings.rollupRetention().toMillis();
    try {
      long raw = 0;
      int n;
      do {
        try (PreparedStatement ps =
            db.prepareStatement(
                "DELETE FROM raw WHERE rowid IN (SELECT rowid FROM raw WHERE at < ? LIMIT "
                    + DELETE_CHUNK
                    + ")")) {
          ps.setLong(1, rawCutoff);
          n = ps.executeUpdate();
        }
        raw += n;
      } while (n == DELETE_CHUNK);
      long rollups = deleteRollups(rollupCutoff);
      long released = releaseFreePages();
      return new Retention(raw, rollups, released);
    } catch (SQLException e) {
      rollbackQuietly();
      throw new HistoryException("cannot trim the history " + file + ": " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  /** What one retention pass deleted and how many free pages it gave back to the file system. */
  public record Retention(long rawRows, long rollupRows, long pagesReleased) {}

  // Per line: the rollup key is (line, bucket), so each delete is a short range, not a scan.
  private long deleteRollups(long cutoff) throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT key FROM line")) {
      while (rs.next()) {
        keys.add(rs.getLong(1));
      }
    }
    db.setAutoCommit(false);
    long n = 0;
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM rollup WHERE line = ? AND bucket < ?")) {
      for (long k : keys) {
        ps.setLong(1, k);
        ps.setLong(2, cutoff);
        n += ps.executeUpdate();
      }
    }
    db.commit();
    autoCommit();
    return n;
  }

  /**
   * Gives free pages back when they are more than a tenth of the file (after a shorter retention or
   * many removed lines). Fewer are kept: the next inserts reuse them, and releasing pages only to
   * grow the file again is wasted I/O.
   */
  private long releaseFreePages() throws SQLException {
    long free = pragma("freelist_count");
    long pages = pragma("page_count");
    if (free * 10 <= pages) {
      return 0;
    }
    long release = free - pages / 20;
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA incremental_vacuum(" + release + ")");
    }
    log.info("history {}: gave {} free pages back to the file system", file, release);
    return release;
  }

  private long pragma(String name) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private long readMark() throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, MARK);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
      }
    }
  }

  private long readMarkQuietly() {
    try {
      return readMark();
    } catch (SQLException e) {
      return Long.MIN_VALUE;
    }
  }

  private void writeMark() throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
      ps.setString(1, MARK);
      ps.setLong(2, rolledUpTo);
      ps.executeUpdate();
    }
  }

  /** Closes the writer connection and the readers'; call after the writer thread ended. */
  @Override
  public void close() {
    reads.close();
    SqliteFiles.closeQuietly(db);
  }

  private void autoCommit() {
    SqliteFiles.autoCommit(db);
  }

  private void rollbackQuietly() {
    SqliteFiles.rollbackQuietly(db);
  }

  @Override
  public String toString() {
    return "HistoryStore[" + file + "]";
  }
}
