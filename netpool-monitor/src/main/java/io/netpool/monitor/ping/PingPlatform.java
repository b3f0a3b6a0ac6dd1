package io.netpool.monitor.ping;

import io.netpool.ssh.platform.PingSpec;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PlatformRegistry;
import io.netpool.ssh.platform.Platforms;
import java.util.List;

/**
 * A platform as the ping probe sees it: a platform profile (netpool-ssh, one YAML file per
 * platform) and the ping command its {@code ping:} block describes. This class lists no platform:
 * every name, alias and command word comes from the profile registry ({@link Platforms#registry()},
 * which includes the profiles of {@code platforms_dir} / {@code NETPOOL_PLATFORMS_DIR}). The six
 * command shapes ({@link io.netpool.ssh.platform.PingSyntax}) are built here, with the words and
 * timeout unit of the profile.
 *
 * <p>The output parser is platform-independent by design: it reads every summary grammar that the
 * known platforms print, wherever it appears, so a new profile needs no parser code.
 */
public final class PingPlatform {
  private final PlatformProfile profile;
  private final PingSpec spec;

  private PingPlatform(PlatformProfile profile) {
    this.profile = profile;
    this.spec = profile.ping();
  }

  /**
   * The platform with this name or alias in the current registry.
   *
   * @throws IllegalArgumentException naming the known platforms (did-you-mean) when there is none,
   *     or when its profile has no {@code ping:} block
   */
  public static PingPlatform of(String name) {
    return of(Platforms.registry(), name);
  }

  /** As {@link #of(String)}, in {@code registry}. */
  public static PingPlatform of(PlatformRegistry registry, String name) {
    PlatformProfile p = registry.get(name == null ? "" : name.trim());
    if (p.ping() == null) {
      throw new IllegalArgumentException(
          "platform '" + p.name() + "' has no ping: block in its profile, so it cannot ping");
    }
    return new PingPlatform(p);
  }

  /** Every platform of the current registry that can ping, by name. */
  public static List<PingPlatform> all() {
    return Platforms.registry().profiles().stream()
        .filter(p -> p.ping() != null)
        .map(PingPlatform::new)
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .toList();
  }

  /** The names of {@link #all()}, for messages and help texts. */
  public static List<String> names() {
    return all().stream().map(PingPlatform::id).toList();
  }

  /** The platform's canonical name, e.g. {@code cisco_iosxe}. */
  public String id() {
    return profile.name();
  }

  public PlatformProfile profile() {
    return profile;
  }

  /** Parses ping output (platform-independent, never throws). */
  public PingResult parse(String output) {
    return PingOutputParser.parse(output);
  }

  /** The ping command for {@code r} in this platform's syntax, words and timeout unit. */
  public String command(PingRequest r) {
    return switch (spec.syntax()) {
      case CISCO, EOS -> ciscoStyle(r);
      case NXOS -> nxos(r);
      case JUNOS -> junos(r);
      case DASH -> dashStyle(r);
      case LINUX -> linux(r);
    };
  }

  private String timeout(PingRequest r) {
    return " "
        + spec.timeoutWord()
        + " "
        + (spec.timeoutUnit() == PingSpec.TimeoutUnit.MILLISECONDS
            ? r.timeoutMillis()
            : r.timeoutSeconds());
  }

  private String count(PingRequest r) {
    return " " + spec.countWord() + " " + r.count();
  }

  private String size(PingRequest r) {
    return r.size() == null ? "" : " " + spec.sizeWord() + " " + r.size();
  }

  private String source(PingRequest r) {
    return r.source() == null ? "" : " " + spec.sourceWord(r.sourceIsAddress()) + " " + r.source();
  }

  private String vrfPrefix(PingRequest r) {
    return r.vrf() == null ? "" : spec.vrfWord() + " " + r.vrf() + " ";
  }

  private String vrfSuffix(PingRequest r) {
    return r.vrf() == null ? "" : " " + spec.vrfWord() + " " + r.vrf();
  }

  /**
   * IOS, IOS-XE, IOS-XR: {@code ping [vrf V] [ipv6] TARGET repeat N timeout S [size B] [source X]}.
   */
  private String ciscoStyle(PingRequest r) {
    return "ping "
        + vrfPrefix(r)
        + (r.ipv6() ? spec.ipv6Word() + " " : "")
        + r.target()
        + count(r)
        + timeout(r)
        + size(r)
        + source(r);
  }

  /** NX-OS: {@code ping|ping6 TARGET count N timeout S [packet-size B] [source X] [vrf V]}. */
  private String nxos(PingRequest r) {
    return (r.ipv6() ? spec.ipv6Word() : "ping")
        + " "
        + r.target()
        + count(r)
        + timeout(r)
        + size(r)
        + source(r)
        + vrfSuffix(r);
  }

  /** Junos: the host first, options after it, {@code rapid} last. */
  private String junos(PingRequest r) {
    return "ping "
        + r.target()
        + (r.ipv6() ? " " + spec.ipv6Word() : "")
        + count(r)
        + timeout(r)
        + size(r)
        + source(r)
        + vrfSuffix(r)
        + " rapid";
  }

  /**
   * Huawei VRP and H3C Comware: options first, the target last; {@code -t} in milliseconds; IPv4
   * with {@code -v} so that a received ICMP unreachable is printed instead of {@code Request time
   * out}.
   */
  private String dashStyle(PingRequest r) {
    return (r.ipv6() ? "ping " + spec.ipv6Word() : "ping" + icmpErrors())
        + source(r)
        + count(r)
        + timeout(r)
        + size(r)
        + vrfSuffix(r)
        + " "
        + r.target();
  }

  private String icmpErrors() {
    return spec.icmpErrorsWord() == null ? "" : " " + spec.icmpErrorsWord();
  }

  /** Linux iputils: {@code [ip vrf exec V] ping [-6] -n -c N -W S [-s B] [-I X] TARGET}. */
  private String linux(PingRequest r) {
    return vrfPrefix(r)
        + (r.ipv6() ? "ping " + spec.ipv6Word() + " -n" : "ping -n")
        + count(r)
        + timeout(r)
        + size(r)
        + source(r)
        + " "
        + r.target();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PingPlatform p && profile.equals(p.profile);
  }

  @Override
  public int hashCode() {
    return profile.hashCode();
  }

  @Override
  public String toString() {
    return id();
  }
}
