package io.netpool.monitor.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs headless Chromium (Debian package {@code chromium}, installed by bin/install-test-deps) to
 * load a page, run its scripts and dump the resulting DOM. Tests that need it skip, not fail, when
 * it is missing.
 */
public final class HeadlessChromium {

  /** Looked for in this order; {@code NETPOOL_CHROMIUM} may name another binary. */
  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The installed browser, if any. */
  public static Optional<HeadlessChromium> find() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("NETPOOL_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(CANDIDATES);
    return candidates.stream()
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst()
        .map(HeadlessChromium::new);
  }

  /** The installed browser; aborts (skips) the calling test with a message when there is none. */
  public static HeadlessChromium findOrSkip() {
    Optional<HeadlessChromium> found = find();
    Assumptions.assumeTrue(
        found.isPresent(),
        "headless browser test skipped: Chromium is not installed (looked for "
            + CANDIDATES
            + " and $NETPOOL_CHROMIUM); install the Debian package chromium, e.g. with"
            + " bin/install-test-deps as root");
    return found.orElseThrow();
  }

  public Path binary() {
    return binary;
  }

  /**
   * Loads {@code url}, lets its scripts run for up to {@code virtualTimeMs} of virtual time (timers
   * and fetches complete without waiting in real time) and returns the serialized DOM.
   *
   * @throws IOException when the browser fails, exits with an error or takes longer than {@code
   *     timeout}; the message includes the end of its stderr
   */
  public String dumpDom(URI url, int virtualTimeMs, Duration timeout)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("netpool-chromium-");
    try {
      Path profile = Files.createDirectory(work.resolve("profile"));
      Path out = work.resolve("dom.html");
      Path err = work.resolve("stderr.txt");
      Process p =
          new ProcessBuilder(
                  binary.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=" + virtualTimeMs,
                  "--dump-dom",
                  url.toString())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IOException(
            "chromium did not finish within " + timeout + "; stderr: " + tail(err));
      }
      String dom = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || dom.isBlank()) {
        throw new IOException(
            "chromium exited with "
                + p.exitValue()
                + " and "
                + dom.length()
                + " chars of DOM; stderr: "
                + tail(err));
      }
      return dom;
    } finally {
      deleteTree(work);
    }
  }

  private static String tail(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
