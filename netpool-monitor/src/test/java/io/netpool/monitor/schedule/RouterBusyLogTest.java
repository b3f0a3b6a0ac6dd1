package io.netpool.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One WARN per streak of router_busy skips per router, one INFO when it caught up. */
class RouterBusyLogTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger(RouterBusyLog.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final RouterBusyLog busy = new RouterBusyLog(Clock.systemUTC());

  @BeforeEach
  void capture() {
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void restore() {
    logger.detachAppender(appender);
  }

  private List<ILoggingEvent> events(Level level) {
    return appender.list.stream().filter(e -> e.getLevel() == level).toList();
  }

  @Test
  void oneWarningPerStreakNamingTheRouterAndTheSettingsThenOneInfoWhenItCaughtUp() {
    busy.skipped("r1", 2, "l1", RouterBusyLog.Source.SCHEDULER);
    busy.skipped("r1", 2, "l2", RouterBusyLog.Source.SCHEDULER);
    busy.skipped("r1", 2, "l3", RouterBusyLog.Source.POOL);
    assertThat(events(Level.WARN)).hasSize(1);
    String warn = events(Level.WARN).get(0).getFormattedMessage();
    assertThat(warn)
        .contains("router r1 busy", "2 session(s)", "line l1", "router_busy")
        .contains("pool.max_sessions_per_device", "max_sessions", "scheduler.session_wait")
        .contains("interval", "netpool_checks_skipped_total{reason=\"router_busy\"}");
    assertThat(busy.busy("r1")).isTrue();

    busy.skipped("r2", 1, "l9", RouterBusyLog.Source.POOL); // another router: its own streak
    assertThat(events(Level.WARN)).hasSize(2);
    assertThat(events(Level.WARN).get(1).getFormattedMessage())
        .contains("router r2 busy", "session wait");

    busy.caughtUp("r1", busy.mark());
    busy.caughtUp("r1", busy.mark()); // no streak any more: nothing
    assertThat(events(Level.INFO)).hasSize(1);
    assertThat(events(Level.INFO).get(0).getFormattedMessage())
        .contains("router r1 caught up", "3 check(s) skipped");
    assertThat(busy.busy("r1")).isFalse();
    assertThat(busy.busy("r2")).isTrue();

    busy.skipped("r1", 2, "l1", RouterBusyLog.Source.SCHEDULER); // a new streak: a new warning
    assertThat(events(Level.WARN)).hasSize(3);
  }

  @Test
  void aRouterThatWasNeverBusyLogsNothingWhenItsChecksGetSessions() {
    busy.caughtUp("r1", busy.mark());
    assertThat(appender.list).isEmpty();
  }

  @Test
  void aCheckThatGotItsPermitBeforeTheStreakBeganDoesNotEndIt() {
    // the check got its permit alone, then waited long for its session while a backlog built up
    long permitAlone = busy.mark();
    busy.skipped("r1", 2, "l1", RouterBusyLog.Source.SCHEDULER);
    busy.caughtUp("r1", permitAlone);
    assertThat(busy.busy("r1")).isTrue();
    assertThat(events(Level.INFO)).isEmpty();

    // another router's newer streak does not hide that r1's began before this mark
    long later = busy.mark();
    busy.skipped("r2", 2, "l9", RouterBusyLog.Source.SCHEDULER);
    busy.caughtUp("r1", later);
    assertThat(busy.busy("r1")).isFalse();
    assertThat(events(Level.INFO)).singleElement();
    assertThat(events(Level.WARN)).hasSize(2);
  }
}
