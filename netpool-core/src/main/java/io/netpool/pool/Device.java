package io.netpool.pool;

import java.util.Map;
import java.util.Objects;

/**
 * A network device the pool keeps sessions to. The pool keys sessions by {@link #id()} and
 * protocol.
 *
 * <p>{@link #credentials()} take no part in {@link #equals}, {@link #hashCode} or {@link
 * #toString}: they never reach a log line or a map key. When a device with the same id but another
 * session identity ({@link #sameSessionsAs}: any field but the tags, credentials included) is
 * passed to {@link DevicePool#acquire}, the pool replaces the old sessions (see {@link
 * DevicePool}).
 *
 * <p>Tags are free labels for people and dashboards: netpool never reads them and changing them
 * keeps the sessions. How a session is made (host-key mode, algorithms, ...) travels only as typed
 * {@link SessionOptions}.
 *
 * @param id unique, stable name of the device (inventory key)
 * @param host host name or IP address
 * @param port TCP port, 1..65535
 * @param platform platform name such as {@code cisco_iosxe}; free text for the pool
 * @param maxSessions the device's own session cap (for example its vty lines); 0 means no own cap
 * @param tags free labels (site, role); copied, never null, never read by netpool
 * @param options typed settings for the protocol factories; never null ({@link
 *     SessionOptions#NONE})
 * @param credentials how to log in, or {@code null}
 */
public record Device(
    String id,
    String host,
    int port,
    String platform,
    int maxSessions,
    Map<String, String> tags,
    SessionOptions options,
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
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    options = options == null ? SessionOptions.NONE : options;
  }

  /** A device with no session options (every factory uses its defaults). */
  public Device(
      String id,
      String host,
      int port,
      String platform,
      int maxSessions,
      Map<String, String> tags,
      Credentials credentials) {
    this(id, host, port, platform, maxSessions, tags, SessionOptions.NONE, credentials);
  }

  /** A device on port 22 with no own session cap, no tags, no options and no credentials. */
  public static Device of(String id, String host, String platform) {
    return new Device(id, host, 22, platform, 0, Map.of(), SessionOptions.NONE, null);
  }

  /** A copy with other credentials. */
  public Device withCredentials(Credentials newCredentials) {
    return new Device(id, host, port, platform, maxSessions, tags, options, newCredentials);
  }

  /** A copy with another port. */
  public Device withPort(int newPort) {
    return new Device(id, host, newPort, platform, maxSessions, tags, options, credentials);
  }

  /** A copy with another own session cap. */
  public Device withMaxSessions(int newMaxSessions) {
    return new Device(id, host, port, platform, newMaxSessions, tags, options, credentials);
  }

  /** A copy with other tags (same sessions). */
  public Device withTags(Map<String, String> newTags) {
    return new Device(id, host, port, platform, maxSessions, newTags, options, credentials);
  }

  /** A copy with other session options. */
  public Device withOptions(SessionOptions newOptions) {
    return new Device(id, host, port, platform, maxSessions, tags, newOptions, credentials);
  }

  /**
   * True when sessions opened for {@code other} are the same as sessions opened for this device:
   * every field but the tags is equal, credentials and options included. Tags are not session
   * identity.
   */
  public boolean sameSessionsAs(Device other) {
    return this == other
        || (other != null
            && id.equals(other.id)
            && host.equals(other.host)
            && port == other.port
            && platform.equals(other.platform)
            && maxSessions == other.maxSessions
            && options.equals(other.options)
            && Objects.equals(credentials, other.credentials));
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
        && tags.equals(d.tags)
        && options.equals(d.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, host, port, platform, maxSessions, tags, options);
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
        + (tags.isEmpty() ? "" : " " + tags)
        + "]";
  }
}
