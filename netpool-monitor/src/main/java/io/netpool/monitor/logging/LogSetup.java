package io.netpool.monitor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogSettings} to logback in this process, at start and again on every reload.
 *
 * <p>The first {@link #apply} takes the root logger's appenders from logback.xml off (kept for
 * {@link #reset}) and puts one switching appender in their place: stderr in text, and with a file a
 * {@code RollingFileAppender} (daily and by size, {@code max_history} days, gzipped archives, a
 * total cap of {@link LogSettings#totalSizeCap()}), text or logback's {@code JsonEncoder}. Every
 * key applies live: the level at once, a changed file, format, size or history by closing the old
 * file and opening the new one while appends wait, so no line is lost (see {@link
 * SwitchingAppender}). Levels per logger: {@link LoggerLevels}.
 */
public final class LogSetup {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static Installed installed; // guarded by LOCK

  private LogSetup() {}

  /**
   * Makes {@code settings} the logging of this process.
   *
   * @return what changed against the settings in force before (the first time: against {@link
   *     LogSettings#defaults()})
   * @throws LogSetupException the file cannot be written; the settings in force before stay so
   */
  public static Applied apply(LogSettings settings) throws LogSetupException {
    LOCK.lock();
    try {
      boolean first = installed == null;
      if (first) {
        installed = Installed.take(context());
      }
      LogSettings before = installed.settings;
      if (first || !sameOutputs(before, settings)) {
        try {
          installed.switchTo(settings);
        } catch (LogSetupException e) {
          if (first) {
            reset(); // logback.xml's configuration stays in force
          }
          throw e;
        }
      }
      installed.setLevels(settings.level());
      installed.settings = settings;
      return new Applied(before, settings);
    } finally {
      LOCK.unlock();
    }
  }

  /** The settings in force, empty while logback.xml's configuration is. */
  public static Optional<LogSettings> current() {
    LOCK.lock();
    try {
      return Optional.ofNullable(installed).map(i -> i.settings);
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * Back to logback.xml's configuration: the file is closed, the root appenders and the levels of
   * the loggers {@link #apply} set are those from before its first call. Nothing when never
   * applied.
   */
  public static void reset() {
    LOCK.lock();
    try {
      if (installed != null) {
        installed.restore();
        installed = null;
      }
    } finally {
      LOCK.unlock();
    }
  }

  private static boolean sameOutputs(LogSettings a, LogSettings b) {
    return Objects.equals(a.file(), b.file())
        && a.format() == b.format()
        && a.maxFileSize() == b.maxFileSize()
        && a.maxHistory() == b.maxHistory();
  }

  private static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "logging settings need logback-classic as the SLF4J backend, found "
            + factory.getClass().getName());
  }

  /** What {@link #apply} changed; {@link #changedKeys()} uses the {@code monitor.yml} names. */
  public record Applied(LogSettings before, LogSettings after) {
    public List<String> changedKeys() {
      List<String> keys = new ArrayList<>();
      if (before.level() != after.level()) {
        keys.add("level");
      }
      if (!Objects.equals(before.file(), after.file())) {
        keys.add("file");
      }
      if (before.maxFileSize() != after.maxFileSize()) {
        keys.add("max_file_size");
      }
      if (before.maxHistory() != after.maxHistory()) {
        keys.add("max_history");
      }
      if (before.format() != after.format()) {
        keys.add("format");
      }
      return keys;
    }

    public boolean changed() {
      return !changedKeys().isEmpty();
    }
  }

  /** The state apply installed, with what it replaced. */
  private static final class Installed {
    private final LoggerContext context;
    private final List<Appender<ILoggingEvent>> rootAppendersAtStart;
    private final Level[] levelsAtStart;
    private final SwitchingAppender switcher = new SwitchingAppender();
    private NoPacketDumps addedFilter; // when logback.xml did not declare it
    private LogSettings settings = LogSettings.defaults();
    // the settings the switcher's outputs were built from (stderr only: the defaults)
    private LogSettings outputs = LogSettings.defaults();

    private Installed(LoggerContext context, List<Appender<ILoggingEvent>> rootAppenders) {
      this.context = context;
      this.rootAppendersAtStart = rootAppenders;
      this.levelsAtStart =
          new Level[] {
            root().getLevel(),
            logger(LoggerLevels.NETPOOL).getLevel(),
            logger(LoggerLevels.CHECKS).getLevel(),
            logger(LoggerLevels.SSHD).getLevel()
          };
    }

    static Installed take(LoggerContext context) {
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        appenders.add(it.next());
      }
      Installed i = new Installed(context, List.copyOf(appenders));
      if (context.getTurboFilterList().stream().noneMatch(NoPacketDumps.class::isInstance)) {
        i.addedFilter = new NoPacketDumps();
        i.addedFilter.setContext(context);
        i.addedFilter.start();
        context.addTurboFilter(i.addedFilter);
      }
      i.switcher.setContext(context);
      i.switcher.setName("netpool");
      i.switcher.start();
      i.switcher.swap(() -> Appenders.stderrOnly(context));
      root.addAppender(i.switcher);
      appenders.forEach(root::detachAppender);
      return i;
    }

    void switchTo(LogSettings next) throws LogSetupException {
      if (next.file() != null) {
        LogFileCheck.writable(next.file());
      }
      List<Appender<ILoggingEvent>> failed = switcher.swap(() -> Appenders.of(context, next));
      if (failed.isEmpty()) {
        outputs = next;
        return;
      }
      // the old file is closed by now: open it again, or fall back to stderr
      LogSettings previous = outputs;
      if (!switcher.swap(() -> Appenders.of(context, previous)).isEmpty()) {
        switcher.swap(() -> Appenders.stderrOnly(context));
        outputs = LogSettings.defaults();
      }
      throw new LogSetupException(
          "cannot write the log file " + next.file() + ": " + LogFileCheck.lastError(context));
    }

    void setLevels(LogSettings.Level level) {
      LoggerLevels levels = LoggerLevels.of(level, levelsAtStart[2]);
      root().setLevel(levels.root());
      logger(LoggerLevels.NETPOOL).setLevel(levels.netpool());
      logger(LoggerLevels.CHECKS).setLevel(levels.checks());
      logger(LoggerLevels.SSHD).setLevel(levels.sshd());
    }

    void restore() {
      Logger root = root();
      rootAppendersAtStart.forEach(root::addAppender);
      root.detachAppender(switcher);
      switcher.stop();
      if (addedFilter != null) {
        context.getTurboFilterList().remove(addedFilter);
      }
      root.setLevel(levelsAtStart[0]);
      logger(LoggerLevels.NETPOOL).setLevel(levelsAtStart[1]);
      logger(LoggerLevels.CHECKS).setLevel(levelsAtStart[2]);
      logger(LoggerLevels.SSHD).setLevel(levelsAtStart[3]);
    }

    private Logger root() {
      return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private Logger logger(String name) {
      return context.getLogger(name);
    }
  }
}
