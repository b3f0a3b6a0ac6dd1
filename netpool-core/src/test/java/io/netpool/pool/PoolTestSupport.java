package io.netpool.pool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/** Helpers shared by the concurrency tests: log capture, deadlock and pool-thread inspection. */
final class PoolTestSupport {
  private PoolTestSupport() {}

  /** Ids of deadlocked threads (monitors or j.u.c. locks), or an empty list. */
  static List<Long> deadlockedThreads() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : null;
    if (ids == null) {
      ids = mx.findMonitorDeadlockedThreads();
    }
    List<Long> out = new ArrayList<>();
    if (ids != null) {
      for (long id : ids) {
        out.add(id);
      }
    }
    return out;
  }

  private static final Pattern DUMP_THREAD =
      Pattern.compile("\"tid\": \"(\\d+)\"[^{}]*?\"name\": \"([^\"]*)\"");

  /**
   * Live threads whose name starts with {@code netpool-}, by thread id: platform threads (the
   * housekeeper, the event thread) and the pool's virtual worker threads. Virtual threads are not
   * listed by {@link Thread#getAllStackTraces()}, so this takes a JSON thread dump ({@link
   * HotSpotDiagnosticMXBean#dumpThreads}), which lists the threads of every thread container,
   * including the pool's thread-per-task executor.
   */
  static Map<Long, String> liveNetpoolThreads() {
    Map<Long, String> out = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("netpool-")) {
        out.put(t.threadId(), t.getName());
      }
    }
    try {
      Path dir = Files.createTempDirectory("netpool-threads");
      Path file = dir.resolve("dump.json");
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        Matcher m = DUMP_THREAD.matcher(Files.readString(file));
        while (m.find()) {
          if (m.group(2).startsWith("netpool-")) {
            out.put(Long.parseLong(m.group(1)), m.group(2));
          }
        }
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Captures the pool's log ({@code io.netpool.pool}) while open: keeps WARN and ERROR events,
   * drops the rest (so a stress run does not flood the console) and restores the logger on close.
   */
  static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final Logger logger;
    private final Level oldLevel;
    private final boolean oldAdditive;

    LogCapture() {
      logger = (Logger) LoggerFactory.getLogger("io.netpool.pool");
      oldLevel = logger.getLevel();
      oldAdditive = logger.isAdditive();
      setContext(logger.getLoggerContext());
      setName("netpool-test-capture");
      start();
      logger.addAppender(this);
      logger.setLevel(Level.WARN);
      logger.setAdditive(false);
    }

    @Override
    protected void append(ILoggingEvent e) {
      String text =
          e.getLoggerName()
              + " "
              + e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : " / "
                      + e.getThrowableProxy().getClassName()
                      + ": "
                      + e.getThrowableProxy().getMessage());
      if (e.getLevel().isGreaterOrEqual(Level.ERROR)) {
        errors.add(text);
      } else if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
        warnings.add(text);
      }
    }

    /** Warnings whose text contains {@code part}. */
    List<String> warningsContaining(String part) {
      return warnings.stream().filter(w -> w.contains(part)).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(this);
      logger.setLevel(oldLevel);
      logger.setAdditive(oldAdditive);
      stop();
    }
  }

  /** Collects uncaught exceptions of all threads while open; restores the old handler on close. */
  static final class UncaughtCollector implements AutoCloseable {
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread.UncaughtExceptionHandler old;

    UncaughtCollector() {
      old = Thread.getDefaultUncaughtExceptionHandler();
      Thread.setDefaultUncaughtExceptionHandler(
          (t, e) -> {
            failures.add(t.getName() + ": " + e);
            if (old != null) {
              old.uncaughtException(t, e);
            } else {
              e.printStackTrace();
            }
          });
    }

    @Override
    public void close() {
      Thread.setDefaultUncaughtExceptionHandler(old);
    }
  }
}
