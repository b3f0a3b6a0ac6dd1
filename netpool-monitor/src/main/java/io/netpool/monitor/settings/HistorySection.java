package io.netpool.monitor.settings;

import io.netpool.monitor.history.HistorySettings;
import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.SettingReaders;
import io.netpool.monitor.inventory.Values;
import java.time.Duration;

/**
 * The {@code history:} section: the results kept in {@code state_dir/history.sqlite}, raw and as
 * 5-minute rollups (docs/monitor.md, "History").
 */
public final class HistorySection {
  /** The top-level key. */
  public static final String KEY = "history";

  static final Field<Boolean> ENABLED =
      Field.of("enabled", SettingReaders.bool())
          .orElse(true)
          .help(
              "keep every result in `state_dir/history.sqlite` and serve"
                  + " `/api/lines/<id>/history`");
  static final Field<Duration> RAW_RETENTION =
      Field.of("raw_retention", Fields.duration(Duration.ofMinutes(5), Duration.ofDays(3650)))
          .orElse(HistorySettings.DEFAULT_RAW_RETENTION)
          .help("every result (its JSON line) is kept this long");
  static final Field<Duration> ROLLUP_RETENTION =
      Field.of("rollup_retention", Fields.duration(Duration.ofMinutes(5), Duration.ofDays(3650)))
          .orElse(HistorySettings.DEFAULT_ROLLUP_RETENTION)
          .help(
              "5-minute rollups (loss, RTT min/max and percentiles, statuses) are kept this long;"
                  + " at least `raw_retention`");
  static final Field<Integer> QUEUE_SIZE =
      Field.of("queue_size", Fields.integer(1, 10_000_000))
          .orElse(HistorySettings.DEFAULT_QUEUE_SIZE)
          .help(
              "results waiting for the writer while the disk is slow; beyond it results are not"
                  + " kept (`netpool_history_dropped_total`)");

  /** The fields, in documentation order. */
  public static final Section TABLE =
      Section.of(ENABLED, RAW_RETENTION, ROLLUP_RETENTION, QUEUE_SIZE);

  /** The section. */
  public static final SettingsSection<HistorySettings> SECTION =
      new SettingsSection<>(KEY, TABLE, HistorySection::build);

  private HistorySection() {}

  private static HistorySettings build(Values v, SettingsSection.Located at) {
    if (v.get(ROLLUP_RETENTION).compareTo(v.get(RAW_RETENTION)) < 0) {
      at.problem(
          ROLLUP_RETENTION.key(),
          "rollup_retention must be at least raw_retention (rollups are made from raw results)");
      return null;
    }
    return new HistorySettings(
        v.get(ENABLED), v.get(RAW_RETENTION), v.get(ROLLUP_RETENTION), v.get(QUEUE_SIZE));
  }
}
