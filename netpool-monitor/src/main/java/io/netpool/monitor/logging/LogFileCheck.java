package io.netpool.monitor.logging;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a log file can be written before the current one is closed, so that a typo in {@code file}
 * on reload is reported and changes nothing.
 */
final class LogFileCheck {
  private LogFileCheck() {}

  static void writable(Path file) throws LogSetupException {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new LogSetupException("the log file " + file + " is a folder");
    }
    Path folder = absolute.getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new LogSetupException("cannot create the folder of the log file " + file + ": " + e);
    }
    boolean writable =
        Files.exists(absolute) ? Files.isWritable(absolute) : Files.isWritable(folder);
    if (!writable) {
      throw new LogSetupException("the log file " + file + " is not writable");
    }
  }

  /** The last error logback recorded (why an appender did not start). */
  static String lastError(Context context) {
    List<Status> all = context.getStatusManager().getCopyOfStatusList();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getLevel() == Status.ERROR) {
        return all.get(i).getMessage();
      }
    }
    return "logback did not start the file appender";
  }
}
