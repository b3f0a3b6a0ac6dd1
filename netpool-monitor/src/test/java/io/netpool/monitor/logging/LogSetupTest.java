package io.netpool.monitor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpool.monitor.logging.LogSettings.Format;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link LogSetup} on the process's logback: file, rotation, JSON, live reload, reset. */
class LogSetupTest {
  private static final LoggerContext CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.netpool.test.logsetup");

  @TempDir Path tmp;

  @AfterEach
  void restore() {
    LogSetup.reset();
    MDC.clear();
  }

  private static LogSettings file(Path file, LogSettings.Level level, Format format) {
    return LogSettings.defaults().withLevel(level).withFile(file, format);
  }

  @Test
  void theTextLineIsTheOneOfBothLogbackXmlFiles() throws Exception {
    assertThat(patternOf(Files.readString(Path.of("src/main/resources/logback.xml"))))
        .isEqualTo(Appenders.TEXT_PATTERN);
    assertThat(patternOf(Files.readString(Path.of("../dist-src/conf/logback.xml"))))
        .isEqualTo(Appenders.TEXT_PATTERN);
  }

  /** Both files load without an error in a fresh context and keep MINA SSHD's TRACE off. */
  @Test
  void bothLogbackXmlFilesLoadAndDeclareTheGuard() throws Exception {
    for (Path xml :
        List.of(
            Path.of("src/main/resources/logback.xml"), Path.of("../dist-src/conf/logback.xml"))) {
      LoggerContext fresh = new LoggerContext();
      JoranConfigurator joran = new JoranConfigurator();
      joran.setContext(fresh);
      joran.doConfigure(xml.toFile());
      assertThat(fresh.getStatusManager().getCopyOfStatusList())
          .as(xml.toString())
          .noneMatch(st -> st.getLevel() >= Status.WARN);
      assertThat(fresh.getTurboFilterList()).hasAtLeastOneElementOfType(NoPacketDumps.class);
      Logger sshd = fresh.getLogger("org.apache.sshd.common.session.helpers.AbstractSession");
      sshd.setLevel(Level.TRACE);
      assertThat(sshd.isTraceEnabled()).isFalse();
      assertThat(sshd.isDebugEnabled()).isTrue();
      fresh.stop();
    }
  }

  @Test
  void theLevelChangesAtOnceOnReapplyAndLibrariesKeepAFloor() throws Exception {
    Path log = tmp.resolve("netpool.log");
    LogSetup.Applied first = LogSetup.apply(file(log, LogSettings.Level.INFO, Format.TEXT));
    assertThat(first.changedKeys()).containsExactly("file");
    LOG.debug("hidden-at-info");
    LOG.info("shown-at-info");
    assertThat(levelOf("org.apache.sshd")).isEqualTo(Level.WARN);

    LogSetup.Applied reload = LogSetup.apply(file(log, LogSettings.Level.DEBUG, Format.TEXT));
    assertThat(reload.changedKeys()).containsExactly("level");
    LOG.debug("shown-at-debug");
    assertThat(levelOf("io.netpool")).isEqualTo(Level.DEBUG);
    assertThat(levelOf("io.netpool.monitor.checks")).isEqualTo(Level.DEBUG);
    assertThat(levelOf(Logger.ROOT_LOGGER_NAME)).as("other libraries").isEqualTo(Level.INFO);
    assertThat(levelOf("org.apache.sshd")).isEqualTo(Level.INFO);

    LogSetup.apply(file(log, LogSettings.Level.TRACE, Format.TEXT));
    assertThat(levelOf("org.apache.sshd")).as("never TRACE: packet dumps").isEqualTo(Level.DEBUG);

    LogSetup.apply(file(log, LogSettings.Level.ERROR, Format.TEXT));
    LOG.warn("hidden-at-error");
    LOG.error("shown-at-error");
    assertThat(levelOf(Logger.ROOT_LOGGER_NAME)).isEqualTo(Level.ERROR);
    assertThat(levelOf("org.apache.sshd")).isEqualTo(Level.ERROR);

    String text = Files.readString(log);
    assertThat(text).contains("shown-at-info", "shown-at-debug", "shown-at-error");
    assertThat(text).doesNotContain("hidden-at-info", "hidden-at-error");
    assertThat(LogSetup.apply(file(log, LogSettings.Level.ERROR, Format.TEXT)).changed()).isFalse();
  }

