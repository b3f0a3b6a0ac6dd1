package io.netpool.monitor.zabbix.delivery;

import io.netpool.monitor.zabbix.ZabbixSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how much the Zabbix spool keeps (docs/zabbix.md, "Durable delivery").
 *
 * @param dir the folder of the spool files ({@code STATE_DIR/zabbix-spool})
 * @param maxBytes the most value bytes one destination's spool keeps; the oldest go first
 * @param maxAge values spooled longer ago than this are dropped, oldest first
 */
public record SpoolSettings(Path dir, long maxBytes, Duration maxAge) {
  /** Default {@code zabbix.sender.spool_max_size}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = ZabbixSettings.DEFAULT_SPOOL_MAX_SIZE;

  /** Default {@code zabbix.sender.spool_max_age}: 7 days (a long weekend's outage). */
  public static final Duration DEFAULT_MAX_AGE = ZabbixSettings.DEFAULT_SPOOL_MAX_AGE;

  /** The folder name under the state folder. */
  public static final String FOLDER = "zabbix-spool";

  public SpoolSettings {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
  }

  /** The spool under a state folder, with the given bounds. */
  public static SpoolSettings under(Path stateDir, long maxBytes, Duration maxAge) {
    return new SpoolSettings(stateDir.resolve(FOLDER), maxBytes, maxAge);
  }
}
