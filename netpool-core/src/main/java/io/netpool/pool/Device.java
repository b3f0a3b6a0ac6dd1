package io.netpool.pool;

import java.util.Map;
import java.util.Objects;

/**
 * A network device the pool keeps sessions to. The pool keys sessions by {@link #id()} and
 * protocol.
 *
 * <p>{@link #credentials()} take no part in {@link #equals}, {@link #hashCode} or {@link
 * #toString}: they never reach a log line or a map key. When a device with the same id but other
 * fields or other credentials is passed to {@link DevicePool#acquire}, the pool replaces the old
 * sessions (see {@link DevicePool}).
 *
 * @param id unique, stable name of the device (inventory key)
 * @param host host name or IP address
 * @param port TCP port, 1..65535
 * @param platform platform name such as {@code cisco_iosxe}; free text for the pool
 * @param maxSessions the device's own session cap (for example its vty lines); 0 means no own cap
 * @param attributes free-form labels (site, tags); copied, never null
 * @param credentials how to log in, or {@code null}
 */
public record Device(
    String id,
    String host,
    int port,
    String platform,
    int maxSessions,
    Map<String, String> attributes,
    Credentials credentials) {

  public Device {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("device id must not be blank");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("device " + id + ": host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("device " + id + ": port must be 1..65535, was " + port);
    }
    if (maxSessions < 0) {
      throw new IllegalArgumentException(
          "device " + id + ": maxSessions must be >= 0 (0 = no own cap), was " + maxSessions);
    }
    platform = platform == null ? "" : platform;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** A device on port 22 with no own session cap, no attributes and no credentials. */
  public static Device of(String id, String host, String platform) {
    return new Device(id, host, 22, platform, 0, Map.of(), null);
  }

  /** A copy with other credentials. */
  public Device withCredentials(Credentials newCredentials) {
    return new Device(id, host, port, platform, maxSessions, attributes, newCredentials);
  }

  /** A copy with another port. */
  public Device withPort(int newPort) {
    return new Device(id, host, newPort, platform, maxSessions, attributes, credentials);
  }

  /** A copy with another own session cap. */
  public Device withMaxSessions(int newMaxSessions) {
    return new Device(id, host, port, platform, newMaxSessions, attributes, credentials);
  }

  /**
   * True when sessions opened for {@code other} would differ from sessions opened for this device:
   * any field, credentials included, differs.
   */
  public boolean sameSessionsAs(Device other) {
    return this == other || (equals(other) && Objects.equals(credentials, other.credentials));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Device d
        && id.equals(d.id)
        && host.equals(d.host)
        && port == d.port
        && platform.equals(d.platform)
        && maxSessions == d.maxSessions
        && attributes.equals(d.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, host, port, platform, maxSessions, attributes);
  }

  @Override
  public String toString() {
    return "Device["
        + id
        + " "
        + host
        + ":"
        + port
        + (platform.isEmpty() ? "" : " " + platform)
        + (maxSessions > 0 ? " maxSessions=" + maxSessions : "")
        + (attributes.isEmpty() ? "" : " " + attributes)
        + "]";
  }
}
