package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import io.netpool.ssh.platform.AlgorithmCategory;
import io.netpool.ssh.platform.AlgorithmList;
import io.netpool.ssh.platform.AlgorithmList.Mode;
import io.netpool.ssh.platform.AlgorithmPolicy;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.Platforms;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Algorithm lists against a real OpenSSH server that speaks only legacy algorithms (an old router:
 * SHA-1 Diffie-Hellman, AES-CBC, HMAC-SHA1, an RSA host key signed with {@code ssh-rsa}).
 */
class AlgorithmsOpenSshTest {
  private static final Duration T = OpenSshServer.timeout();
  private static final List<String> LEGACY_ONLY =
      List.of(
          "KexAlgorithms diffie-hellman-group14-sha1",
          "Ciphers aes128-cbc",
          "MACs hmac-sha1",
          "HostKeyAlgorithms ssh-rsa",
          "LogLevel DEBUG1");

  @TempDir static Path dir;
  private static OpenSshServer old;
  private static SshTransport transport;

  @BeforeAll
  static void start() throws Exception {
    old = OpenSshServer.startOrSkip(dir.resolve("old"), "rsa", LEGACY_ONLY);
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (transport != null) {
      transport.close();
    }
    if (old != null) {
      old.close();
    }
  }

  private static Device device(String id, SessionOptions options) {
    return new Device(
        id,
        "127.0.0.1",
        old.port(),
        "linux",
        0,
        Map.of(),
        options,
        new Credentials(old.user(), null, null, old.clientKey()));
  }

  private static ExecFactory factory() {
    return new ExecFactory(
        transport,
        SshOptions.defaults()
            .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
            .withKnownHostsFile(dir.resolve("known_hosts")));
  }

  private static AlgorithmPolicy add(AlgorithmCategory... categories) {
    return AlgorithmPolicy.of(
        java.util.Arrays.stream(categories)
            .map(
                c ->
                    new AlgorithmList(
                        c,
                        Mode.ADD,
                        List.of(
                            switch (c) {
                              case KEX -> "diffie-hellman-group14-sha1";
                              case CIPHERS -> "aes128-cbc";
                              case MACS -> "hmac-sha1";
                              case HOST_KEY -> "ssh-rsa";
                            })))
            .toList());
  }

  @Test
  void withTheSecureDefaultsTheLoginFailsNamingTheMismatch() {
    assertThatThrownBy(() -> factory().create(device("old-default", SessionOptions.NONE), T))
        .isInstanceOfSatisfying(
            AlgorithmMismatchException.class,
            e -> {
              assertThat(e.category()).isEqualTo("kex algorithms");
              assertThat(e.offered()).containsExactly("diffie-hellman-group14-sha1");
              assertThat(e.allowed()).contains("curve25519-sha256");
              assertThat(e.allowed()).doesNotContain("diffie-hellman-group14-sha1");
            })
        .hasMessageStartingWith("device old-default: no common kex algorithms:")
        .hasMessageContaining("the device offers diffie-hellman-group14-sha1;")
        .hasMessageContaining("netpool allows ")
        .hasMessageContaining("algorithms: kex");
  }

  @Test
  void eachCategoryIsNamedWhenItIsTheOneMissing() {
    SessionOptions kexOnly = SessionOptions.of(AlgorithmPolicy.class, add(AlgorithmCategory.KEX));
    assertThatThrownBy(() -> factory().create(device("old-kex", kexOnly), T))
        .isInstanceOfSatisfying(
            AlgorithmMismatchException.class,
            e -> assertThat(e.offered()).containsExactly("ssh-rsa"))
        .hasMessageContaining("no common server host key algorithms")
        .hasMessageContaining("algorithms: host_key");
    SessionOptions noMac =
        SessionOptions.of(
            AlgorithmPolicy.class,
            add(AlgorithmCategory.KEX, AlgorithmCategory.HOST_KEY, AlgorithmCategory.CIPHERS)
                .over(
                    AlgorithmPolicy.of(
                        List.of(
                            new AlgorithmList(
                                AlgorithmCategory.MACS,
                                Mode.REPLACE,
                                List.of("hmac-sha2-256-etm@openssh.com"))))));
    assertThatThrownBy(() -> factory().create(device("old-mac", noMac), T))
        .isInstanceOf(AlgorithmMismatchException.class)
        .hasMessageContaining("no common mac algorithms")
        .hasMessageContaining(
            "the device offers hmac-sha1; netpool allows hmac-sha2-256-etm@openssh.com")
        .hasMessageContaining("algorithms: macs");
  }

