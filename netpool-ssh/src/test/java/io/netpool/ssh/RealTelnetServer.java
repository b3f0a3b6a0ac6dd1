package io.netpool.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Telnet server for tests: Debian's inetutils {@code telnetd} behind {@code socat} on a free
 * loopback port ({@code socat TCP-LISTEN:port,bind=127.0.0.1,fork EXEC:'telnetd -h -E
 * router',nofork}: one telnetd per connection, on the socket itself, as inetd runs it). telnetd
 * negotiates the options, allocates a PTY and runs {@code telnet/router-login.sh} (a router's login
 * dialog and CLI) on it instead of /bin/login. Skips the calling test (JUnit assumption) with a
 * clear message when telnetd or socat is missing; {@code bin/install-test-deps} installs them.
 */
final class RealTelnetServer implements AutoCloseable {
  static final Path TELNETD = Path.of("/usr/sbin/telnetd");
  static final Path SOCAT = Path.of("/usr/bin/socat");
  static final String USER = "netops";
  static final String PASSWORD = "Tel-pa55word";
  static final String ENABLE = "En-s3cret";

  private final Path dir;
  private final int port;
  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();

  private RealTelnetServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts the server in {@code dir}, or skips the calling test when it is not installed. */
  static RealTelnetServer startOrSkip(Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(TELNETD),
        "Telnet server not installed (" + TELNETD + " missing): run bin/install-test-deps");
    assumeTrue(
        Files.isExecutable(SOCAT),
        "socat not installed (" + SOCAT + " missing): run bin/install-test-deps");
    Files.writeString(dir.resolve("user"), USER + "\n");
    Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Files.writeString(dir.resolve("enable"), ENABLE + "\n");
    Path script = dir.resolve("router-login.sh");
    try (InputStream in = RealTelnetServer.class.getResourceAsStream("/telnet/router-login.sh")) {
      Files.write(script, in.readAllBytes());
    }
    // telnetd -E takes one program without arguments: a launcher with the absolute paths
    Path launcher = dir.resolve("router");
    Files.writeString(launcher, "#!/bin/sh\nexec /bin/bash " + script + " " + dir + "\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port = freePort();
    Process p =
        new ProcessBuilder(
                SOCAT.toString(),
                "-d",
                "-d",
                "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:'" + TELNETD + " -h -E " + launcher + "',nofork")
            .redirectErrorStream(true)
            .start();
    RealTelnetServer server = new RealTelnetServer(dir, port, p);
    server.awaitListening();
    return server;
  }

  int port() {
    return port;
  }

  /** How many Telnet logins the router script has started (each connection starts one). */
  int connections() throws IOException {
    Path f = dir.resolve("connections");
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  /** Waits for socat's "listening on" line (no probe connection: it would count as a login). */
  private void awaitListening() throws Exception {
    CountDownLatch listening = new CountDownLatch(1);
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  log.add(line);
                  if (line.contains("listening on")) {
                    listening.countDown();
                  }
                }
              } catch (IOException ignored) {
                // socat ended
              }
            });
    if (!listening.await(10, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException(
          "socat did not listen on " + port + ":\n" + String.join("\n", log));
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
