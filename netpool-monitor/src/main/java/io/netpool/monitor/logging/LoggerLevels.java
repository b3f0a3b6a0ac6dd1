package io.netpool.monitor.logging;

import ch.qos.logback.classic.Level;

/**
 * The logger levels one {@link LogSettings.Level} stands for.
 *
 * @param netpool {@code io.netpool}: exactly the chosen level
 * @param checks {@code io.netpool.monitor.checks} (one line per check at DEBUG): the chosen level,
 *     or NETPOOL_CHECK_LOG_LEVEL's DEBUG or TRACE when that asked for more
 * @param root every other library: INFO, or the chosen level when that is WARN or ERROR, so DEBUG
 *     shows netpool's detail without Jackson's or Micrometer's
 * @param sshd {@code org.apache.sshd}: one step quieter than netpool (it logs every session at
 *     INFO, a dozen lines per command at DEBUG) and never TRACE, where MINA SSHD dumps every packet
 *     with the enable secret the CLI driver types ({@link NoPacketDumps} enforces it as well)
 */
record LoggerLevels(Level netpool, Level checks, Level root, Level sshd) {
  static final String NETPOOL = "io.netpool";
  static final String CHECKS = "io.netpool.monitor.checks";
  static final String SSHD = "org.apache.sshd";

  /**
   * @param checksAtStart the level logback.xml gave the check logger (NETPOOL_CHECK_LOG_LEVEL), or
   *     null
   */
  static LoggerLevels of(LogSettings.Level chosen, Level checksAtStart) {
    Level level = Level.toLevel(chosen.name());
    Level checks = level;
    if (checksAtStart != null
        && checksAtStart.levelInt < Level.INFO_INT
        && checksAtStart.levelInt < level.levelInt) {
      checks = checksAtStart;
    }
    Level root = level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO;
    Level sshd =
        switch (chosen) {
          case TRACE -> Level.DEBUG;
          case DEBUG -> Level.INFO;
          case INFO, WARN -> Level.WARN;
          case ERROR -> Level.ERROR;
        };
    return new LoggerLevels(level, checks, root, sshd);
  }
}