  @Test
  void addingTheLegacyAlgorithmsLogsInAndSaysSoOnce() throws Exception {
    SessionOptions all =
        SessionOptions.of(
            AlgorithmPolicy.class,
            add(
                AlgorithmCategory.KEX,
                AlgorithmCategory.CIPHERS,
                AlgorithmCategory.MACS,
                AlgorithmCategory.HOST_KEY));
    for (int i = 0; i < 2; i++) {
      try (ExecDriver d = factory().create(device("old-added", all), T)) {
        assertThat(d.exec("echo legacy-ok", T).stdout()).isEqualTo("legacy-ok\n");
      }
    }
    assertThat(old.log())
        .anyMatch(l -> l.contains("kex: algorithm: diffie-hellman-group14-sha1"))
        .anyMatch(l -> l.contains("cipher: aes128-cbc MAC: hmac-sha1"));
    // hmac-sha1 is among the defaults (as in OpenSSH's client): not "beyond" them
    assertThat(LogCapture.lines().stream().filter(l -> l.contains("device old-added: SSH")))
        .containsExactly(
            "INFO device old-added: SSH algorithms beyond the secure defaults enabled, as"
                + " configured: {kex=[diffie-hellman-group14-sha1], ciphers=[aes128-cbc],"
                + " host_key=[ssh-rsa]}");
  }

  @Test
  void aPlatformProfileCanCarryTheListsAndTheDeviceNarrowsThem() throws Exception {
    PlatformProfile oldOs =
        Platforms.parse(
            new ByteArrayInputStream(
                """
                name: old_os
                privilege_levels:
                  - name: exec
                    pattern: '^\\S+[$#]\\s?$'
                ssh:
                  algorithms:
                    kex: {add: [diffie-hellman-group14-sha1]}
                    ciphers: {add: [aes128-cbc]}
                    macs: {add: [hmac-sha1]}
                    host_key: {add: [ssh-rsa]}
                """
                    .getBytes(StandardCharsets.UTF_8)),
            "old_os.yaml");
    SessionOptions viaPlatform = SessionOptions.of(PlatformProfile.class, oldOs);
    try (ExecDriver d = factory().create(device("old-platform", viaPlatform), T)) {
      assertThat(d.exec("echo platform-ok", T).stdout()).isEqualTo("platform-ok\n");
    }
    // a device list replaces the platform's list of that category (here: modern ciphers only)
    SessionOptions narrowed =
        viaPlatform.with(
            AlgorithmPolicy.class,
            AlgorithmPolicy.of(
                List.of(
                    new AlgorithmList(
                        AlgorithmCategory.CIPHERS, Mode.REPLACE, List.of("aes256-ctr")))));
    assertThatThrownBy(() -> factory().create(device("old-narrowed", narrowed), T))
        .isInstanceOf(AlgorithmMismatchException.class)
        .hasMessageContaining("no common encryption algorithms")
        .hasMessageContaining("the device offers aes128-cbc; netpool allows aes256-ctr");
  }

  @Test
  void theOlderLegacySwitchStillWorks() throws Exception {
    // legacyAlgorithms: SHA-1 key exchange, ssh-rsa and the CBC ciphers (HMAC-SHA1 is a default)
    SessionOptions legacy =
        SessionOptions.of(
            SshOptions.class,
            SshOptions.defaults()
                .withLegacyAlgorithms(true)
                .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
                .withKnownHostsFile(dir.resolve("known_hosts")));
    try (ExecDriver d = factory().create(device("old-legacy-switch", legacy), T)) {
      assertThat(d.exec("echo switch-ok", T).stdout()).isEqualTo("switch-ok\n");
    }
  }
}
