package io.netpool.ssh;

import io.netpool.pool.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-device SSH settings. A factory resolves them for each device with a {@code Function<Device,
 * SshOptions>}; the usual one is {@link #fromAttributes(SshOptions)}, which starts from defaults
 * and applies these {@link Device#attributes()} keys:
 *
 * <table>
 *   <caption>Device attributes read by {@link #fromAttributes(SshOptions)}</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@code ssh.hostKeys}</td><td>{@code strict}, {@code accept-new} or {@code off}</td></tr>
 *   <tr><td>{@code ssh.knownHosts}</td><td>path of the known_hosts file</td></tr>
 *   <tr><td>{@code ssh.legacy}</td><td>{@code true} to allow SHA-1 key exchange, {@code ssh-rsa}
 *       host keys and 3DES-CBC</td></tr>
 *   <tr><td>{@code ssh.transcript}</td><td>transcript file; {@code {id}} is replaced by the device
 *       id</td></tr>
 *   <tr><td>{@code ssh.connectTimeout}, {@code ssh.authTimeout}</td><td>seconds, or ISO-8601 such
 *       as {@code PT10S}</td></tr>
 *   <tr><td>{@code cli.prompt}</td><td>an extra prompt regex for this device (matched against the
 *       last line, case-insensitive)</td></tr>
 * </table>
 *
 * @param hostKeyMode how the host key is checked
 * @param knownHostsFile the known_hosts file (OpenSSH format) used by strict and accept-new
 * @param legacyAlgorithms allow legacy algorithms for this device (off by default)
 * @param transcriptFile where to append a session transcript (secrets masked), or {@code null}
 * @param connectTimeout TCP connect and SSH handshake bound
 * @param authTimeout authentication bound
 * @param extraPromptPattern an extra prompt regex for the CLI, or {@code null}
 * @param maxBufferChars the CLI driver's output limit per command; beyond it the driver is broken
 */
public record SshOptions(
    HostKeyMode hostKeyMode,
    Path knownHostsFile,
    boolean legacyAlgorithms,
    Path transcriptFile,
    Duration connectTimeout,
    Duration authTimeout,
    String extraPromptPattern,
    int maxBufferChars) {

  public static final String ATTR_HOST_KEYS = "ssh.hostKeys";
  public static final String ATTR_KNOWN_HOSTS = "ssh.knownHosts";
  public static final String ATTR_LEGACY = "ssh.legacy";
  public static final String ATTR_TRANSCRIPT = "ssh.transcript";
  public static final String ATTR_CONNECT_TIMEOUT = "ssh.connectTimeout";
  public static final String ATTR_AUTH_TIMEOUT = "ssh.authTimeout";
  public static final String ATTR_PROMPT = "cli.prompt";

  public SshOptions {
    Objects.requireNonNull(hostKeyMode, "hostKeyMode");
    Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(authTimeout, "authTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (authTimeout.isNegative() || authTimeout.isZero()) {
      throw new IllegalArgumentException("authTimeout must be positive");
    }
    if (maxBufferChars < 1024) {
      throw new IllegalArgumentException("maxBufferChars must be >= 1024, was " + maxBufferChars);
    }
  }

  /**
   * Strict host keys against {@code ~/.ssh/known_hosts}, no legacy algorithms, no transcript, 10 s
   * connect, 15 s auth, 16 Mi characters of output per command.
   */
  public static SshOptions defaults() {
    return new SshOptions(
        HostKeyMode.STRICT,
        Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
        false,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        null,
        16 * 1024 * 1024);
  }

  public SshOptions withHostKeyMode(HostKeyMode v) {
    return new SshOptions(
        v,
        knownHostsFile,
        legacyAlgorithms,
        transcriptFile,
        connectTimeout,
        authTimeout,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withKnownHostsFile(Path v) {
    return new SshOptions(
        hostKeyMode,
        v,
        legacyAlgorithms,
        transcriptFile,
        connectTimeout,
        authTimeout,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withLegacyAlgorithms(boolean v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        v,
        transcriptFile,
        connectTimeout,
        authTimeout,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withTranscriptFile(Path v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        legacyAlgorithms,
        v,
        connectTimeout,
        authTimeout,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withConnectTimeout(Duration v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        legacyAlgorithms,
        transcriptFile,
        v,
        authTimeout,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withAuthTimeout(Duration v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        legacyAlgorithms,
        transcriptFile,
        connectTimeout,
        v,
        extraPromptPattern,
        maxBufferChars);
  }

  public SshOptions withExtraPromptPattern(String v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        legacyAlgorithms,
        transcriptFile,
        connectTimeout,
        authTimeout,
        v,
        maxBufferChars);
  }

  public SshOptions withMaxBufferChars(int v) {
    return new SshOptions(
        hostKeyMode,
        knownHostsFile,
        legacyAlgorithms,
        transcriptFile,
        connectTimeout,
        authTimeout,
        extraPromptPattern,
        v);
  }

  /**
   * A resolver that applies the documented device attributes on top of {@code defaults}.
   *
   * @throws IllegalArgumentException (from the returned function) naming the device and key when an
   *     attribute value is invalid
   */
  public static Function<Device, SshOptions> fromAttributes(SshOptions defaults) {
    Objects.requireNonNull(defaults, "defaults");
    return device -> defaults.applyAttributes(device);
  }

  /** These options with the device's {@code ssh.*} and {@code cli.*} attributes applied. */
  public SshOptions applyAttributes(Device device) {
    Map<String, String> a = device.attributes();
    SshOptions o = this;
    try {
      if (a.containsKey(ATTR_HOST_KEYS)) {
        o = o.withHostKeyMode(HostKeyMode.parse(a.get(ATTR_HOST_KEYS)));
      }
      if (a.containsKey(ATTR_KNOWN_HOSTS)) {
        o = o.withKnownHostsFile(Path.of(a.get(ATTR_KNOWN_HOSTS)));
      }
      if (a.containsKey(ATTR_LEGACY)) {
        o = o.withLegacyAlgorithms(parseBoolean(a.get(ATTR_LEGACY)));
      }
      if (a.containsKey(ATTR_TRANSCRIPT)) {
        o = o.withTranscriptFile(Path.of(a.get(ATTR_TRANSCRIPT).replace("{id}", device.id())));
      }
      if (a.containsKey(ATTR_CONNECT_TIMEOUT)) {
        o = o.withConnectTimeout(parseDuration(a.get(ATTR_CONNECT_TIMEOUT)));
      }
      if (a.containsKey(ATTR_AUTH_TIMEOUT)) {
        o = o.withAuthTimeout(parseDuration(a.get(ATTR_AUTH_TIMEOUT)));
      }
      if (a.containsKey(ATTR_PROMPT)) {
        String p = a.get(ATTR_PROMPT);
        java.util.regex.Pattern.compile(p);
        o = o.withExtraPromptPattern(p);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "device " + device.id() + ": invalid ssh attribute: " + e.getMessage(), e);
    }
    if (o.transcriptFile() != null && o.transcriptFile().toString().contains("{id}")) {
      o = o.withTranscriptFile(Path.of(o.transcriptFile().toString().replace("{id}", device.id())));
    }
    return o;
  }

  private static boolean parseBoolean(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + s);
    };
  }

  private static Duration parseDuration(String s) {
    String t = s.trim();
    try {
      return t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration (seconds or ISO-8601): " + s, e);
    }
  }
}
