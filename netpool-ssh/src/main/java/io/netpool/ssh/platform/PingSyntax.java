package io.netpool.ssh.platform;

import static io.netpool.ssh.platform.PingSpec.TimeoutUnit.MILLISECONDS;
import static io.netpool.ssh.platform.PingSpec.TimeoutUnit.SECONDS;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shapes of a ping command that exist among the supported platforms: where the target, the
 * count, the timeout, the VRF and the source go. The words themselves are parameters of a {@link
 * PingSpec} (with defaults per shape), so a platform that differs only in spelling needs no new
 * shape. In the templates below, {@code [...]} is present only when the request has that value;
 * {@code <src>} is {@code source_address_word} for an address source and {@code
 * source_interface_word} for an interface name.
 */
public enum PingSyntax {
  /**
   * Cisco IOS, IOS-XE, IOS-XR: {@code ping [<vrf> V ][<ipv6> ]TARGET <count> N <timeout> T[ <size>
   * S][ <src> SRC]}.
   */
  CISCO("cisco", "repeat", "timeout", SECONDS, "size", "source", "source", "vrf", "ipv6", null),
  /**
   * Cisco NX-OS: {@code ping TARGET <count> N <timeout> T[ <size> S][ <src> SRC][ <vrf> V]}; for
   * IPv6 the command word {@code ping} is replaced by {@code ipv6_word} ({@code ping6}).
   */
  NXOS(
      "nxos",
      "count",
      "timeout",
      SECONDS,
      "packet-size",
      "source",
      "source-interface",
      "vrf",
      "ping6",
      null),
  /**
   * Juniper Junos: {@code ping TARGET[ <ipv6>] <count> N <timeout> T[ <size> S][ <src> SRC][ <vrf>
   * V] rapid}.
   */
  JUNOS(
      "junos",
      "count",
      "wait",
      SECONDS,
      "size",
      "source",
      "interface",
      "routing-instance",
      "inet6",
      null),
  /**
   * Arista EOS: {@code ping [<vrf> V ][<ipv6> ]TARGET <count> N <timeout> T[ <size> S][ <src>
   * SRC]}.
   */
  EOS("eos", "repeat", "timeout", SECONDS, "size", "source", "interface", "vrf", "ipv6", null),
  /**
   * Huawei VRP, H3C Comware: {@code ping[ <ipv6>][ <src> SRC] <count> N <timeout> T[ <size> S][
   * <vrf> V] TARGET}; the timeout is in milliseconds. IPv4 adds {@code <icmp_errors>} ({@code -v})
   * after {@code ping}, so that an unreachable target shows as such, not as timeouts.
   */
  DASH("dash", "-c", "-t", MILLISECONDS, "-s", "-a", "-i", "-vpn-instance", "ipv6", "-v"),
  /**
   * Linux iputils: {@code [<vrf> V ]ping[ <ipv6>] -n <count> N <timeout> T[ <size> S][ <src> SRC]
   * TARGET} (the VRF word is a command prefix, {@code ip vrf exec}).
   */
  LINUX("linux", "-c", "-W", SECONDS, "-s", "-I", "-I", "ip vrf exec", "-6", null);

  private final String yamlName;
  private final PingSpec defaults;

  PingSyntax(
      String yamlName,
      String countWord,
      String timeoutWord,
      PingSpec.TimeoutUnit timeoutUnit,
      String sizeWord,
      String sourceAddressWord,
      String sourceInterfaceWord,
      String vrfWord,
      String ipv6Word,
      String icmpErrorsWord) {
    this.yamlName = yamlName;
    this.defaults =
        new PingSpec(
            this,
            countWord,
            timeoutWord,
            timeoutUnit,
            sizeWord,
            sourceAddressWord,
            sourceInterfaceWord,
            vrfWord,
            ipv6Word,
            icmpErrorsWord);
  }

  /** The value of {@code ping.syntax} in a profile, lower case ({@code cisco}, {@code dash}...). */
  public String yamlName() {
    return yamlName;
  }

  /** The spec of this shape with every parameter at its default. */
  public PingSpec defaults() {
    return defaults;
  }

  /** The syntax with this YAML name (case-insensitive). */
  public static Optional<PingSyntax> fromYamlName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (PingSyntax s : values()) {
      if (s.yamlName.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The YAML names of all shapes, in declaration order, comma-separated. */
  public static String yamlNames() {
    return Arrays.stream(values()).map(PingSyntax::yamlName).collect(Collectors.joining(", "));
  }
}
