package io.netpool.monitor.logging;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the operator asks of the log (the {@code logging:} section of {@code monitor.yml}), applied
 * by {@link LogSetup#apply}. Invalid values throw {@link IllegalArgumentException} with a message
 * naming the {@code monitor.yml} key, so a reader can report it at the key's location.
 *
 * @param level level of netpool's loggers (libraries: see {@link LogSetup})
 * @param file the log file, or null for stderr only (the default, as under systemd: the journal)
 * @param maxFileSize bytes after which the file is rolled over (at least {@link #MIN_FILE_SIZE})
 * @param maxHistory days of rolled files kept, 1 to {@link #MAX_HISTORY_DAYS}
 * @param format line format of the file; stderr is always text
 */
public record LogSettings(Level level, Path file, long maxFileSize, int maxHistory, Format format) {

  public static final long DEFAULT_MAX_FILE_SIZE = 50L * 1024 * 1024;
  public static final int DEFAULT_MAX_HISTORY = 14;
  public static final long MIN_FILE_SIZE = 1024;
  public static final int MAX_HISTORY_DAYS = 3650;

  /** Levels an operator can choose, most verbose first. */
  public enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** {@code info}, {@code INFO}, ...; the message lists the choices. */
    public static Level parse(String text) {
      return parseEnum(values(), text, "level");
    }
  }

  /** {@code text}: the stderr line format; {@code json}: one JSON object per line. */
  public enum Format {
    TEXT,
    JSON;

    public static Format parse(String text) {
      return parseEnum(values(), text, "format");
    }
  }

  public LogSettings {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
    if (maxFileSize < MIN_FILE_SIZE) {
      throw new IllegalArgumentException(
          "max_file_size must be at least 1KB, got " + maxFileSize + " bytes");
    }
    if (maxHistory < 1 || maxHistory > MAX_HISTORY_DAYS) {
      throw new IllegalArgumentException(
          "max_history must be 1 to " + MAX_HISTORY_DAYS + " days, got " + maxHistory);
    }
    if (format == Format.JSON && file == null) {
      throw new IllegalArgumentException(
          "format json is for the log file (stderr stays text): set file as well");
    }
  }

  /** INFO to stderr, as without a {@code logging:} section. */
  public static LogSettings defaults() {
    return new LogSettings(
        Level.INFO, null, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_HISTORY, Format.TEXT);
  }

  public LogSettings withLevel(Level newLevel) {
    return new LogSettings(newLevel, file, maxFileSize, maxHistory, format);
  }

  /** The file in {@code format}; null: stderr only (and text). */
  public LogSettings withFile(Path newFile, Format newFormat) {
    return new LogSettings(level, newFile, maxFileSize, maxHistory, newFormat);
  }

  public LogSettings withRotation(long newMaxFileSize, int newMaxHistory) {
    return new LogSettings(level, file, newMaxFileSize, newMaxHistory, format);
  }

  /**
   * The most disk the file and its archives may take before the oldest archives are deleted: two
   * full files a day over {@code maxHistory + 1} days (1.5 GB with the defaults), so a burst of
   * DEBUG lines cannot fill the disk while a normal day keeps its whole history.
   */
  public long totalSizeCap() {
    return maxFileSize * 2 * (maxHistory + 1L);
  }

  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);

  /**
   * {@code max_file_size} as written: {@code 50MB}, {@code 512 KB}, {@code 1GB}, or a number of
   * bytes; units are powers of 1024, as in logback.
   */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "max_file_size must be a size such as 50MB, 512KB or 1GB, got '" + text + "'");
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift =
        switch (unit) {
          case "kb" -> 10;
          case "mb" -> 20;
          case "gb" -> 30;
          default -> 0;
        };
    if (number > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("max_file_size is too large: '" + text + "'");
    }
    return number << shift;
  }

  private static <E extends Enum<E>> E parseEnum(E[] values, String text, String key) {
    String choices =
        Arrays.stream(values)
            .map(v -> v.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    if (text != null) {
      for (E v : values) {
        if (v.name().equalsIgnoreCase(text.strip())) {
          return v;
        }
      }
    }
    throw new IllegalArgumentException(key + " must be one of " + choices + ", got '" + text + "'");
  }
}
