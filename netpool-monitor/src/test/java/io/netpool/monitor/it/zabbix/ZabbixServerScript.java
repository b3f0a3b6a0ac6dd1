package io.netpool.monitor.it.zabbix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's {@code bin/zabbix-server} (install, start, stop, status, env, reload): the
 * one place that knows how the test Zabbix is installed and started.
 */
final class ZabbixServerScript {

  /** The script's exit code for "the Debian packages cannot be installed here". */
  static final int EXIT_PACKAGES_UNAVAILABLE = 3;

  static final String SCRIPT = "bin/zabbix-server";

  private final Path repoRoot;

  ZabbixServerScript(Path repoRoot) {
    this.repoRoot = repoRoot;
  }

  /** Finds the repository from the working directory upwards (Maven runs tests in the module). */
  static ZabbixServerScript locate() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return new ZabbixServerScript(dir);
      }
    }
    throw new IllegalStateException(SCRIPT + " not found in " + start + " or any parent");
  }

  /**
   * Runs one subcommand and waits for it at most {@code timeout}. Output (stdout and stderr) goes
   * to a file, not a pipe, so that daemons the script leaves running cannot hold the read open.
   */
  Result run(String subcommand, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("netpool-zabbix-server-", ".out");
      Process process =
          new ProcessBuilder("bash", repoRoot.resolve(SCRIPT).toString(), subcommand)
              .directory(repoRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(
            -1, "timed out after " + timeout.toSeconds() + " s\n" + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "could not run " + SCRIPT + " " + subcommand + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, SCRIPT + " " + subcommand + " interrupted");
    } finally {
      deleteQuietly(output);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }

  /**
   * @param exitCode the script's exit code; -1 when it could not be run or timed out
   * @param output what it printed (stdout and stderr interleaved)
   */
  record Result(int exitCode, String output) {

    boolean ok() {
      return exitCode == 0;
    }

    /** The last {@code n} lines, for failure messages. */
    String tail(int n) {
      List<String> lines = new ArrayList<>(output.strip().lines().toList());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** The last non-blank line: the script's one-line reason. */
    String lastLine() {
      return tail(1);
    }
  }
}
