package io.netpool.monitor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the stderr and file appenders of one {@link LogSettings}: their encoders and rolling
 * policy are started, the appenders not ({@link SwitchingAppender#swap} does that).
 */
final class Appenders {

  /**
   * The text line, the same as the encoder pattern of logback.xml (checked by a test): time, level,
   * thread, logger, message, then the MDC and SLF4J key-value pairs as key=value.
   */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %replace(%msg"
          + " %replace(%mdc){', ', ' '} %kvp{NONE}){'\\s+$', ''}%n%ex";

  private Appenders() {}

  /**
   * stderr in text for every line without a file; with a file, warnings and errors only, so that a
   * terminal or the journal still shows trouble without a second copy of the whole log.
   */
  static List<Appender<ILoggingEvent>> of(Context context, LogSettings settings) {
    List<Appender<ILoggingEvent>> out = new ArrayList<>();
    out.add(stderr(context, settings.file() == null ? null : Level.WARN));
    if (settings.file() != null) {
      out.add(file(context, settings));
    }
    return out;
  }

  /** Text on stderr, every line: the fallback when the file cannot be opened. */
  static List<Appender<ILoggingEvent>> stderrOnly(Context context) {
    return List.of(stderr(context, null));
  }

  private static Appender<ILoggingEvent> stderr(Context context, Level threshold) {
    ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
    a.setContext(context);
    a.setName("netpool-stderr");
    a.setTarget("System.err");
    a.setEncoder(text(context));
    if (threshold != null) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setContext(context);
      filter.setLevel(threshold.levelStr);
      filter.start();
      a.addFilter(filter);
    }
    return a;
  }

  private static Appender<ILoggingEvent> file(Context context, LogSettings settings) {
    Path file = settings.file().toAbsolutePath().normalize();
    RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
    a.setContext(context);
    a.setName("netpool-file");
    a.setFile(file.toString());
    a.setAppend(true);
    a.setEncoder(settings.format() == LogSettings.Format.JSON ? json(context) : text(context));
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(a);
    policy.setFileNamePattern(archivePattern(file));
    policy.setMaxFileSize(new FileSize(settings.maxFileSize()));
    policy.setMaxHistory(settings.maxHistory());
    policy.setTotalSizeCap(new FileSize(settings.totalSizeCap()));
    // a restart after a long stop also removes archives older than max_history
    policy.setCleanHistoryOnStart(true);
    policy.start(); // before the appender, which checks it
    a.setRollingPolicy(policy);
    return a;
  }

  /**
   * Archives next to the file, by day and index, gzipped: {@code netpool.log} rolls to {@code
   * netpool.2025-06-01.0.log.gz}, {@code netpool} to {@code netpool.2025-06-01.0.gz}.
   */
  static String archivePattern(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    return file.resolveSibling(base + ".%d{yyyy-MM-dd}.%i" + ext + ".gz").toString();
  }

  private static Encoder<ILoggingEvent> text(Context context) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(context);
    e.setPattern(TEXT_PATTERN);
    e.start();
    return e;
  }

  /**
   * logback's own JSON encoder, one object per line: timestamp (Unix ms), level, threadName,
   * loggerName, mdc, kvpList, formattedMessage, throwable. The raw message template and its
   * arguments are left out (the formatted message has both), so is the context (constant).
   */
  private static Encoder<ILoggingEvent> json(Context context) {
    JsonEncoder e = new JsonEncoder();
    e.setContext(context);
    e.setWithSequenceNumber(false);
    e.setWithNanoseconds(false);
    e.setWithContext(false);
    e.setWithMessage(false);
    e.setWithArguments(false);
    e.setWithFormattedMessage(true);
    e.start();
    return e;
  }
}
