package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.SshOptions;
import io.netpool.ssh.platform.PlatformProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device (router) from {@code monitor.yml}, validated and with defaults applied.
 *
 * @param id unique device id
 * @param host host name or IP address to connect to
 * @param port SSH port
 * @param platform the platform (decides the ping syntax and the CLI profile)
 * @param protocol {@link Protocol#SSH} (exec) or {@link Protocol#CLI} (interactive; alias scrapli)
 * @param username login name
 * @param password password reference, or null for key-only login
 * @param enableSecret enable secret reference, or null
 * @param privateKey absolute path of a private key file, or null
 * @param maxSessions the device's own session cap, 0 = the pool's per-device cap
 * @param hostKey host key checking mode
 * @param tags free labels (a YAML list becomes keys with empty values)
 * @param zabbixHost the router's own Zabbix host (template {@code netpool router}), or null: its
 *     lines then carry the router problem each (docs/zabbix.md, "Router problems")
 * @param access how the router is reached beyond host, port and host key ({@link AccessFields}):
 *     each setting a typed session option of its own, read by the driver that owns it
 */
public record DeviceSpec(
    String id,
    String host,
    int port,
    PingPlatform platform,
    Protocol protocol,
    String username,
    SecretRef password,
    SecretRef enableSecret,
    Path privateKey,
    int maxSessions,
    HostKeyPolicy hostKey,
    Map<String, String> tags,
    String zabbixHost,
    SessionOptions access) {

  /** The lowest SSH port. */
  public static final int MIN_PORT = 1;

  /** The highest SSH port. */
  public static final int MAX_PORT = 65535;

  /** Default SSH port. */
  public static final int DEFAULT_PORT = 22;

  /** Default protocol: the interactive CLI (alias {@code scrapli}), which every platform has. */
  public static final Protocol DEFAULT_PROTOCOL = Protocol.CLI;

  /** Default host key mode. */
  public static final HostKeyPolicy DEFAULT_HOST_KEY = HostKeyPolicy.STRICT;

  /** The highest {@code max_sessions}. */
  public static final int MAX_SESSIONS = 10_000;

  public DeviceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(hostKey, "hostKey");
    tags =
        tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    access = access == null ? SessionOptions.NONE : access;
  }

  /** A device without a Zabbix host of its own. */
  public DeviceSpec(
      String id,
      String host,
      int port,
      PingPlatform platform,
      Protocol protocol,
      String username,
      SecretRef password,
      SecretRef enableSecret,
      Path privateKey,
      int maxSessions,
      HostKeyPolicy hostKey,
      Map<String, String> tags) {
    this(
        id,
        host,
        port,
        platform,
        protocol,
        username,
        password,
        enableSecret,
        privateKey,
        maxSessions,
        hostKey,
        tags,
        null,
        SessionOptions.NONE);
  }

  /** This device with {@code zabbixHost} as its own Zabbix host (null: none). */
  public DeviceSpec withZabbixHost(String zabbixHost) {
    return copy(zabbixHost, access);
  }

  /** This device with {@code access} as its access options ({@link AccessFields}). */
  public DeviceSpec withAccess(SessionOptions access) {
    return copy(zabbixHost, access);
  }

  private DeviceSpec copy(String zabbixHost, SessionOptions access) {
    return new DeviceSpec(
        id,
        host,
        port,
        platform,
        protocol,
        username,
        password,
        enableSecret,
        privateKey,
        maxSessions,
        hostKey,
        tags,
        zabbixHost,
        access);
  }

  /**
   * The core pool's device: id, host, port, platform, max sessions, the tags (labels only), the
   * typed SSH options ({@code sshDefaults} with this device's host-key mode), the access options
   * and credentials with {@link io.netpool.pool.Secret}s that read environment variables and files
   * when a session logs in. Every caller that hands devices to one pool must pass the same {@code
   * sshDefaults}.
   */
  public Device toDevice(SshOptions sshDefaults) {
    SessionOptions options =
        access
            .with(SshOptions.class, sshDefaults.withHostKeyMode(hostKey.mode()))
            .with(PlatformProfile.class, platform.profile());
    Credentials credentials =
        new Credentials(
            username,
            password == null ? null : password.toSecret(),
            enableSecret == null ? null : enableSecret.toSecret(),
            privateKey);
    return new Device(id, host, port, platform.id(), maxSessions, tags, options, credentials);
  }

  /**
   * True when sessions made for {@code other} are the sessions made for this device: the pool's own
   * rule ({@link Device#sameSessionsAs}: tags are not session identity, secrets compare by value)
   * plus the protocol. Secrets are compared by the value they had when the inventory was read (the
   * pool reads a secret only at login), so a rotated password file is a change and the same
   * password from another source is not.
   */
  public boolean sameSessionsAs(DeviceSpec other) {
    SshOptions base = SshOptions.defaults();
    return protocol == other.protocol
        && username.equals(other.username)
        && Objects.equals(privateKey, other.privateKey)
        && SecretRef.sameValue(password, other.password)
        && SecretRef.sameValue(enableSecret, other.enableSecret)
        && toDevice(base)
            .withCredentials(null)
            .sameSessionsAs(other.toDevice(base).withCredentials(null));
  }

  @Override
  public String toString() {
    return "DeviceSpec["
        + id
        + " "
        + host
        + ":"
        + port
        + " "
        + platform.id()
        + "/"
        + protocol
        + " user="
        + username
        + (password == null ? "" : " password=" + password.describe())
        + (enableSecret == null ? "" : " enable=" + enableSecret.describe())
        + (privateKey == null ? "" : " key=" + privateKey)
        + (maxSessions > 0 ? " maxSessions=" + maxSessions : "")
        + " hostKey="
        + hostKey.label()
        + (tags.isEmpty() ? "" : " " + tags)
        + (zabbixHost == null ? "" : " zabbixHost=" + zabbixHost)
        + (access.isEmpty() ? "" : " " + access)
        + "]";
  }
}
