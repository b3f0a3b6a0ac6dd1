package io.netpool.monitor.ping;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Ping per platform: the command in the platform's own syntax and units, and the parser of its
 * output. Timeouts are seconds on Cisco, Arista, Junos and Linux, and milliseconds on Huawei VRP
 * and H3C Comware ({@code -t}).
 */
public enum PingPlatform {
  CISCO_IOS("cisco_ios", "ios") {
    @Override
    public String command(PingRequest r) {
      return ciscoStyle(r, "repeat", "size");
    }
  },
  CISCO_IOSXE("cisco_iosxe", "iosxe", "ios-xe") {
    @Override
    public String command(PingRequest r) {
      return ciscoStyle(r, "repeat", "size");
    }
  },
  CISCO_IOSXR("cisco_iosxr", "iosxr", "ios-xr", "cisco_xr") {
    @Override
    public String command(PingRequest r) {
      return ciscoStyle(r, "count", "size");
    }
  },
  CISCO_NXOS("cisco_nxos", "nxos", "nx-os") {
    @Override
    public String command(PingRequest r) {
      StringBuilder b = new StringBuilder(r.ipv6() ? "ping6 " : "ping ");
      b.append(r.target()).append(" count ").append(r.count());
      b.append(" timeout ").append(r.timeoutSeconds());
      if (r.size() != null) {
        b.append(" packet-size ").append(r.size());
      }
      if (r.source() != null) {
        b.append(r.sourceIsAddress() ? " source " : " source-interface ").append(r.source());
      }
      if (r.vrf() != null) {
        b.append(" vrf ").append(r.vrf());
      }
      return b.toString();
    }
  },
  HUAWEI_VRP("huawei_vrp", "huawei", "vrp") {
    @Override
    public String command(PingRequest r) {
      return dashStyle(r);
    }
  },
  H3C_COMWARE("h3c_comware", "h3c", "hp_comware", "comware") {
    @Override
    public String command(PingRequest r) {
      return dashStyle(r);
    }
  },
  JUNIPER_JUNOS("juniper_junos", "junos", "juniper") {
    @Override
    public String command(PingRequest r) {
      // Junos: the host comes first, options after it (ping host <count n> <inet6> ...).
      StringBuilder b = new StringBuilder("ping ").append(r.target());
      if (r.ipv6()) {
        b.append(" inet6");
      }
      b.append(" count ").append(r.count()).append(" wait ").append(r.timeoutSeconds());
      if (r.size() != null) {
        b.append(" size ").append(r.size());
      }
      if (r.source() != null) {
        b.append(r.sourceIsAddress() ? " source " : " interface ").append(r.source());
      }
      if (r.vrf() != null) {
        b.append(" routing-instance ").append(r.vrf());
      }
      return b.append(" rapid").toString();
    }
  },
  ARISTA_EOS("arista_eos", "eos", "arista") {
    @Override
    public String command(PingRequest r) {
      StringBuilder b = new StringBuilder("ping ");
      if (r.vrf() != null) {
        b.append("vrf ").append(r.vrf()).append(' ');
      }
      if (r.ipv6()) {
        b.append("ipv6 ");
      }
      b.append(r.target()).append(" repeat ").append(r.count());
      b.append(" timeout ").append(r.timeoutSeconds());
      if (r.size() != null) {
        b.append(" size ").append(r.size());
      }
      if (r.source() != null) {
        b.append(r.sourceIsAddress() ? " source " : " interface ").append(r.source());
      }
      return b.toString();
    }
  },
  LINUX("linux") {
    @Override
    public String command(PingRequest r) {
      StringBuilder b = new StringBuilder();
      if (r.vrf() != null) {
        b.append("ip vrf exec ").append(r.vrf()).append(' ');
      }
      b.append(r.ipv6() ? "ping -6 -n" : "ping -n");
      b.append(" -c ").append(r.count()).append(" -W ").append(r.timeoutSeconds());
      if (r.size() != null) {
        b.append(" -s ").append(r.size());
      }
      if (r.source() != null) {
        b.append(" -I ").append(r.source());
      }
      return b.append(' ').append(r.target()).toString();
    }
  };

  private final String id;
  private final String[] aliases;

  PingPlatform(String id, String... aliases) {
    this.id = id;
    this.aliases = aliases;
  }

  /** The platform name used in inventories, e.g. {@code cisco_iosxe}. */
  public String id() {
    return id;
  }

  /** The ping command for this platform. */
  public abstract String command(PingRequest request);

  /** Parses this platform's ping output. Never throws; unreadable output gives status error. */
  public PingResult parse(String output) {
    return PingOutputParser.parse(output);
  }

  /**
   * The platform with this name or alias (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known platforms
   */
  public static PingPlatform of(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (PingPlatform p : values()) {
      if (p.id.equals(n) || Arrays.asList(p.aliases).contains(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown platform '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(PingPlatform::id).collect(Collectors.joining(", ")));
  }

  private static String ciscoStyle(PingRequest r, String countWord, String sizeWord) {
    StringBuilder b = new StringBuilder("ping ");
    if (r.vrf() != null) {
      b.append("vrf ").append(r.vrf()).append(' ');
    }
    if (r.ipv6()) {
      b.append("ipv6 ");
    }
    b.append(r.target()).append(' ').append(countWord).append(' ').append(r.count());
    b.append(" timeout ").append(r.timeoutSeconds());
    if (r.size() != null) {
      b.append(' ').append(sizeWord).append(' ').append(r.size());
    }
    if (r.source() != null) {
      b.append(" source ").append(r.source());
    }
    return b.toString();
  }

  /** Huawei VRP and H3C Comware: {@code -t} is the reply timeout in milliseconds. */
  private static String dashStyle(PingRequest r) {
    StringBuilder b = new StringBuilder(r.ipv6() ? "ping ipv6" : "ping");
    if (r.source() != null) {
      b.append(r.sourceIsAddress() ? " -a " : " -i ").append(r.source());
    }
    b.append(" -c ").append(r.count()).append(" -t ").append(r.timeoutMillis());
    if (r.size() != null) {
      b.append(" -s ").append(r.size());
    }
    if (r.vrf() != null) {
      b.append(" -vpn-instance ").append(r.vrf());
    }
    return b.append(' ').append(r.target()).toString();
  }
}
