package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.probe.ProbeConfig;
import io.netpool.monitor.schedule.SchedulerConfig;
import java.time.Duration;

/**
 * The {@code scheduler:} section: how many checks run at once, how the first checks spread out, how
 * long a check waits for a session and for shutdown.
 */
public final class SchedulerSection {
  /** The top-level key. */
  public static final String KEY = "scheduler";

  /**
   * The scheduler's and the ping probe's settings.
   *
   * @param scheduler concurrency, initial spread, shutdown grace
   * @param probe session wait and command margin
   */
  public record Settings(SchedulerConfig scheduler, ProbeConfig probe) {}

  static final Field<Integer> MAX_CONCURRENT_CHECKS =
      Field.of("max_concurrent_checks", Fields.integer(1, 100_000))
          .orElse(SchedulerConfig.DEFAULT_MAX_CONCURRENT_CHECKS)
          .help(
              "checks running at once across all routers; a check beyond it waits, at most until"
                  + " its line's next run");
  static final Field<Duration> INITIAL_SPREAD =
      Field.of("initial_spread", SettingReaders.durationOrOff(Duration.ofMillis(1), null))
          .orElse(SchedulerConfig.DEFAULT_INITIAL_SPREAD)
          .help(
              "first checks (at start, after a reload) and session warm-up spread over this"
                  + " (at most a line's interval); `off`: all at once");
  static final Field<Duration> SESSION_WAIT =
      Field.of("session_wait", Fields.duration(Duration.ofMillis(1), null))
          .orElse(ProbeConfig.DEFAULT_ACQUIRE_TIMEOUT)
          .help(
              "how long a check waits for a session of its router; a check whose router's"
                  + " sessions are all busy then is `skipped`/`router_busy`");
  static final Field<Duration> COMMAND_MARGIN =
      Field.of("command_margin", SettingReaders.durationOrOff(Duration.ofMillis(1), null))
          .orElse(ProbeConfig.DEFAULT_COMMAND_MARGIN)
          .help(
              "added to a ping's `repeat × timeout` for its command deadline (banners, prompts,"
                  + " the router's own overhead)");
  static final Field<Duration> SHUTDOWN_GRACE =
      Field.of("shutdown_grace", SettingReaders.durationOrOff(Duration.ofMillis(1), null))
          .orElse(SchedulerConfig.DEFAULT_SHUTDOWN_GRACE)
          .help(
              "on stop (SIGTERM), how long running checks may finish; the rest are reported as"
                  + " `shutdown`");

  /** The fields, in documentation order. */
  public static final Section TABLE =
      Section.of(
          MAX_CONCURRENT_CHECKS, INITIAL_SPREAD, SESSION_WAIT, COMMAND_MARGIN, SHUTDOWN_GRACE);

  /** The section. */
  public static final SettingsSection<Settings> SECTION =
      new SettingsSection<>(KEY, TABLE, SchedulerSection::build);

  private SchedulerSection() {}

  private static Settings build(Values v, SettingsSection.Located at) {
    return new Settings(
        new SchedulerConfig(
            v.get(MAX_CONCURRENT_CHECKS), v.get(INITIAL_SPREAD), v.get(SHUTDOWN_GRACE)),
        new ProbeConfig(v.get(SESSION_WAIT), v.get(COMMAND_MARGIN)));
  }
}
