package io.netpool.bench.e2e;

import io.netpool.sim.platform.Platform;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The simulated fleet of an end-to-end run, derived from four numbers so that the simulator process
 * and the client process agree on it without sharing anything else: router {@code i} has platform
 * {@code i mod 9}, each of its lines pings its own target, and every target answers with an exact
 * probe pattern, so every parsed result can be checked against what the simulator was told.
 *
 * @param routers number of simulated routers
 * @param linesPerRouter lines (ping targets) per router
 * @param rttMinMs smallest simulated round-trip time
 * @param rttMaxMs largest simulated round-trip time
 */
public record FleetPlan(int routers, int linesPerRouter, double rttMinMs, double rttMaxMs) {

  /** Probes per ping; the patterns below have this length. */
  public static final int REPEAT = 5;

  static final String ALL_REPLY = "!!!!!";
  static final String ONE_LOST = "!!.!!";
  static final String ALL_LOST = ".....";

  private static final String FILE = "fleet.properties";

  public FleetPlan {
    if (routers < 1 || linesPerRouter < 1 || linesPerRouter > 250) {
      throw new IllegalArgumentException(
          "routers must be >= 1 and lines per router 1..250, were "
              + routers
              + ", "
              + linesPerRouter);
    }
    if (rttMinMs < 0 || rttMaxMs < rttMinMs) {
      throw new IllegalArgumentException("rtt range invalid: " + rttMinMs + ".." + rttMaxMs);
    }
  }

  /** A router of the plan and its lines. */
  public record RouterPlan(String id, Platform platform, List<LinePlan> lines) {}

  /**
   * A line: ping {@code target} from {@code router}; the simulator answers with {@code pattern}.
   */
  public record LinePlan(String id, String router, String target, String pattern) {
    /** Replies the pattern gives in {@link #REPEAT} probes. */
    public int expectedReceived() {
      int n = 0;
      for (int i = 0; i < REPEAT; i++) {
        if (pattern.charAt(i % pattern.length()) == '!') {
          n++;
        }
      }
      return n;
    }
  }

  /** Every router in order, with its lines. */
  public List<RouterPlan> routerPlans() {
    Platform[] platforms = Platform.values();
    int width = String.valueOf(routers).length();
    List<RouterPlan> list = new ArrayList<>(routers);
    for (int r = 0; r < routers; r++) {
      String id = "r" + String.format(Locale.ROOT, "%0" + width + "d", r + 1);
      List<LinePlan> lines = new ArrayList<>(linesPerRouter);
      for (int l = 0; l < linesPerRouter; l++) {
        // 10.a.b.c: distinct per line, never a network or broadcast-looking last octet
        String target = "10." + (r / 250) + "." + (r % 250 + 1) + "." + (l + 1);
        lines.add(new LinePlan(id + "-l" + (l + 1), id, target, patternOf(r * linesPerRouter + l)));
      }
      list.add(new RouterPlan(id, platforms[r % platforms.length], List.copyOf(lines)));
    }
    return list;
  }

  /** 80 % of lines answer every probe, 10 % lose one in five, 10 % lose all. */
  private static String patternOf(int lineIndex) {
    return switch (lineIndex % 10) {
      case 3 -> ONE_LOST;
      case 7 -> ALL_LOST;
      default -> ALL_REPLY;
    };
  }

  /** Writes the plan next to the simulator's port map, for the client. */
  void write(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("routers", Integer.toString(routers));
    p.setProperty("lines_per_router", Integer.toString(linesPerRouter));
    p.setProperty("rtt_min_ms", Double.toString(rttMinMs));
    p.setProperty("rtt_max_ms", Double.toString(rttMaxMs));
    try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(w, "netpool e2e fleet plan");
    }
  }

  /** Reads the plan the simulator process wrote. */
  static FleetPlan read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      return new FleetPlan(
          Integer.parseInt(required(p, file, "routers")),
          Integer.parseInt(required(p, file, "lines_per_router")),
          Double.parseDouble(required(p, file, "rtt_min_ms")),
          Double.parseDouble(required(p, file, "rtt_max_ms")));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": bad number: " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, Path file, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IOException(file + ": missing key " + key);
    }
    return v.trim();
  }
}
