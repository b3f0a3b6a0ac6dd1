package io.netpool.sim.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated platforms: the one registry of what the simulator accepts. Each constant gives the
 * canonical name (the scrapli-style name the project's inventories use), the renderer of its CLI
 * and the other names it is accepted under. Lookups ({@link #of}), the CLI's usage text and the
 * {@code mixed} fleet are all derived from this table, so a new platform is one constant here plus
 * its renderer class.
 *
 * <p>The names are the simulator's own, kept equal to netpool-ssh's shipped profile names and
 * aliases by a test in netpool-ssh; the simulator does not read those profiles (it is an
 * independent peer of the client).
 */
public enum Platform {
  CISCO_IOS("cisco_ios", CiscoIos.IOS, "ios"),
  CISCO_IOSXE("cisco_iosxe", CiscoIos.IOSXE, "iosxe", "ios-xe", "cisco_xe"),
  CISCO_NXOS("cisco_nxos", new CiscoNxos(), "nxos", "nx-os"),
  CISCO_IOSXR("cisco_iosxr", new CiscoIosxr(), "iosxr", "ios-xr", "cisco_xr"),
  HUAWEI_VRP("huawei_vrp", new HuaweiVrp(), "huawei", "vrp"),
  H3C_COMWARE("h3c_comware", new H3cComware(), "h3c", "comware", "hp_comware"),
  JUNIPER_JUNOS("juniper_junos", new JuniperJunos(), "junos", "juniper"),
  ARISTA_EOS("arista_eos", new AristaEos(), "eos", "arista"),
  LINUX("linux", new LinuxHost(), "unix");

  /** Every accepted name, normalized ({@link #key}), to its platform. */
  private static final Map<String, Platform> BY_NAME;

  static {
    Map<String, Platform> m = new LinkedHashMap<>();
    for (Platform p : values()) {
      for (String name : p.names()) {
        Platform clash = m.putIfAbsent(key(name), p);
        if (clash != null && clash != p) {
          throw new IllegalStateException(name + " names both " + clash + " and " + p);
        }
      }
    }
    BY_NAME = Collections.unmodifiableMap(m);
  }

  private final String id;
  private final PlatformRenderer renderer;
  private final List<String> aliases;

  Platform(String id, PlatformRenderer renderer, String... aliases) {
    this.id = id;
    this.renderer = renderer;
    this.aliases = List.of(aliases);
  }

  /** The canonical platform name used in inventories, for example {@code cisco_iosxe}. */
  public String id() {
    return id;
  }

  /** The other names this platform is accepted under, for example {@code iosxe, ios-xe}. */
  public List<String> aliases() {
    return aliases;
  }

  /** The renderer of this platform's CLI (stateless, shared by every session). */
  public PlatformRenderer renderer() {
    return renderer;
  }

  /**
   * The platform with this canonical name, alias or constant name; case-insensitive, and {@code -}
   * and {@code _} are the same ({@code IOS-XE}, {@code ios_xe}, {@code CISCO_IOSXE}).
   *
   * @throws IllegalArgumentException naming the accepted names when there is none
   */
  public static Platform of(String name) {
    Platform p = name == null ? null : BY_NAME.get(key(name));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown platform: " + name + " (known: " + String.join(", ", acceptedNames()) + ")");
    }
    return p;
  }

  /** Canonical names and aliases of every platform, in table order. */
  public static List<String> acceptedNames() {
    List<String> all = new ArrayList<>();
    for (Platform p : values()) {
      all.addAll(p.names());
    }
    return all;
  }

  private List<String> names() {
    List<String> n = new ArrayList<>(aliases.size() + 1);
    n.add(id);
    n.addAll(aliases);
    return n;
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String toString() {
    return id;
  }
}
