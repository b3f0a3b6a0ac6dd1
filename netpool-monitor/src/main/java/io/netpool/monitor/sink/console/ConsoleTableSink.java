package io.netpool.monitor.sink.console;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.FailureKind;
import io.netpool.monitor.cluster.ClusterStatus;
import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.sink.ResultSink;
import io.netpool.monitor.status.LineHistory;
import io.netpool.monitor.status.LineInfo;
import io.netpool.monitor.status.ResultStore;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A live table of lines on a terminal: line id, router, target, status, loss %, RTT min/avg/max,
 * jitter (where the platform prints per-reply times), time of the last check and failure kind, one
 * row per line, with a summary header.
 *
 * <p>Rows come from a {@link ResultStore}. Either the store is shared and registered with the
 * engine as a sink of its own ({@code feedStore = false}: {@link #accept} then does nothing but let
 * the next redraw see the change), or this sink owns it and feeds it ({@code feedStore = true}).
 * The table is redrawn from one background thread ({@code netpool-console}) when something changed,
 * at most once per {@code minRedraw}; {@link #accept} never writes to the terminal.
 *
 * <p>With ANSI ({@link #ansiDetected()}: a terminal, {@code NO_COLOR} unset, {@code TERM} not
 * {@code dumb}) the table is redrawn in place from the top of the screen and the status is
 * coloured. Without, each redraw is printed below the previous one, plain.
 */
public final class ConsoleTableSink implements ResultSink {

  static final String RESET = "\u001b[0m";

  /** Appended to the status of a line whose checks were skipped since its latest result. */
  static final String LATE = " (late)";

  private static final String HOME = "\u001b[H";
  private static final String CLEAR_LINE = "\u001b[K";
  private static final String CLEAR_BELOW = "\u001b[J";
  private static final String CLEAR_SCREEN = "\u001b[2J";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String[] HEADERS = {
    "LINE",
    "ROUTER",
    "TARGET",
    "STATUS",
    "LOSS%",
    "RTT MIN/AVG/MAX ms",
    "JITTER ms",
    "LAST CHECK",
    "FAILURE"
  };

  private final ResultStore store;
  private final boolean feedStore;
  private final Supplier<? extends Collection<LineInfo>> lines;
  private final PrintStream out;
  private final boolean ansi;
  private final long minRedrawNanos;
  private final Clock clock;
  private final Thread drawer;
  private volatile boolean closed;
  private volatile Supplier<ClusterStatus> cluster = () -> null;
  private long drawnVersion = -1; // drawer thread only
  private long drawnView = Long.MIN_VALUE; // drawer thread only
  private List<LineInfo> drawnLines; // drawer thread only
  private boolean cleared; // drawer thread only

  /**
   * @param store where rows come from
   * @param feedStore whether {@link #accept} puts results into {@code store} (false when the store
   *     is registered as a sink itself)
   * @param lines the lines to show, in display order (e.g. {@code () -> LineInfo.of(inventory)});
   *     null shows every line of the store, sorted by id
   * @param out the terminal
   * @param ansi whether to colour and redraw in place
   * @param minRedraw shortest time between two redraws
   * @param clock for the header's time and the time zone of LAST CHECK
   */
  public ConsoleTableSink(
      ResultStore store,
      boolean feedStore,
      Supplier<? extends Collection<LineInfo>> lines,
      PrintStream out,
      boolean ansi,
      Duration minRedraw,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.feedStore = feedStore;
    this.lines = lines;
    this.out = Objects.requireNonNull(out, "out");
    this.ansi = ansi;
    this.minRedrawNanos = Math.max(1, minRedraw.toNanos());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.drawer = Thread.ofPlatform().name("netpool-console").daemon().unstarted(this::run);
  }

  /**
   * A table on standard output, coloured when it is a terminal, redrawn at most every second. Call
   * {@link #start()}.
   */
  public static ConsoleTableSink toStdout(
      ResultStore store, boolean feedStore, Supplier<? extends Collection<LineInfo>> lines) {
    return new ConsoleTableSink(
        store,
        feedStore,
        lines,
        System.out,
        ansiDetected(),
        Duration.ofSeconds(1),
        Clock.systemDefaultZone());
  }

  /**
   * In a cluster: a NODE column with each line's owner, the members in the header; the lines owned
   * by other nodes are shown as {@code on <node>}. Give {@code lines} the whole inventory's lines.
   */
  public ConsoleTableSink cluster(Supplier<ClusterStatus> v) {
    this.cluster = Objects.requireNonNull(v, "cluster");
    return this;
  }

  /** Starts the redraw thread. */
  public ConsoleTableSink start() {
    drawer.start();
    return this;
  }

  @Override
  public void accept(CheckResult result) {
    if (feedStore) {
      store.accept(result);
    }
  }

  /** Stops redrawing after drawing the final state once more. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (drawer.isAlive()) {
      LockSupport.unpark(drawer);
      try {
        drawer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether standard output looks like a colour terminal: a console that is a terminal, {@code
   * NO_COLOR} unset and {@code TERM} not {@code dumb}.
   */
  public static boolean ansiDetected() {
    if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try { // Console.isTerminal() exists from JDK 22; on 21 a non-null console is a terminal
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  private void run() {
    while (true) {
      boolean stopping = closed;
      try {
        drawIfChanged();
      } catch (RuntimeException e) {
        // a failing line supplier must not end the table; try again next time
      }
      if (stopping) {
        return;
      }
      long deadline = System.nanoTime() + minRedrawNanos;
      for (long left = minRedrawNanos; left > 0 && !closed; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }
  }

  private boolean drawIfChanged() {
    long version = store.version();
    List<LineInfo> shown = lines == null ? null : List.copyOf(lines.get());
    ClusterStatus c = cluster.get();
    long view = c == null ? Long.MIN_VALUE : c.viewId() * 31 + c.members().hashCode();
    if (version == drawnVersion && Objects.equals(shown, drawnLines) && view == drawnView) {
      return false;
    }
    drawnVersion = version;
    drawnLines = shown;
    drawnView = view;
    String table = render(rows(shown), ansi, clock, c);
    if (ansi) {
      out.print((cleared ? "" : CLEAR_SCREEN) + HOME + table.replace("\n", CLEAR_LINE + "\n"));
      out.print(CLEAR_BELOW);
      cleared = true;
    } else {
      out.print(table);
      out.println();
    }
    out.flush();
    return true;
  }

  /** The rows to show: one per line, with its latest result or none yet. */
  List<Row> rows(List<LineInfo> shown) {
    Map<String, LineHistory> all = store.snapshot();
    List<Row> rows = new ArrayList<>();
    if (shown == null) {
      for (LineHistory h : all.values()) {
        CheckResult r = h.latest();
        rows.add(new Row(new LineInfo(r.lineId(), r.routerId(), r.target()), r, h.late()));
      }
    } else {
      for (LineInfo line : shown) {
        LineHistory h = all.get(line.id());
        rows.add(new Row(line, h == null ? null : h.latest(), h != null && h.late()));
      }
    }
    return rows;
  }

  /**
   * One row of the table.
   *
   * @param line the line
   * @param latest its latest result that ran, or null when it had none yet
   * @param late whether checks were skipped since (router busy): shown as "down (late)"
   */
  record Row(LineInfo line, CheckResult latest, boolean late) {
    Row(LineInfo line, CheckResult latest) {
      this(line, latest, false);
    }
  }

  /** The table as text: header, column titles, one row per line; each row ends with a newline. */
  static String render(List<Row> rows, boolean ansi, Clock clock) {
    return render(rows, ansi, clock, null);
  }

  /**
   * The table as text; with {@code cluster}, a NODE column and the members in the header, and the
   * lines of other nodes as {@code on <node>}.
   */
  static String render(List<Row> rows, boolean ansi, Clock clock, ClusterStatus cluster) {
    ZoneId zone = clock.getZone();
    int elsewhere = 0;
    List<String[]> cells = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    Map<PingStatus, Integer> counts = new EnumMap<>(PingStatus.class);
    int pending = 0;
    int late = 0;
    for (Row row : rows) {
      CheckResult r = row.latest();
      String status;
      String owner = cluster == null ? null : cluster.owners().get(row.line().id());
      if (owner != null && !owner.equals(cluster.self())) {
        status = "on " + owner;
        elsewhere++;
        cells.add(withoutResult(row.line(), status));
      } else if (r == null) {
        status = "pending";
        pending++;
        cells.add(withoutResult(row.line(), status));
      } else {
        PingResult p = r.ping();
        status = p.status().wireName();
        counts.merge(p.status(), 1, Integer::sum);
        if (row.late()) {
          late++;
        }
        cells.add(
            new String[] {
              row.line().id(),
              dash(r.routerId() != null ? r.routerId() : row.line().router()),
              dash(r.target() != null ? r.target() : row.line().target()),
              row.late() ? status + LATE : status,
              fixed(p.lossPercent(), 1),
              p.rttAvgMs() == null
                  ? "-"
                  : fixed(p.rttMinMs(), 2)
                      + "/"
                      + fixed(p.rttAvgMs(), 2)
                      + "/"
                      + fixed(p.rttMaxMs(), 2),
              p.jitterMs() == null ? "-" : fixed(p.jitterMs(), 2),
              r.finished() == null ? "-" : TIME.format(r.finished().atZone(zone)),
              dash(FailureKind.wireName(r.failure()))
            });
      }
      statuses.add(status);
    }
    String[] headers = HEADERS;
    if (rows.stream().anyMatch(row -> row.latest() != null && !row.latest().readings().isEmpty())) {
      // a line reads its router's own SLA operation: one more column, beside ping's
      headers = java.util.Arrays.copyOf(HEADERS, HEADERS.length + 1);
      headers[HEADERS.length] = "ROUTER SLA";
      for (int i = 0; i < cells.size(); i++) {
        String[] c = java.util.Arrays.copyOf(cells.get(i), HEADERS.length + 1);
        c[HEADERS.length] = sla(rows.get(i).latest());
        cells.set(i, c);
      }
    }
    if (cluster != null) {
      headers = java.util.Arrays.copyOf(headers, headers.length + 1);
      headers[headers.length - 1] = "NODE";
      for (int i = 0; i < cells.size(); i++) {
        String[] c = java.util.Arrays.copyOf(cells.get(i), headers.length);
        for (int k = cells.get(i).length; k < headers.length - 1; k++) {
          c[k] = "-";
        }
        c[headers.length - 1] = dash(cluster.owners().get(rows.get(i).line().id()));
        cells.set(i, c);
      }
    }
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = headers[i].length();
    }
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("netpool monitor  ").append(TIME.format(clock.instant().atZone(zone)));
    b.append("  lines ").append(rows.size());
    for (PingStatus s : PingStatus.values()) {
      Integer n = counts.get(s);
      if (n != null) {
        b.append("  ").append(colour(s.wireName(), ansi)).append(' ').append(n);
      }
    }
    if (pending > 0) {
      b.append("  ").append(colour("pending", ansi)).append(' ').append(pending);
    }
    if (late > 0) {
      b.append("  late ").append(late);
    }
    if (cluster != null) {
      b.append("  on other nodes ").append(elsewhere);
      b.append('\n').append("cluster ").append(cluster.name()).append("  members");
      for (ClusterStatus.Member m : cluster.members()) {
        b.append(' ').append(m.node());
        if (m.node().equals(cluster.self())) {
          b.append("(this)");
        }
        if (m.node().equals(cluster.coordinator())) {
          b.append("(coordinator)");
        }
      }
      for (String p : cluster.problems()) {
        b.append("  ! ").append(p);
      }
    }
    b.append('\n');
    appendRow(b, headers, width, null, ansi);
    for (int i = 0; i < cells.size(); i++) {
      appendRow(b, cells.get(i), width, statuses.get(i), ansi);
    }
    return b.toString();
  }

  /** The cells of a line without a result here: its id, router, target and {@code status}. */
  private static String[] withoutResult(LineInfo line, String status) {
    return new String[] {
      line.id(), dash(line.router()), dash(line.target()), status, "-", "-", "-", "-", "-"
    };
  }

  /** The SLA reading in short: status, loss, average RTT, jitter per direction. */
  static String sla(CheckResult r) {
    io.netpool.monitor.check.ProbeReading sla = r == null ? null : r.reading("sla");
    if (sla == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder(sla.status());
    Double loss = sla.value("loss");
    Double avg = sla.value("rtt_avg");
    Double sd = sla.value("jitter_sd");
    Double ds = sla.value("jitter_ds");
    if (loss != null) {
      b.append(' ').append(fixed(BigDecimal.valueOf(loss), 1)).append('%');
    }
    if (avg != null) {
      b.append(' ').append(fixed(BigDecimal.valueOf(avg), 2)).append("ms");
    }
    if (sd != null || ds != null) {
      b.append(" jitter ")
          .append(sd == null ? "-" : fixed(BigDecimal.valueOf(sd), 2))
          .append('/')
          .append(ds == null ? "-" : fixed(BigDecimal.valueOf(ds), 2));
    }
    if (sla.failure() != null) {
      b.append(" (").append(sla.failureName()).append(')');
    }
    return b.toString();
  }

  private static void appendRow(
      StringBuilder b, String[] c, int[] width, String status, boolean ansi) {
    for (int i = 0; i < c.length; i++) {
      String cell = c[i];
      boolean last = i == c.length - 1;
      String padded = last ? cell : cell + " ".repeat(width[i] - cell.length() + 2);
      if (i == 3 && status != null) {
        b.append(colour(cell, ansi)).append(padded.substring(cell.length()));
      } else if (status == null && ansi) {
        b.append("\u001b[1m").append(padded.stripTrailing()).append(RESET);
        b.append(padded.substring(padded.stripTrailing().length()));
      } else {
        b.append(padded);
      }
    }
    b.append('\n');
  }

  /** The status text in its ANSI colour (plain without ANSI). */
  static String colour(String status, boolean ansi) {
    if (!ansi) {
      return status;
    }
    String code =
        switch (status.endsWith(LATE)
            ? status.substring(0, status.length() - LATE.length())
            : status) {
          case "ok" -> "32";
          case "degraded" -> "33";
          case "down" -> "31";
          case "unreachable" -> "35";
          case "error" -> "1;31";
          default -> "2";
        };
    return "\u001b[" + code + "m" + status + RESET;
  }

  /**
   * The same number of decimals on every platform (loss 1, RTT 2), so columns line up and compare;
   * the JSON, metrics and Zabbix keep the device's own decimals.
   */
  private static String fixed(BigDecimal v, int decimals) {
    return v == null ? "-" : v.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
