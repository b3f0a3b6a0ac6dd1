package io.netpool.bench.history;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.history.HistoryQuery;
import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.history.HistoryStore;
import io.netpool.monitor.ping.PingPlatform;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The history file under a large fleet, in accelerated time: {@code --lines} lines checked once a
 * {@code --interval} for {@code --days} simulated days, written the way the history writer does it
 * (batches of up to 2,000 results per transaction, a rollup pass each simulated 30 s, retention
 * each simulated 10 minutes), on this thread, as fast as it goes. Reports the disk bytes per line
 * and day (raw rows and rollups apart, from SQLite's {@code dbstat}), the thread CPU time per
 * stored result (JSON, SQLite and rollups included; generating the results excluded) and the time
 * to read 7 days of one line as a graph does (rollups), and 6 hours raw.
 *
 * <p>Results are real ping outputs (Linux, 5 probes, per-reply lines) parsed once into a few
 * hundred variants, so the JSON stored is what the monitor stores.
 *
 * <pre>
 * java -Xmx2g -cp netpool-bench/target/benchmarks.jar io.netpool.bench.history.HistoryRun \
 *     --lines 5000 --days 14 --dir /var/tmp/history-bench
 * </pre>
 */
public final class HistoryRun {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final int BATCH = 2_000; // HistoryWriter.MAX_BATCH
  private static final int VARIANTS = 256;

  private HistoryRun() {}

  public static void main(String[] argv) throws Exception {
    int lines = 5000;
    double days = 14;
    Duration interval = Duration.ofMinutes(1);
    Path dir = null;
    int reads = 50;
    boolean readOnly = false;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      String v = argv[i + 1];
      switch (argv[i]) {
        case "--lines" -> lines = Integer.parseInt(v);
        case "--days" -> days = Double.parseDouble(v);
        case "--interval-seconds" -> interval = Duration.ofSeconds(Long.parseLong(v));
        case "--dir" -> dir = Path.of(v);
        case "--reads" -> reads = Integer.parseInt(v);
        case "--read-only" -> readOnly = Boolean.parseBoolean(v);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("netpool-history-bench");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(HistoryStore.FILE_NAME);
    if (readOnly) {
      readExisting(file, reads);
      return;
    }
    if (Files.exists(file)) {
      throw new IllegalStateException(file + " exists: give an empty --dir");
    }
    HistorySettings settings = HistorySettings.defaults();
    PingResult[] variants = variants();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long rounds = (long) (days * Duration.ofDays(1).toMillis() / interval.toMillis());
    long perDay = Duration.ofDays(1).toMillis() / interval.toMillis();
    System.out.printf(
        Locale.ROOT,
        "history bench: %d lines, one check every %s, %.2f simulated days (%d rounds), %s;"
            + " %d cores, %s, file %s%n",
        lines,
        interval,
        days,
        rounds,
        settings,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        file);
    long storeCpuNanos = 0;
    long results = 0;
    long wall0 = System.nanoTime();
    long nextRollup = T0.toEpochMilli();
    long nextRetention = T0.toEpochMilli();
    SplittableRandom random = new SplittableRandom(13);
    try (HistoryStore store = HistoryStore.open(file, settings)) {
      long dayWall = System.nanoTime();
      for (long round = 0; round < rounds; round++) {
        long roundStart = T0.toEpochMilli() + round * interval.toMillis();
        List<CheckResult> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < lines; i++) {
          // the lines' checks spread over the interval, as initial_spread leaves them
          long at = roundStart + (long) i * interval.toMillis() / lines;
          batch.add(result(i, at, variants[random.nextInt(VARIANTS)]));
          if (batch.size() == BATCH || i == lines - 1) {
            long c0 = cpu.getCurrentThreadCpuTime();
            store.append(batch, at);
            storeCpuNanos += cpu.getCurrentThreadCpuTime() - c0;
            results += batch.size();
            batch = new ArrayList<>(BATCH);
          }
          // maintenance between batches, when its simulated time has come
          long c0 = cpu.getCurrentThreadCpuTime();
          boolean ran = false;
          while (at >= nextRollup) {
            ran = true;
            nextRollup = store.rollUp(at, 12) ? nextRollup : at + 30_000;
          }
          if (at >= nextRetention) {
            ran = true;
            store.enforceRetention(at);
            nextRetention = at + 600_000;
          }
          if (ran) {
            storeCpuNanos += cpu.getCurrentThreadCpuTime() - c0;
          }
        }
        if ((round + 1) % perDay == 0) {
          double wall = (System.nanoTime() - dayWall) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "day %3d: file %,d bytes, %,d results so far, this day %.1f s wall (%,.0f"
                  + " results/s), CPU so far %.1f us/result%n",
              (round + 1) / perDay,
              store.fileBytes(),
              results,
              wall,
              perDay * lines / wall,
              storeCpuNanos / 1e3 / results);
          dayWall = System.nanoTime();
        }
      }
      double wallSeconds = (System.nanoTime() - wall0) / 1e9;
      Instant now = T0.plus(interval.multipliedBy(rounds));
      System.out.printf(
          Locale.ROOT,
          "%nwritten: %,d results in %.1f s wall (%,.0f results/s); store thread CPU %.1f s ="
              + " %.1f us per stored result%n",
          results,
          wallSeconds,
          results / wallSeconds,
          storeCpuNanos / 1e9,
          storeCpuNanos / 1e3 / results);
      Map<String, Long> tables = tableBytes(file);
      long fileBytes = store.fileBytes();
      double rawDays = Math.min(days, settings.rawRetention().toMillis() / 86_400_000.0);
      double rollupDays = Math.min(days, settings.rollupRetention().toMillis() / 86_400_000.0);
      long raw = tables.getOrDefault("raw", 0L);
      long rawIdx = tables.getOrDefault("raw_line_at", 0L) + tables.getOrDefault("raw_at", 0L);
      long rollup = tables.getOrDefault("rollup", 0L);
      System.out.printf(Locale.ROOT, "file %,d bytes; by table (dbstat): %s%n", fileBytes, tables);
      double rawPerLineDay = (raw + rawIdx) / (double) lines / rawDays;
      double rollupPerLineDay = rollup / (double) lines / rollupDays;
      System.out.printf(
          Locale.ROOT,
          "raw rows + indexes: %,.0f bytes per line per day (%.2f days held); rollups: %,.0f bytes"
              + " per line per day (%.2f days held)%n",
          rawPerLineDay,
          rawDays,
          rollupPerLineDay,
          rollupDays);
      double steady =
          rawPerLineDay * settings.rawRetention().toMillis() / 86_400_000.0
              + rollupPerLineDay * settings.rollupRetention().toMillis() / 86_400_000.0;
      System.out.printf(
          Locale.ROOT,
          "steady state at the default retention (%s raw, %s rollups): %,.0f bytes per line,"
              + " %,.1f GB for %d lines%n",
          settings.rawRetention(),
          settings.rollupRetention(),
          steady,
          steady * lines / 1e9,
          lines);
      readTimes(store, settings, lines, now, reads, random);
    }
  }

  /**
   * The reads alone, on a file an earlier run wrote: run after dropping the OS page cache, they are
   * the reads of a graph on a cold server.
   */
  private static void readExisting(Path file, int reads) throws SQLException {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " does not exist: run the writing phase first");
    }
    long latest;
    int lines;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT max(at) FROM raw")) {
        latest = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM line")) {
        lines = rs.next() ? rs.getInt(1) : 0;
      }
    }
    HistorySettings settings = HistorySettings.defaults();
    try (HistoryStore store = HistoryStore.open(file, settings)) {
      System.out.printf(
          Locale.ROOT,
          "history reads: %s, %,d bytes, %d lines, latest result %s%n",
          file,
          store.fileBytes(),
          lines,
          Instant.ofEpochMilli(latest));
      readTimes(
          store, settings, lines, Instant.ofEpochMilli(latest), reads, new SplittableRandom(7));
    }
  }

  private static void readTimes(
      HistoryStore store,
      HistorySettings settings,
      int lines,
      Instant now,
      int reads,
      SplittableRandom random) {
    HistoryQuery query = new HistoryQuery(store.reads(), settings);
    for (Duration span : List.of(Duration.ofDays(7), Duration.ofHours(6))) {
      long[] nanos = new long[reads];
      int rows = 0;
      String resolution = "";
      long first = 0;
      for (int r = 0; r < reads; r++) {
        String line = lineId(random.nextInt(lines)); // a different line each time: no row cache
        long t0 = System.nanoTime();
        HistoryQuery.Answer a =
            query.answer(line, now.minus(span), now, HistoryQuery.Resolution.AUTO, now);
        nanos[r] = System.nanoTime() - t0;
        first = r == 0 ? nanos[0] : first;
        rows = a.raw().size() + a.rollups().size();
        resolution = a.resolution().wireName();
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "read %s of one line (%s, %d rows): first %.1f ms, median %.1f ms, p90 %.1f ms, max"
              + " %.1f ms over %d random lines%n",
          span,
          resolution,
          rows,
          first / 1e6,
          nanos[reads / 2] / 1e6,
          nanos[(int) (reads * 0.9)] / 1e6,
          nanos[reads - 1] / 1e6,
          reads);
    }
  }

  /** Bytes per table and index, from SQLite's dbstat (empty when the driver lacks it). */
  private static Map<String, Long> tableBytes(Path file) {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      System.out.println("dbstat not available: " + e.getMessage());
    }
    return out;
  }

  static String lineId(int i) {
    return String.format(Locale.ROOT, "line-%05d", i);
  }

  private static CheckResult result(int line, long atMs, PingResult ping) {
    Instant finished = Instant.ofEpochMilli(atMs);
    Instant due = finished.minusMillis(1_500);
    String target = "10." + (line >> 16 & 255) + "." + (line >> 8 & 255) + "." + (line & 255);
    return new CheckResult(
        lineId(line),
        String.format(Locale.ROOT, "edge-%04d", line / 10),
        target,
        due,
        due.plusMillis(20),
        finished,
        ping,
        null,
        "ping " + target + " -c 5 -W 1");
  }

  /** Parsed Linux outputs: mostly clean with varied RTTs, some with a lost probe, a few down. */
  private static PingResult[] variants() {
    SplittableRandom r = new SplittableRandom(7);
    PingResult[] out = new PingResult[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
      int lost = v % 16 == 0 ? 5 : v % 8 == 0 ? 1 : 0;
      double base = 1 + r.nextDouble() * 40;
      StringBuilder s = new StringBuilder("PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n");
      List<Double> rtts = new ArrayList<>();
      for (int seq = 1; seq <= 5; seq++) {
        if (seq <= lost) {
          continue;
        }
        double rtt = base + r.nextDouble() * base * 0.2;
        rtts.add(rtt);
        s.append(
            String.format(
                Locale.ROOT,
                "64 bytes from 10.0.0.1: icmp_seq=%d ttl=62 time=%.3f ms%n",
                seq,
                rtt));
      }
      s.append("\n--- 10.0.0.1 ping statistics ---\n");
      s.append(
          String.format(
              Locale.ROOT,
              "5 packets transmitted, %d received, %d%% packet loss, time 4005ms%n",
              5 - lost,
              lost * 20));
      if (!rtts.isEmpty()) {
        double min = rtts.stream().mapToDouble(d -> d).min().orElseThrow();
        double max = rtts.stream().mapToDouble(d -> d).max().orElseThrow();
        double avg = rtts.stream().mapToDouble(d -> d).average().orElseThrow();
        s.append(
            String.format(
                Locale.ROOT,
                "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms%n",
                min,
                avg,
                max,
                (max - min) / 4));
      }
      out[v] = PingPlatform.of("linux").parse(s.toString());
      PingStatus expected =
          lost == 0 ? PingStatus.OK : lost == 5 ? PingStatus.DOWN : PingStatus.DEGRADED;
      if (out[v].status() != expected) {
        throw new IllegalStateException("variant " + v + " parsed as " + out[v] + ":\n" + s);
      }
    }
    return out;
  }
}
