package io.netpool.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netpool.monitor.engine.MonitorRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code netpool run} takes its HTTP address from {@code http:} in monitor.yml, a flag wins over
 * the file, and a state folder held by another monitor stops the start with a clear message.
 */
class RunSettingsTest {
  @TempDir Path dir;

  private final Logger logger = (Logger) LoggerFactory.getLogger(MonitorRuntime.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
  }

  private Path yml(String settings) throws Exception {
    Path f = dir.resolve("monitor.yml");
    Files.writeString(
        f,
        """
        devices:
          - {id: r1, host: 192.0.2.1, platform: cisco_iosxe, username: u, password: {value: pw}}
        lines:
          - {id: l1, router: r1, target: 192.0.2.9, interval: 1m, timeout: 1s}
        state_dir: state
        """
            + settings);
    return f;
  }

  private int run(String... args) {
    CommandLine cl = new CommandLine(new NetpoolCommand());
    cl.setOut(new PrintWriter(new StringWriter()));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    lastErr = err.toString();
    return code;
  }

  private String lastErr = "";

  private boolean httpStarted() {
    return events.list.stream()
        .anyMatch(e -> e.getFormattedMessage().startsWith("status page and metrics at"));
  }

  @Test
  void theFileSetsHttpAndAFlagWins() throws Exception {
    Path f = yml("http: {host: 127.0.0.1, port: 0}\n");
    assertThat(run("run", "-c", f.toString(), "--no-table", "--duration", "1s")).isZero();
    assertThat(httpStarted()).as("http.port 0 from the file: a free port").isTrue();

    events.list.clear();
    assertThat(
            run("run", "-c", f.toString(), "--no-table", "--duration", "1s", "--http-port", "-1"))
        .isZero();
    assertThat(httpStarted()).as("--http-port -1 wins over the file").isFalse();

    Path off = yml("http: {port: -1}\n");
    events.list.clear();
    assertThat(run("run", "-c", off.toString(), "--no-table", "--duration", "1s")).isZero();
    assertThat(httpStarted()).as("http.port -1 in the file: no HTTP").isFalse();
  }

  @Test
  void aStateFolderInUseStopsTheStartWithAClearMessage() throws Exception {
    Path f = yml("http: {port: -1}\n");
    Files.createDirectories(dir.resolve("state"));
    try (var held = io.netpool.monitor.engine.StateDir.open(dir.resolve("state"))) {
      assertThat(run("run", "-c", f.toString(), "--no-table", "--duration", "1s")).isEqualTo(1);
    }
    assertThat(lastErr)
        .contains("state_dir " + dir.resolve("state") + " is in use by another netpool process")
        .contains("not started");
  }
}
