package io.netpool.monitor.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one appender {@link LogSetup} puts on the root logger; it forwards to the current outputs and
 * swaps them on a reload. Why a switch: logback refuses two file appenders on one file, so the old
 * file must be closed before the new one opens; holding appends for that moment (write lock) loses
 * no line and never has two writers on the file.
 */
final class SwitchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private List<Appender<ILoggingEvent>> outputs = List.of();

  @Override
  protected void append(ILoggingEvent event) {
    lock.readLock().lock();
    try {
      for (Appender<ILoggingEvent> out : outputs) {
        out.doAppend(event);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Stops the current outputs, then starts the next ones (built by {@code next} only now, so a file
   * is opened after the old one is closed) and forwards to those that started.
   *
   * @return the outputs that failed to start (the caller reports them)
   */
  List<Appender<ILoggingEvent>> swap(Outputs next) {
    lock.writeLock().lock();
    try {
      outputs.forEach(Appender::stop);
      List<Appender<ILoggingEvent>> built = next.build();
      built.forEach(Appender::start);
      outputs = built.stream().filter(Appender::isStarted).toList();
      return built.stream().filter(a -> !a.isStarted()).toList();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void stop() {
    lock.writeLock().lock();
    try {
      outputs.forEach(Appender::stop);
      outputs = List.of();
    } finally {
      lock.writeLock().unlock();
    }
    super.stop();
  }

  /** Builds (not starts) the appenders of one configuration. */
  @FunctionalInterface
  interface Outputs {
    List<Appender<ILoggingEvent>> build();
  }
}
