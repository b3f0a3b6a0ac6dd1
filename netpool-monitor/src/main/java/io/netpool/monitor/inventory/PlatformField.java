package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import java.util.List;

/**
 * The one rule for a platform name, used by {@code monitor.yml}, the Zabbix line macros and the
 * commands: a name or alias of a platform profile in the registry ({@code
 * io.netpool.ssh.platform.Platforms#registry()}: the shipped profiles plus {@code platforms_dir} /
 * {@code NETPOOL_PLATFORMS_DIR}) whose profile has a {@code ping:} block.
 */
public final class PlatformField {
  private PlatformField() {}

  /** The platform named {@code text} in the process registry; IllegalArgumentException if none. */
  public static PingPlatform parse(String text) {
    return parse(text, Platforms.registry());
  }

  /** The platform named {@code text} in {@code registry}; IllegalArgumentException if none. */
  public static PingPlatform parse(String text, PlatformRegistry registry) {
    return PingPlatform.of(registry, text);
  }

  /** The names of the process registry's platforms that can ping, for messages. */
  public static List<String> known() {
    return known(Platforms.registry());
  }

  /** The names of {@code registry}'s platforms that can ping, for messages. */
  public static List<String> known(PlatformRegistry registry) {
    return registry.profiles().stream()
        .filter(p -> p.ping() != null)
        .map(p -> p.name())
        .sorted()
        .toList();
  }
}