  @Test
  void theTextFileHasTheLogbackXmlLineWithMdcAndKeyValues() throws Exception {
    Path log = tmp.resolve("netpool.log");
    LogSetup.apply(file(log, LogSettings.Level.INFO, Format.TEXT));
    MDC.put("device", "r1");
    LOG.atInfo().addKeyValue("line", "l1").log("opened");
    assertThat(Files.readString(log))
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[[^]]+]"
                + " io\\.netpool\\.test\\.logsetup - opened device=r1 line=l1\\R");
  }

  @Test
  void jsonLinesAreValidJsonWithTimestampLevelLoggerMessageMdcAndKeyValues() throws Exception {
    Path log = tmp.resolve("netpool.json");
    LogSetup.apply(file(log, LogSettings.Level.INFO, Format.JSON));
    MDC.put("device", "r\"1");
    LOG.atInfo().addKeyValue("line", "l1").log("check {} done", "ping\ttab");
    LOG.warn("failed", new IllegalStateException("boom \"quoted\""));
    LOG.debug("not at info");

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("timestamp").isNumber()).isTrue();
    assertThat(first.get("timestamp").asLong())
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("io.netpool.test.logsetup");
    assertThat(first.get("threadName").asText()).isNotEmpty();
    assertThat(first.get("formattedMessage").asText()).isEqualTo("check ping\ttab done");
    assertThat(first.get("mdc").get("device").asText()).isEqualTo("r\"1");
    assertThat(first.get("kvpList").get(0).get("line").asText()).isEqualTo("l1");
    assertThat(first.has("message")).as("the raw template is left out").isFalse();

    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.get("level").asText()).isEqualTo("WARN");
    assertThat(second.get("throwable").get("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(second.get("throwable").get("message").asText()).isEqualTo("boom \"quoted\"");
  }

  @Test
  void theFileRollsOverBySizeIntoGzippedArchives() throws Exception {
    Path folder = tmp.resolve("logs");
    Path log = folder.resolve("netpool.log");
    LogSettings small = file(log, LogSettings.Level.INFO, Format.TEXT).withRotation(1024, 2);
    LogSetup.apply(small);
    String filler = "x".repeat(150);
    for (int i = 0; i < 40; i++) {
      LOG.info("line {} {}", i, filler);
    }
    LogSetup.reset(); // closes the file and waits for the compression of the last archive
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("earlier archives are compressed in the background")
        .until(() -> LogFiles.archivesComplete(folder));

    List<Path> archives =
        LogFiles.list(folder).stream()
            .filter(p -> p.getFileName().toString().endsWith(".log.gz"))
            .toList();
    assertThat(archives.size()).as("40 lines of ~220 bytes in 1 KB files").isGreaterThan(4);
    for (Path a : archives) {
      assertThat(a.getFileName().toString())
          .matches("netpool\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log\\.gz");
      // a file is rolled at the first line after it reached the size
      assertThat(LogFiles.read(a).length()).isLessThan(1024 + 300);
    }
    // (one may be smaller: the midnight rollover, should the test run across it)
    assertThat(archives.stream().filter(a -> LogFiles.read(a).length() >= 1024).count())
        .isGreaterThanOrEqualTo(archives.size() - 1L);
    String all = LogFiles.readAll(folder);
    for (int i = 0; i < 40; i++) {
      assertThat(all).as("no line lost").contains("line " + i + " ");
    }
  }

  @Test
  void archivesOlderThanMaxHistoryDaysAreDeleted() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("history"));
    LocalDate today = LocalDate.now();
    Path keep = folder.resolve("netpool." + today.minusDays(1) + ".0.log.gz");
    Path old = folder.resolve("netpool." + today.minusDays(3) + ".0.log.gz");
    Path older = folder.resolve("netpool." + today.minusDays(10) + ".4.log.gz");
    Path foreign = folder.resolve("other." + today.minusDays(10) + ".0.log.gz");
    for (Path p : List.of(keep, old, older, foreign)) {
      Files.writeString(p, "archive");
    }
    LogSetup.apply(
        file(folder.resolve("netpool.log"), LogSettings.Level.INFO, Format.TEXT)
            .withRotation(LogSettings.DEFAULT_MAX_FILE_SIZE, 2));
    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(old) && !Files.exists(older));
    assertThat(keep).exists();
    assertThat(foreign).as("only netpool's archives").exists();
  }

  @Test
  void fileFormatAndSizeChangeLiveWithoutLosingALine() throws Exception {
    Path a = tmp.resolve("a.log");
    Path b = tmp.resolve("b.log");
    LogSetup.apply(file(a, LogSettings.Level.INFO, Format.TEXT));
    LOG.info("one");
    LogSetup.Applied toJson = LogSetup.apply(file(a, LogSettings.Level.INFO, Format.JSON));
    assertThat(toJson.changedKeys()).containsExactly("format");
    LOG.info("two");
    LogSetup.Applied toB =
        LogSetup.apply(file(b, LogSettings.Level.INFO, Format.JSON).withRotation(4096, 3));
    assertThat(toB.changedKeys()).containsExactly("file", "max_file_size", "max_history");
    LOG.info("three");

    List<String> inA = Files.readAllLines(a);
    assertThat(inA).hasSize(2);
    assertThat(inA.get(0)).endsWith(" - one").doesNotStartWith("{");
    assertThat(new ObjectMapper().readTree(inA.get(1)).get("formattedMessage").asText())
        .isEqualTo("two");
    assertThat(Files.readString(b)).contains("\"three\"").doesNotContain("two");
  }

  @Test
  void withAFileStderrKeepsWarningsOnlyAndWithoutOneEverything() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      LogSetup.apply(file(tmp.resolve("n.log"), LogSettings.Level.INFO, Format.JSON));
      LOG.info("info-with-file");
      LOG.warn("warn-with-file");
      LogSetup.apply(LogSettings.defaults());
      LOG.info("info-without-file");
    } finally {
      System.setErr(saved);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text).contains(" WARN  ", "warn-with-file", "info-without-file");
    assertThat(text).doesNotContain("info-with-file").doesNotContain("{\"");
  }

  @Test
  void anUnwritableFileIsReportedAndTheLoggingBeforeStays() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Path impossible = blocker.resolve("netpool.log");
    List<Appender<?>> rootBefore = rootAppenders();

    assertThatThrownBy(() -> LogSetup.apply(file(impossible, LogSettings.Level.INFO, Format.TEXT)))
        .isInstanceOf(LogSetupException.class)
        .hasMessageContaining(impossible.getFileName().toString());
    assertThat(LogSetup.current()).as("logback.xml still in force").isEmpty();
    assertThat(rootAppenders()).isEqualTo(rootBefore);

    Path good = tmp.resolve("good.log");
    LogSetup.apply(file(good, LogSettings.Level.INFO, Format.TEXT));
    assertThatThrownBy(() -> LogSetup.apply(file(impossible, LogSettings.Level.DEBUG, Format.TEXT)))
        .isInstanceOf(LogSetupException.class);
    LOG.info("still-here");
    LOG.debug("level-unchanged");
    assertThat(Files.readString(good)).contains("still-here").doesNotContain("level-unchanged");
    assertThat(LogSetup.current().orElseThrow().file()).isEqualTo(good);
  }

  @Test
  void resetRestoresLogbackXmlAppendersAndLevels() throws Exception {
    List<Appender<?>> rootBefore = rootAppenders();
    Level netpool = levelOf("io.netpool");
    Level checks = levelOf("io.netpool.monitor.checks");
    Level sshd = levelOf("org.apache.sshd");
    Level root = levelOf(Logger.ROOT_LOGGER_NAME);

    LogSetup.apply(file(tmp.resolve("r.log"), LogSettings.Level.TRACE, Format.JSON));
    assertThat(rootAppenders()).isNotEqualTo(rootBefore);
    LogSetup.reset();

    assertThat(rootAppenders()).isEqualTo(rootBefore);
    assertThat(levelOf("io.netpool")).isEqualTo(netpool);
    assertThat(levelOf("io.netpool.monitor.checks")).isEqualTo(checks);
    assertThat(levelOf("org.apache.sshd")).isEqualTo(sshd);
    assertThat(levelOf(Logger.ROOT_LOGGER_NAME)).isEqualTo(root);
    assertThat(LogSetup.current()).isEmpty();
  }

  private static Level levelOf(String logger) {
    return CONTEXT.getLogger(logger).getLevel();
  }

  private static List<Appender<?>> rootAppenders() {
    List<Appender<?>> out = new ArrayList<>();
    Iterator<?> it = CONTEXT.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    it.forEachRemaining(a -> out.add((Appender<?>) a));
    return out;
  }

  private static String patternOf(String xml) {
    Matcher m = Pattern.compile("<pattern>(.*?)</pattern>", Pattern.DOTALL).matcher(xml);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
