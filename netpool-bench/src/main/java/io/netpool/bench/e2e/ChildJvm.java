package io.netpool.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the runner starts with its own java and class path: stdout lines are queued for {@link
 * #awaitLine}, stderr goes to a log file, stdin takes commands.
 */
final class ChildJvm implements AutoCloseable {
  private static final String EOF = new String("<end of output>");

  private final String name;
  private final List<String> command;
  private final Path log;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(String name, List<String> command, Path log, Process process) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process went away; EOF below tells the waiter
              } finally {
                lines.add(EOF);
              }
            },
            "e2e-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java jvmArgs -cp <this class path> mainClass args}.
   *
   * @param env extra environment variables (never printed: they may hold the password)
   */
  static ChildJvm start(
      String name,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Files.createDirectories(log.getParent());
    pb.redirectError(log.toFile());
    return new ChildJvm(name, List.copyOf(cmd), log, pb.start());
  }

  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The command line, for the report. */
  List<String> command() {
    return command;
  }

  /**
   * Waits for a stdout line starting with {@code prefix} and returns the rest of it; other lines
   * are passed on to this process's stderr.
   *
   * @throws IOException the process ended or the timeout passed first (the message ends with the
   *     tail of its log)
   */
  String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IOException(
            name + ": no '" + prefix.strip() + "' line within " + timeout + logTail());
      }
      if (line == EOF) {
        lines.add(EOF); // later waiters see it too
        throw new IOException(
            name + ": ended before printing '" + prefix.strip() + "'" + logTail());
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
      System.err.println("[" + name + "] " + line);
    }
  }

  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Exit status, waiting at most {@code timeout}; -1 if it is still running. */
  int waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  private String logTail() {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; last lines of "
          + log
          + ":\n  "
          + String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()));
    } catch (IOException e) {
      return "; log " + log + " unreadable: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
