package io.netpool.monitor.ping;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to ping, from the router's point of view.
 *
 * @param target IPv4 or IPv6 address of the line's peer
 * @param count probes to send (1..10000)
 * @param timeout per-probe reply timeout (converted to each platform's unit)
 * @param source source address or interface name, or null
 * @param vrf VRF / vpn-instance / routing-instance, or null
 * @param size payload size in bytes, or null for the platform default
 */
public record PingRequest(
    String target, int count, Duration timeout, String source, String vrf, Integer size) {
  /** The fewest probes per request. */
  public static final int MIN_COUNT = 1;

  /** The most probes per request. */
  public static final int MAX_COUNT = 10_000;

  /** The shortest per-probe timeout. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  /** The longest per-probe timeout. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /** The smallest payload size. */
  public static final int MIN_SIZE = 0;

  /** The largest payload size. */
  public static final int MAX_SIZE = 65_000;

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9_.:/\\-]{1,64}$");

  public PingRequest {
    Objects.requireNonNull(target, "target");
    if (!isIpv4(target) && !isIpv6(target)) {
      throw new IllegalArgumentException("target is not an IPv4 or IPv6 address: '" + target + "'");
    }
    if (count < MIN_COUNT || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "count must be " + MIN_COUNT + ".." + MAX_COUNT + ", was " + count);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > MAX_TIMEOUT.toSeconds()) {
      throw new IllegalArgumentException("timeout must be > 0 and <= 1 h, was " + timeout);
    }
    // Everything here is pasted into a device command line: refuse anything but names.
    if (source != null && !SAFE_NAME.matcher(source).matches()) {
      throw new IllegalArgumentException(
          "source is not an address or interface name: '" + source + "'");
    }
    if (vrf != null && !SAFE_NAME.matcher(vrf).matches()) {
      throw new IllegalArgumentException("vrf is not a valid name: '" + vrf + "'");
    }
    if (size != null && (size < MIN_SIZE || size > MAX_SIZE)) {
      throw new IllegalArgumentException(
          "size must be " + MIN_SIZE + ".." + MAX_SIZE + ", was " + size);
    }
  }

  /** A request with defaults: 5 probes, 2 s timeout, no source, VRF or size. */
  public static PingRequest to(String target) {
    return new PingRequest(target, 5, Duration.ofSeconds(2), null, null, null);
  }

  public boolean ipv6() {
    return isIpv6(target);
  }

  /** True when {@link #source()} is an address (else it is an interface name). */
  public boolean sourceIsAddress() {
    return source != null && (isIpv4(source) || isIpv6(source));
  }

  /** Per-probe timeout in whole seconds, rounded up, at least 1. */
  public long timeoutSeconds() {
    long ms = timeout.toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }

  /** Per-probe timeout in milliseconds, 1..65535 (Huawei/H3C {@code -t}). */
  public long timeoutMillis() {
    return Math.min(65_535, Math.max(1, timeout.toMillis()));
  }

  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
