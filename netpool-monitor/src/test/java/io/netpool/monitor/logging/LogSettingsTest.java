package io.netpool.monitor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.netpool.monitor.logging.LogSettings.Format;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

  @Test
  void defaultsAreInfoOnStderrInText() {
    LogSettings d = LogSettings.defaults();
    assertThat(d.level()).isEqualTo(LogSettings.Level.INFO);
    assertThat(d.file()).isNull();
    assertThat(d.format()).isEqualTo(Format.TEXT);
    assertThat(d.maxFileSize()).isEqualTo(50L * 1024 * 1024);
    assertThat(d.maxHistory()).isEqualTo(14);
    assertThat(d.totalSizeCap()).isEqualTo(50L * 1024 * 1024 * 2 * 15);
  }

  @Test
  void parsesLevelsFormatsAndSizesAsWritten() {
    assertThat(LogSettings.Level.parse("debug")).isEqualTo(LogSettings.Level.DEBUG);
    assertThat(LogSettings.Level.parse(" WARN ")).isEqualTo(LogSettings.Level.WARN);
    assertThat(Format.parse("json")).isEqualTo(Format.JSON);
    assertThat(LogSettings.parseSize("50MB")).isEqualTo(50L << 20);
    assertThat(LogSettings.parseSize("512 kb")).isEqualTo(512L << 10);
    assertThat(LogSettings.parseSize("1GB")).isEqualTo(1L << 30);
    assertThat(LogSettings.parseSize("4096")).isEqualTo(4096);
  }

  @Test
  void invalidValuesNameTheKeyAndTheChoices() {
    assertThatThrownBy(() -> LogSettings.Level.parse("verbose"))
        .hasMessage("level must be one of trace, debug, info, warn, error, got 'verbose'");
    assertThatThrownBy(() -> Format.parse("xml"))
        .hasMessage("format must be one of text, json, got 'xml'");
    assertThatThrownBy(() -> LogSettings.parseSize("50 megabytes"))
        .hasMessageStartingWith("max_file_size must be a size such as 50MB");
    assertThatThrownBy(() -> LogSettings.parseSize("999999999999GB"))
        .hasMessageStartingWith("max_file_size is too large");
    LogSettings d = LogSettings.defaults();
    assertThatThrownBy(() -> d.withRotation(100, 14))
        .hasMessage("max_file_size must be at least 1KB, got 100 bytes");
    assertThatThrownBy(() -> d.withRotation(1024, 0))
        .hasMessage("max_history must be 1 to 3650 days, got 0");
    assertThatThrownBy(() -> d.withFile(null, Format.JSON))
        .hasMessageContaining("format json is for the log file");
    assertThat(d.withFile(Path.of("x.log"), Format.JSON).format()).isEqualTo(Format.JSON);
  }

  @Test
  void loggerLevelsPerChosenLevel() {
    // chosen -> io.netpool, checks, root, org.apache.sshd (NETPOOL_CHECK_LOG_LEVEL at INFO)
    assertThat(LoggerLevels.of(LogSettings.Level.TRACE, Level.INFO))
        .isEqualTo(new LoggerLevels(Level.TRACE, Level.TRACE, Level.INFO, Level.DEBUG));
    assertThat(LoggerLevels.of(LogSettings.Level.DEBUG, Level.INFO))
        .isEqualTo(new LoggerLevels(Level.DEBUG, Level.DEBUG, Level.INFO, Level.INFO));
    assertThat(LoggerLevels.of(LogSettings.Level.INFO, Level.INFO))
        .isEqualTo(new LoggerLevels(Level.INFO, Level.INFO, Level.INFO, Level.WARN));
    assertThat(LoggerLevels.of(LogSettings.Level.WARN, null))
        .isEqualTo(new LoggerLevels(Level.WARN, Level.WARN, Level.WARN, Level.WARN));
    assertThat(LoggerLevels.of(LogSettings.Level.ERROR, Level.INFO))
        .isEqualTo(new LoggerLevels(Level.ERROR, Level.ERROR, Level.ERROR, Level.ERROR));
    // NETPOOL_CHECK_LOG_LEVEL=DEBUG keeps one line per check under a quieter level
    assertThat(LoggerLevels.of(LogSettings.Level.WARN, Level.DEBUG).checks())
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void archivesSitNextToTheFile() {
    assertThat(Appenders.archivePattern(Path.of("/var/log/netpool/netpool.log")))
        .isEqualTo("/var/log/netpool/netpool.%d{yyyy-MM-dd}.%i.log.gz");
    assertThat(Appenders.archivePattern(Path.of("/var/log/netpool")))
        .isEqualTo("/var/log/netpool.%d{yyyy-MM-dd}.%i.gz");
  }
}
