package io.netpool.monitor.zabbix.discovery;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zabbix version as {@code apiinfo.version} returns it: {@code 6.0.14}, {@code 7.0.0}, {@code
 * 7.2.0rc1}, {@code 6.4.0beta3}. Ordered by major, minor, patch, then a pre-release (any suffix)
 * before the release.
 *
 * @param major e.g. 6
 * @param minor e.g. 0
 * @param patch e.g. 14
 * @param suffix pre-release suffix such as {@code rc1}, or empty
 */
public record ZabbixVersion(int major, int minor, int patch, String suffix)
    implements Comparable<ZabbixVersion> {

  /** The oldest version netpool talks to. */
  public static final ZabbixVersion OLDEST_SUPPORTED = new ZabbixVersion(6, 0, 0, "");

  private static final Pattern FORMAT =
      Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,6}))?([A-Za-z][A-Za-z0-9.]*)?");

  private static final Comparator<ZabbixVersion> ORDER =
      Comparator.comparingInt(ZabbixVersion::major)
          .thenComparingInt(ZabbixVersion::minor)
          .thenComparingInt(ZabbixVersion::patch)
          // a release (no suffix) comes after its pre-releases
          .thenComparing(v -> v.suffix.isEmpty() ? "\uffff" : v.suffix);

  public ZabbixVersion {
    Objects.requireNonNull(suffix, "suffix");
  }

  /**
   * Parses the text of {@code apiinfo.version}.
   *
   * @throws IllegalArgumentException quoting the text when it is not a version
   */
  public static ZabbixVersion parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a Zabbix version such as 6.0.14");
    }
    return new ZabbixVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        m.group(4) == null ? "" : m.group(4));
  }

  /** True when this is {@code major.minor} or later (any patch). */
  public boolean atLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  /**
   * True for 6.4 and later: these take {@code Authorization: Bearer}; 6.0 and 6.2 only read the
   * {@code auth} field of the request body (which 7.4 rejects).
   */
  public boolean bearerAuth() {
    return atLeast(6, 4);
  }

  /**
   * True for 7.0 and later: proxies are objects of their own ({@code name}, {@code address}) and
   * hosts carry {@code monitored_by}/{@code proxyid} instead of {@code proxy_hostid}.
   */
  public boolean proxyObjects() {
    return major >= 7;
  }

  @Override
  public int compareTo(ZabbixVersion o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + suffix;
  }
}
