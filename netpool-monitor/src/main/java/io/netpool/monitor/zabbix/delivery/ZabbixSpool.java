package io.netpool.monitor.zabbix.delivery;

import static io.netpool.monitor.sqlite.SqliteFiles.autoCommit;
import static io.netpool.monitor.sqlite.SqliteFiles.closeQuietly;
import static io.netpool.monitor.sqlite.SqliteFiles.rollbackQuietly;

import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.sqlite.SqliteFiles;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values for one Zabbix destination that Zabbix has not acknowledged yet, in an SQLite file
 * (WAL journal, {@code synchronous=NORMAL}): a committed append survives the process being killed;
 * after a power loss the last commits may be missing, never a corrupt file.
 *
 * <p>Two connections, each confined to one thread: the <em>writer</em> side ({@link #append},
 * {@link #enforceBounds}) and the <em>sender</em> side ({@link #head}, {@link #remove}). SQLite's
 * WAL lets the sender read while the writer writes; the counts are atomics readable from any thread
 * (metrics). Ids are {@code AUTOINCREMENT}: never reused, so their order is the order of the
 * appends.
 */
public final class ZabbixSpool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZabbixSpool.class);

  /** Row overhead added to the text lengths for the size bound (ids, clocks, SQLite's record). */
  static final int ROW_OVERHEAD = 48;

  private static final int DROP_CHUNK = 1_000;
  private static final String SUFFIX = ".sqlite";

  private final Path file;
  private final String endpoint;
  private final long maxBytes;
  private final Duration maxAge;
  private final Clock clock;
  private final Connection writer;
  private final Connection sender;

  private final AtomicLong values = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong droppedBySize = new AtomicLong();
  private final AtomicLong droppedByAge = new AtomicLong();
  // enqueued_at (epoch ms) of the head; Long.MIN_VALUE when empty. Approximate: for the gauge.
  private volatile long oldestMillis = Long.MIN_VALUE;

  /** One spooled value and its row id. */
  public record Spooled(long id, ZabbixValue value) {}

  /** What {@link #enforceBounds} dropped. */
  public record Dropped(long bySize, long byAge) {
    public boolean any() {
      return bySize + byAge > 0;
    }
  }

  private ZabbixSpool(
      Path file,
      String endpoint,
      SpoolSettings settings,
      Clock clock,
      Connection writer,
      Connection sender) {
    this.file = file;
    this.endpoint = endpoint;
    this.maxBytes = settings.maxBytes();
    this.maxAge = settings.maxAge();
    this.clock = clock;
    this.writer = writer;
    this.sender = sender;
  }

  /** The file of a destination's spool in the spool folder. */
  public static Path fileOf(Path dir, ZabbixEndpoint endpoint) {
    return dir.resolve(
        URLEncoder.encode(endpoint.host(), StandardCharsets.UTF_8)
            + "_"
            + endpoint.port()
            + SUFFIX);
  }

  /** The destinations that have a spool file in the folder (none when it does not exist). */
  public static List<ZabbixEndpoint> existing(Path dir) throws IOException {
    List<ZabbixEndpoint> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString();
        int us = name.lastIndexOf('_');
        if (!name.endsWith(SUFFIX) || us < 1) {
          continue;
        }
        try {
          int port = Integer.parseInt(name.substring(us + 1, name.length() - SUFFIX.length()));
          String host = URLDecoder.decode(name.substring(0, us), StandardCharsets.UTF_8);
          out.add(new ZabbixEndpoint(host, port));
        } catch (IllegalArgumentException e) {
          log.warn("ignoring {} in the Zabbix spool folder: not a spool file name", p);
        }
      }
    }
    return out;
  }

  /**
   * Opens (creating when needed) the spool of a destination.
   *
   * @throws SpoolException naming the file when it cannot be opened (not a database, locked by
   *     another program, no permission)
   */
  public static ZabbixSpool open(SpoolSettings settings, ZabbixEndpoint endpoint, Clock clock) {
    Path file = fileOf(settings.dir(), endpoint);
    Connection w = null;
    Connection s = null;
    try {
      Files.createDirectories(settings.dir());
      SqliteFiles.nativeLibraryIn(settings.dir());
      w = connect(file);
      try (Statement st = w.createStatement()) {
        st.executeUpdate(
            "CREATE TABLE IF NOT EXISTS spool ("
                + "id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL,"
                + " host TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
                + " clock INTEGER, ns INTEGER, enqueued_at INTEGER NOT NULL,"
                + " bytes INTEGER NOT NULL)");
      }
      s = connect(file);
      ZabbixSpool spool = new ZabbixSpool(file, endpoint.toString(), settings, clock, w, s);
      spool.recount();
      return spool;
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(s);
      closeQuietly(w);
      throw new SpoolException(
          "cannot open the Zabbix spool "
              + file
              + ": "
              + e.getMessage()
              + (isLocked(e)
                  ? " (another program holds the file; netpool keeps it for itself)"
                  : " (if the file is damaged, move it away: netpool then starts an empty one)"),
          e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    Connection c = SqliteFiles.open(file);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA quick_check"); // a spool is small: a damaged one is refused at once
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  private static boolean isLocked(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return m.contains("locked") || m.contains("busy");
  }

  private void recount() throws SQLException {
    try (Statement st = writer.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(bytes), 0) FROM spool")) {
      rs.next();
      values.set(rs.getLong(1));
      bytes.set(rs.getLong(2));
    }
    refreshOldest(writer);
  }

  // ---- writer side ----

  /** Appends values in one transaction, in order. */
  public void append(List<ZabbixValue> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long now = clock.millis();
    long added = 0;
    try {
      writer.setAutoCommit(false);
      try (PreparedStatement ps =
          writer.prepareStatement(
              "INSERT INTO spool (endpoint, host, key, value, clock, ns, enqueued_at, bytes)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (ZabbixValue v : batch) {
          long size = sizeOf(v);
          ps.setString(1, endpoint);
          ps.setString(2, v.host());
          ps.setString(3, v.key());
          ps.setString(4, v.value());
          if (v.clock() == null) {
            ps.setNull(5, java.sql.Types.INTEGER);
            ps.setNull(6, java.sql.Types.INTEGER);
          } else {
            ps.setLong(5, v.clock().getEpochSecond());
            ps.setInt(6, v.clock().getNano());
          }
          ps.setLong(7, now);
          ps.setLong(8, size);
          ps.addBatch();
          added += size;
        }
        ps.executeBatch();
      }
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly(writer);
      throw new SpoolException(
          "cannot write to the Zabbix spool " + file + ": " + e.getMessage(), e);
    } finally {
      autoCommit(writer);
    }
    bytes.addAndGet(added);
    if (values.getAndAdd(batch.size()) == 0 || oldestMillis == Long.MIN_VALUE) {
      oldestMillis = now;
    }
  }

  /** Drops the oldest values beyond the size bound, then those older than the age bound. */
  public Dropped enforceBounds() {
    try {
      long bySize = 0;
      while (bytes.get() > maxBytes) {
        long[] excess = {bytes.get() - maxBytes};
        long n =
            dropHead(
                row -> {
                  if (excess[0] <= 0) {
                    return false;
                  }
                  excess[0] -= row.bytes;
                  return true;
                });
        if (n == 0) {
          break;
        }
        bySize += n;
      }
      long cutoff = clock.millis() - maxAge.toMillis();
      long byAge = 0;
      while (oldestMillis != Long.MIN_VALUE && oldestMillis < cutoff) {
        long n = dropHead(row -> row.enqueuedAt < cutoff);
        if (n == 0) {
          break;
        }
        byAge += n;
      }
      droppedBySize.addAndGet(bySize);
      droppedByAge.addAndGet(byAge);
      return new Dropped(bySize, byAge);
    } catch (SQLException e) {
      throw new SpoolException("cannot trim the Zabbix spool " + file + ": " + e.getMessage(), e);
    }
  }

  private record HeadRow(long id, long bytes, long enqueuedAt) {}

  /** Deletes head rows while {@code drop} says so (at most a chunk); returns how many. */
  private long dropHead(Predicate<HeadRow> drop) throws SQLException {
    List<HeadRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        writer.prepareStatement(
            "SELECT id, bytes, enqueued_at FROM spool ORDER BY id LIMIT " + DROP_CHUNK)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          HeadRow r = new HeadRow(rs.getLong(1), rs.getLong(2), rs.getLong(3));
          if (!drop.test(r)) {
            break;
          }
          rows.add(r);
        }
      }
    }
    long n =
        delete(
            writer,
            rows.stream().map(HeadRow::id).toList(),
            rows.stream().map(HeadRow::bytes).toList());
    refreshOldest(writer);
    return n;
  }

  // ---- sender side ----

  /** The oldest values, at most {@code limit}, in append order. */
  public List<Spooled> head(int limit) {
    List<Spooled> out = new ArrayList<>();
    try (PreparedStatement ps =
        sender.prepareStatement(
            "SELECT id, host, key, value, clock, ns FROM spool ORDER BY id LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long clockSec = rs.getLong(5);
          Instant at = rs.wasNull() ? null : Instant.ofEpochSecond(clockSec, rs.getInt(6));
          out.add(
              new Spooled(
                  rs.getLong(1),
                  new ZabbixValue(rs.getString(2), rs.getString(3), rs.getString(4), at)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new SpoolException("cannot read the Zabbix spool " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes values Zabbix answered for; those dropped meanwhile by a bound are skipped. */
  public void remove(List<Spooled> sent) {
    try {
      delete(
          sender,
          sent.stream().map(Spooled::id).toList(),
          sent.stream().map(s -> sizeOf(s.value())).toList());
      refreshOldest(sender);
    } catch (SQLException e) {
      throw new SpoolException(
          "cannot delete from the Zabbix spool " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- shared ----

  /** Deletes rows by id in one transaction; counts only rows that were still there. */
  private long delete(Connection c, List<Long> ids, List<Long> sizes) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    int[] counts;
    try {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM spool WHERE id = ?")) {
        for (long id : ids) {
          ps.setLong(1, id);
          ps.addBatch();
        }
        counts = ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      rollbackQuietly(c);
      throw e;
    } finally {
      autoCommit(c);
    }
    long n = 0;
    long b = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        n++;
        b += sizes.get(i);
      }
    }
    values.addAndGet(-n);
    bytes.addAndGet(-b);
    return n;
  }

  private void refreshOldest(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT enqueued_at FROM spool ORDER BY id LIMIT 1")) {
      oldestMillis = rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
    }
  }

  static long sizeOf(ZabbixValue v) {
    return utf8(v.host()) + utf8(v.key()) + utf8(v.value()) + ROW_OVERHEAD;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  // ---- state for metrics, any thread ----

  public Path file() {
    return file;
  }

  /** Values spooled and not acknowledged. */
  public long values() {
    return values.get();
  }

  /** Their bytes as counted for {@code spool_max_size}. */
  public long bytes() {
    return bytes.get();
  }

  public long droppedBySize() {
    return droppedBySize.get();
  }

  public long droppedByAge() {
    return droppedByAge.get();
  }

  /** Seconds since the oldest value was spooled; 0 when empty. */
  public double oldestAgeSeconds() {
    long o = oldestMillis;
    return o == Long.MIN_VALUE ? 0 : Math.max(0, clock.millis() - o) / 1000.0;
  }

  /** Closes both connections; call after the threads using them ended. */
  @Override
  public void close() {
    closeQuietly(sender);
    closeQuietly(writer);
  }

  @Override
  public String toString() {
    return "ZabbixSpool[" + Objects.toString(file) + "]";
  }
}
