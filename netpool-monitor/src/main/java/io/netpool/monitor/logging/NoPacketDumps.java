package io.netpool.monitor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps MINA SSHD's TRACE off whatever its logger's level: at TRACE it dumps every packet and every
 * channel buffer in hex and ASCII, so the enable secret the CLI driver types (and any secret a
 * command carries) would be in the log. A turbo filter also answers {@code isTraceEnabled()}, so
 * MINA does not even build the dumps. Declared in logback.xml and installed by {@link LogSetup}.
 */
public final class NoPacketDumps extends TurboFilter {
  static final String SSHD_PREFIX = LoggerLevels.SSHD + ".";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == Level.TRACE && isSshd(logger.getName())) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isSshd(String name) {
    return name.startsWith(SSHD_PREFIX) || name.equals(LoggerLevels.SSHD);
  }
}
