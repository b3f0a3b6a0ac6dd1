package io.netpool.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real OpenSSH server for tests: {@code /usr/sbin/sshd -D -e -f <generated config>} on a free
 * loopback port, with a throw-away ed25519 host key and a generated client key authorised for the
 * current user (public-key login only). Skips the test (JUnit assumption) with a clear message when
 * sshd or ssh-keygen is missing; {@code bin/install-test-deps} installs them.
 */
final class OpenSshServer implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final Path dir;
  private final int port;
  private final Path clientKey;
  private final String hostKeyType;
  private final List<String> extraConfig;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Process process;

  private OpenSshServer(
      Path dir, int port, Path clientKey, String hostKeyType, List<String> extraConfig) {
    this.dir = dir;
    this.port = port;
    this.clientKey = clientKey;
    this.hostKeyType = hostKeyType;
    this.extraConfig = List.copyOf(extraConfig);
  }

  /** Starts sshd in {@code dir}, or skips the calling test when OpenSSH is not installed. */
  static OpenSshServer startOrSkip(Path dir) throws Exception {
    return startOrSkip(dir, "ed25519", List.of());
  }

  /**
   * Starts sshd in {@code dir} (created if missing) with a host key of {@code hostKeyType} ({@code
   * ed25519}, {@code rsa}) and {@code extraConfig} lines (sshd_config keywords such as {@code
   * LogLevel DEBUG1} or {@code KexAlgorithms ...}; they come first, and sshd uses the first value
   * of a keyword, so they override the defaults here).
   */
  static OpenSshServer startOrSkip(Path dir, String hostKeyType, List<String> extraConfig)
      throws Exception {
    Files.createDirectories(dir);
    assumeTrue(
        Files.isExecutable(SSHD),
        "OpenSSH server not installed (" + SSHD + " missing): run bin/install-test-deps");
    assumeTrue(which("ssh-keygen") != null, "ssh-keygen not installed: run bin/install-test-deps");
    Path clientKey = dir.resolve("id_ecdsa");
    run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", clientKey.toString());
    Files.copy(dir.resolve("id_ecdsa.pub"), dir.resolve("authorized_keys"));
    OpenSshServer s = new OpenSshServer(dir, freePort(), clientKey, hostKeyType, extraConfig);
    s.newHostKey();
    s.start();
    return s;
  }

  int port() {
    return port;
  }

  Path clientKey() {
    return clientKey;
  }

  String user() {
    return System.getProperty("user.name");
  }

  /** Replaces the host key and restarts on the same port (a "changed key" device). */
  void restartWithNewHostKey() throws Exception {
    stop();
    newHostKey();
    start();
  }

  /**
   * Kills the server and every connection it serves (sshd's per-connection children too), as a
   * machine that dies would drop them.
   */
  void kill() throws InterruptedException {
    if (process != null) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle c : children) {
        c.destroyForcibly();
      }
      for (ProcessHandle c : children) {
        c.onExit().join();
      }
      process = null;
    }
  }

  /** Starts again on the same port with the same host key (after {@link #kill()}). */
  void restart() throws Exception {
    start();
  }

  /** The host key's public line ({@code ssh-ed25519 AAAA...}), for known_hosts files. */
  String hostKeyLine() throws IOException {
    String[] parts =
        Files.readString(hostKeyFile().resolveSibling(hostKeyFile().getFileName() + ".pub"))
            .trim()
            .split(" ");
    return parts[0] + " " + parts[1];
  }

  /** The host key's SHA256 fingerprint as ssh-keygen prints it ({@code SHA256:...}). */
  String hostKeyFingerprint() throws Exception {
    Process p =
        new ProcessBuilder("ssh-keygen", "-l", "-f", hostKeyFile() + ".pub")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out.split(" ")[1];
  }

  private Path hostKeyFile() {
    return dir.resolve("host_" + hostKeyType);
  }

  private void newHostKey() throws Exception {
    Path key = hostKeyFile();
    Files.deleteIfExists(key);
    Files.deleteIfExists(key.resolveSibling(key.getFileName() + ".pub"));
    run("ssh-keygen", "-q", "-t", hostKeyType, "-N", "", "-f", key.toString());
  }

  private void start() throws Exception {
    Path config = dir.resolve("sshd_config");
    List<String> lines = new java.util.ArrayList<>(extraConfig);
    lines.addAll(
        List.of(
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKeyFile(),
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin yes",
            "UsePAM no",
            "StrictModes no",
            "PrintMotd no",
            "PrintLastLog no",
            "LogLevel INFO",
            ""));
    Files.writeString(config, String.join("\n", lines));
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      try {
        Files.createDirectories(privsep);
      } catch (IOException e) {
        assumeTrue(false, "sshd needs " + privsep + " and it cannot be created: " + e);
      }
    }
    // -E: the log goes to a file, which (unlike -e's stderr) also receives the logs of the
    // per-connection processes after authentication (channels, direct-tcpip forwards)
    Path logFile = dir.resolve("sshd.log");
    long seen = Files.exists(logFile) ? Files.readAllLines(logFile).size() : 0;
    process =
        new ProcessBuilder(SSHD.toString(), "-D", "-E", logFile.toString(), "-f", config.toString())
            .redirectErrorStream(true)
            .start();
    Process p = process;
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  log.add(line);
                }
              } catch (IOException ignored) {
                // process ended
              }
            });
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  !p.isAlive()
                      || fileLog().stream()
                          .skip(seen)
                          .anyMatch(l -> l.contains("Server listening on")));
    } catch (ConditionTimeoutException e) {
      // reported below
    }
    if (!p.isAlive()
        || fileLog().stream().skip(seen).noneMatch(l -> l.contains("Server listening on"))) {
      String out = String.join("\n", log());
      stop();
      throw new IllegalStateException("sshd did not start listening on " + port + ":\n" + out);
    }
  }

  private List<String> fileLog() throws IOException {
    Path logFile = dir.resolve("sshd.log");
    return Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
  }

  private void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** What sshd printed and logged (its log file, all runs), oldest first. */
  List<String> log() {
    List<String> all = new java.util.ArrayList<>(log);
    try {
      all.addAll(fileLog());
    } catch (IOException e) {
      all.add("(cannot read the log file: " + e + ")");
    }
    return all;
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static Path which(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(15);
  }
}
