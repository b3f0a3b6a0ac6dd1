package io.netpool.ssh;

import io.netpool.pool.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * SSH settings of a device's sessions. A factory is built with defaults; a device that needs other
 * settings carries its own {@code SshOptions} as a typed {@linkplain io.netpool.pool.SessionOptions
 * session option} ({@code device.withOptions(SessionOptions.of(SshOptions.class, opts))}), which
 * {@link #forDevice} picks over the defaults. Device tags are never read: no label can change how a
 * session is made.
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
    extraPromptPattern = checkedPattern(extraPromptPattern);
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
   * The options of {@code device}: its own {@code SshOptions} session option if it has one, else
   * {@code defaults}; {@code {id}} in a transcript path becomes the device id.
   */
  public static Function<Device, SshOptions> forDevice(SshOptions defaults) {
    Objects.requireNonNull(defaults, "defaults");
    return device -> {
      SshOptions o = device.options().get(SshOptions.class).orElse(defaults);
      if (o.transcriptFile() != null && o.transcriptFile().toString().contains("{id}")) {
        o =
            o.withTranscriptFile(
                Path.of(o.transcriptFile().toString().replace("{id}", device.id())));
      }
      return o;
    };
  }

  /** The options with the extra prompt regex checked: a bad pattern fails here, not mid-session. */
  private static String checkedPattern(String regex) {
    if (regex != null) {
      Pattern.compile(regex);
    }
    return regex;
  }
}
