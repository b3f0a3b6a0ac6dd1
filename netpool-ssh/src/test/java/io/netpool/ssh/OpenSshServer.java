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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Process process;

  private OpenSshServer(Path dir, int port, Path clientKey) {
    this.dir = dir;
    this.port = port;
    this.clientKey = clientKey;
  }

  /** Starts sshd in {@code dir}, or skips the calling test when OpenSSH is not installed. */
  static OpenSshServer startOrSkip(Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(SSHD),
        "OpenSSH server not installed (" + SSHD + " missing): run bin/install-test-deps");
    assumeTrue(which("ssh-keygen") != null, "ssh-keygen not installed: run bin/install-test-deps");
    Path clientKey = dir.resolve("id_ecdsa");
    run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", clientKey.toString());
    Files.copy(dir.resolve("id_ecdsa.pub"), dir.resolve("authorized_keys"));
    OpenSshServer s = new OpenSshServer(dir, freePort(), clientKey);
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

  private void newHostKey() throws Exception {
    Path key = dir.resolve("host_ed25519");
    Files.deleteIfExists(key);
    Files.deleteIfExists(dir.resolve("host_ed25519.pub"));
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
  }

  private void start() throws Exception {
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_ed25519"),
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
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      try {
        Files.createDirectories(privsep);
      } catch (IOException e) {
        assumeTrue(false, "sshd needs " + privsep + " and it cannot be created: " + e);
      }
    }
    CountDownLatch listening = new CountDownLatch(1);
    process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
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
                  if (line.contains("Server listening on")) {
                    listening.countDown();
                  }
                }
              } catch (IOException ignored) {
                // process ended
              }
            });
    if (!listening.await(15, TimeUnit.SECONDS)) {
      String out = String.join("\n", log);
      stop();
      throw new IllegalStateException("sshd did not start listening on " + port + ":\n" + out);
    }
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

  List<String> log() {
    return List.copyOf(log);
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
