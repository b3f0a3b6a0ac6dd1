package io.netpool.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code netpool run} as a real separate process (this JVM's java and class path) for tests that
 * signal or kill it, and readers of what it leaves behind: its JSON lines and its Zabbix spool.
 */
public final class MonitorProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitorProcess() {}

  /**
   * Starts {@code netpool run -c yml --no-table --http-port -1 --json results}, its stdout and
   * stderr in {@code dir/stdout<run>.log} and {@code dir/stderr<run>.log}; {@code dir} is also its
   * home folder (so its default state folder is there).
   */
  public static Process startRun(Path dir, Path yml, Path results, String run) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Duser.home=" + dir,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "-c",
            yml.toString(),
            "--no-table",
            "--http-port",
            "-1",
            "--json",
            results.toString())
        .redirectError(dir.resolve("stderr" + run + ".log").toFile())
        .redirectOutput(dir.resolve("stdout" + run + ".log").toFile())
        .start();
  }

  /** The lines written so far (none when the file does not exist yet). */
  public static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /**
   * When each check of a JSON lines output that ran finished: the clock of its Zabbix values.
   * Skipped checks and state events (records with an {@code event} field) are left out, and so is a
   * last line still being written.
   */
  public static Set<Instant> checkTimes(Path file) throws IOException {
    Set<Instant> out = new HashSet<>();
    for (String l : lines(file)) {
      if (!l.endsWith("}")) {
        continue;
      }
      JsonNode n = JSON.readTree(l);
      if (!n.has("event") && !"skipped".equals(n.path("status").asText())) {
        out.add(Instant.parse(n.path("finished").asText()));
      }
    }
    return out;
  }

  /**
   * The clocks of the values of {@code key} in a Zabbix spool file, read next to the running
   * process (WAL); empty before the file or its table exists.
   */
  public static Set<Instant> spooledClocks(Path spool, String key) {
    Set<Instant> out = new HashSet<>();
    if (!Files.exists(spool)) {
      return out;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + spool + "?open_mode=1");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT clock, ns FROM spool WHERE key = '" + key + "'")) {
      while (rs.next()) {
        out.add(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)));
      }
    } catch (SQLException e) {
      return out; // not created yet
    }
    return out;
  }
}
