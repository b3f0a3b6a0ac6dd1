package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingPlatform;
import java.util.Arrays;
import java.util.List;

/**
 * The one rule for a platform name, used by {@code monitor.yml} and the Zabbix line macros: an id
 * or alias of a {@link PingPlatform}. Kept on its own so that it can be pointed at another platform
 * registry without touching the readers.
 */
public final class PlatformField {
  private PlatformField() {}

  /** The platform named {@code text}; IllegalArgumentException when there is none. */
  public static PingPlatform parse(String text) {
    return PingPlatform.of(text);
  }

  /** The platform ids, for messages. */
  public static List<String> known() {
    return Arrays.stream(PingPlatform.values()).map(PingPlatform::id).toList();
  }
}
