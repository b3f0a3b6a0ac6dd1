package io.netpool.sim;

import java.util.Locale;

/** The simulated platforms, named as in the project's platform profiles (scrapli names). */
public enum Platform {
  CISCO_IOS("cisco_ios"),
  CISCO_IOSXE("cisco_iosxe"),
  CISCO_NXOS("cisco_nxos"),
  CISCO_IOSXR("cisco_iosxr"),
  HUAWEI_VRP("huawei_vrp"),
  H3C_COMWARE("h3c_comware"),
  JUNIPER_JUNOS("juniper_junos"),
  ARISTA_EOS("arista_eos"),
  LINUX("linux");

  private final String id;

  Platform(String id) {
    this.id = id;
  }

  /** The platform name used in inventories, for example {@code cisco_iosxe}. */
  public String id() {
    return id;
  }

  /** Parses a platform name ({@code cisco_iosxe}, {@code CISCO_IOSXE}, {@code huawei}, ...). */
  public static Platform of(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Platform p : values()) {
      if (p.id.equals(n)) {
        return p;
      }
    }
    return switch (n) {
      case "ios" -> CISCO_IOS;
      case "iosxe", "ios_xe" -> CISCO_IOSXE;
      case "nxos", "nx_os" -> CISCO_NXOS;
      case "iosxr", "ios_xr" -> CISCO_IOSXR;
      case "huawei", "vrp" -> HUAWEI_VRP;
      case "h3c", "comware", "hp_comware" -> H3C_COMWARE;
      case "junos", "juniper" -> JUNIPER_JUNOS;
      case "eos", "arista" -> ARISTA_EOS;
      default -> throw new IllegalArgumentException("unknown platform: " + name);
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
