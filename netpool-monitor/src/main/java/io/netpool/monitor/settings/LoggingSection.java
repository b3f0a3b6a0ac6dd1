package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.logging.LogSettings;
import io.netpool.monitor.logging.LogSettings.Format;
import io.netpool.monitor.logging.LogSettings.Level;
import java.nio.file.Path;

/**
 * The {@code logging:} section: level, an optional rotating file and its format. Every key applies
 * on reload ({@link io.netpool.monitor.logging.LogSetup}).
 */
public final class LoggingSection {
  /** The top-level key. */
  public static final String KEY = "logging";

  private static final LogSettings D = LogSettings.defaults();

  static final Field<Level> LEVEL =
      Field.of("level", Fields.parsed(Level::parse))
          .orElse(D.level())
          .docDefault("`info`")
          .help(
              "`trace`, `debug`, `info`, `warn` or `error`; wins over `NETPOOL_LOG_LEVEL`; applies"
                  + " on reload");
  static final Field<Path> FILE =
      Field.of("file", SettingReaders.path())
          .docDefault("none (stderr)")
          .help(
              "log file, rolled daily and by size, archives gzipped beside it (relative: to this"
                  + " file's folder); stderr then keeps warnings and errors only");
  static final Field<Long> MAX_FILE_SIZE =
      Field.of("max_file_size", Fields.parsed(LogSettings::parseSize))
          .orElse(D.maxFileSize())
          .docDefault("`50MB`")
          .help("a file larger than this is rolled over");
  static final Field<Integer> MAX_HISTORY =
      Field.of("max_history", Fields.integer(1, LogSettings.MAX_HISTORY_DAYS))
          .orElse(D.maxHistory())
          .help("days of archives kept (total size capped at 2 × size × (days + 1))");
  static final Field<Format> FORMAT =
      Field.of("format", Fields.parsed(Format::parse))
          .orElse(D.format())
          .docDefault("`text`")
          .help("`text` or `json` (one JSON object per line, logback's JsonEncoder); needs `file`");

  /** The fields, in documentation order. */
  public static final Section TABLE = Section.of(LEVEL, FILE, MAX_FILE_SIZE, MAX_HISTORY, FORMAT);

  /** The section. */
  public static final SettingsSection<LogSettings> SECTION =
      new SettingsSection<>(KEY, TABLE, LoggingSection::build);

  private LoggingSection() {}

  private static LogSettings build(Values v, SettingsSection.Located at) {
    if (v.get(MAX_FILE_SIZE) < LogSettings.MIN_FILE_SIZE) {
      at.problem(MAX_FILE_SIZE.key(), "max_file_size must be at least 1KB");
      return null;
    }
    if (v.get(FORMAT) == Format.JSON && v.get(FILE) == null) {
      at.problem(FORMAT.key(), "format json needs a 'file' (standard error stays text)");
      return null;
    }
    return new LogSettings(
        v.get(LEVEL), v.get(FILE), v.get(MAX_FILE_SIZE), v.get(MAX_HISTORY), v.get(FORMAT));
  }
}
