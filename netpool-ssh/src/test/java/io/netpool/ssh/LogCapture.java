package io.netpool.ssh;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every formatted log line of the test run, to assert that secrets never reach logs. */
public final class LogCapture extends AppenderBase<ILoggingEvent> {
  private static final List<String> LINES = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent e) {
    StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getFormattedMessage());
    if (e.getThrowableProxy() != null) {
      sb.append(' ').append(e.getThrowableProxy().getMessage());
    }
    LINES.add(sb.toString());
  }

  public static List<String> lines() {
    return List.copyOf(LINES);
  }
}
