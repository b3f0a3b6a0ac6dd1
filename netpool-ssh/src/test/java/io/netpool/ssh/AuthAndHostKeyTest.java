package io.netpool.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthAndHostKeyTest {
  private static final Duration T = Duration.ofSeconds(10);
  private static SshTransport transport;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() {
    transport.close();
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private ExecDriver open(Device device, SshOptions options) throws Exception {
    return new ExecFactory(transport, options).create(device, T);
  }

  @Test
  void passwordAuthentication() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.start("linux");
        ExecDriver ssh =
            open(
                TestDevices.device("pw", server, "linux"),
                TestDevices.options(tmp.resolve("kh")))) {
      assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }
  }

  @Test
  void keyboardInteractiveAuthentication() throws Exception {
    try (FakeDeviceServer server =
            FakeDeviceServer.builder("linux").keyboardInteractiveOnly().start();
        ExecDriver ssh =
            open(
                TestDevices.device("kbd", server, "linux"),
                TestDevices.options(tmp.resolve("kh")))) {
      assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }
  }

  @Test
  void publicKeyAuthentication() throws Exception {
    KeyPair key = ecKey();
    Path keyFile = tmp.resolve("id_ecdsa");
    try (var out = Files.newOutputStream(keyFile)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
    }
    try (FakeDeviceServer server =
        FakeDeviceServer.builder("linux").allowPublicKey(key.getPublic()).start()) {
      Device device =
          new Device(
              "pk",
              server.host(),
              server.port(),
              "linux",
              0,
              Map.of(),
              new Credentials(FakeDeviceServer.USER, null, null, keyFile));
      try (ExecDriver ssh = open(device, TestDevices.options(tmp.resolve("kh")))) {
        assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
      }
    }
  }

  @Test
  void wrongPasswordIsATypedFailureWithoutTheSecret() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.start("linux")) {
      Device device =
          TestDevices.device("badpw", server, "linux")
              .withCredentials(Credentials.password("netops", Secret.of("wrong-Passw0rd")));
      assertThatThrownBy(() -> open(device, TestDevices.options(tmp.resolve("kh"))))
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("badpw")
          .hasMessageContaining("netops")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-Passw0rd"));
      assertThat(device.toString()).doesNotContain("wrong-Passw0rd");
      assertThat(LogCapture.lines()).noneMatch(l -> l.contains("wrong-Passw0rd"));
    }
  }

  @Test
  void strictRejectsAnUnknownHostKey() throws Exception {
    Path kh = tmp.resolve("known_hosts");
    try (FakeDeviceServer server = FakeDeviceServer.start("linux")) {
      SshOptions strict = SshOptions.defaults().withKnownHostsFile(kh);
      assertThat(strict.hostKeyMode()).isEqualTo(HostKeyMode.STRICT);
      assertThatThrownBy(() -> open(TestDevices.device("strict", server, "linux"), strict))
          .isInstanceOf(HostKeyRejectedException.class)
          .hasMessageContaining("is not in")
          .hasMessageContaining("strict")
          .satisfies(e -> assertThat(((HostKeyRejectedException) e).changed()).isFalse());
      assertThat(kh).doesNotExist();
    }
  }

  @Test
  void acceptNewRecordsTheKeyThenStrictAcceptsAndAChangedKeyIsRejected() throws Exception {
    Path kh = tmp.resolve("sub/known_hosts");
    KeyPair hostKey = ecKey();
    try (FakeDeviceServer server =
        FakeDeviceServer.builder("linux").hostKeys(KeyPairProvider.wrap(hostKey)).start()) {
      Device device = TestDevices.device("tofu", server, "linux");
      SshOptions acceptNew =
          SshOptions.defaults().withHostKeyMode(HostKeyMode.ACCEPT_NEW).withKnownHostsFile(kh);
      try (ExecDriver ssh = open(device, acceptNew)) {
        assertThat(ssh.isOpen()).isTrue();
      }
      String recorded = Files.readString(kh, StandardCharsets.UTF_8);
      assertThat(recorded)
          .contains("[127.0.0.1]:" + server.port())
          .contains(PublicKeyEntry.toString(hostKey.getPublic()).split(" ")[1]);

      // the recorded key now passes strict mode (configured as the device's own SSH options)
      Device strictDevice =
          TestDevices.device(
              "tofu",
              server,
              "linux",
              SshOptions.defaults().withHostKeyMode(HostKeyMode.STRICT).withKnownHostsFile(kh));
      try (ExecDriver ssh =
          new ExecFactory(transport, SshOptions.defaults()).create(strictDevice, T)) {
        assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
      }
    }
    // A different server key recorded for the same host:port -> changed -> rejected in both modes.
    KeyPair other = ecKey();
    try (FakeDeviceServer server =
        FakeDeviceServer.builder("linux").hostKeys(KeyPairProvider.wrap(other)).start()) {
      Path kh2 = tmp.resolve("known_hosts_changed");
      Files.writeString(
          kh2,
          "[127.0.0.1]:"
              + server.port()
              + " "
              + PublicKeyEntry.toString(hostKey.getPublic())
              + "\n");
      for (HostKeyMode mode : List.of(HostKeyMode.ACCEPT_NEW, HostKeyMode.STRICT)) {
        SshOptions o = SshOptions.defaults().withHostKeyMode(mode).withKnownHostsFile(kh2);
        assertThatThrownBy(() -> open(TestDevices.device("changed", server, "linux"), o))
            .as(mode.label())
            .isInstanceOf(HostKeyRejectedException.class)
            .hasMessageContaining("CHANGED")
            .satisfies(e -> assertThat(((HostKeyRejectedException) e).changed()).isTrue());
      }
      assertThat(Files.readAllLines(kh2)).hasSize(1);
    }
  }

  @Test
  void offModeConnectsAndWarnsOncePerDevice() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.start("linux")) {
      Device device =
          TestDevices.device(
              "nocheck-dev",
              server,
              "linux",
              SshOptions.defaults().withHostKeyMode(HostKeyMode.OFF));
      ExecFactory f = new ExecFactory(transport, SshOptions.defaults());
      for (int i = 0; i < 3; i++) {
        try (ExecDriver ssh = f.create(device, T)) {
          assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
        }
      }
      assertThat(LogCapture.lines())
          .filteredOn(
              l ->
                  l.startsWith("WARN")
                      && l.contains("host key checking is OFF for device nocheck-dev"))
          .hasSize(1);
    }
  }

  @Test
  void legacyAlgorithmsOnlyWhenAskedPerDevice() throws Exception {
    try (FakeDeviceServer server = FakeDeviceServer.builder("linux").legacyKexOnly().start()) {
      SshOptions base = TestDevices.options(tmp.resolve("kh"));
      assertThatThrownBy(() -> open(TestDevices.device("old-1", server, "linux"), base))
          .isInstanceOf(java.io.IOException.class);
      Device legacy = TestDevices.device("old-2", server, "linux", base.withLegacyAlgorithms(true));
      try (ExecDriver ssh = new ExecFactory(transport, base).create(legacy, T)) {
        assertThat(ssh.exec("echo ok", T).stdout()).isEqualTo("ok\n");
      }
      // and the shared client still refuses SHA-1 key exchange for other devices
      assertThatThrownBy(() -> open(TestDevices.device("old-3", server, "linux"), base))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void tagsNeverChangeHowASessionIsMade() throws Exception {
    // Tags that look like the old attribute keys are labels only: no SHA-1 key exchange, no
    // host-key bypass.
    Map<String, String> lookAlikes = Map.of("ssh.legacy", "true", "ssh.hostKeys", "off");
    try (FakeDeviceServer server = FakeDeviceServer.builder("linux").legacyKexOnly().start()) {
      Device tagged = TestDevices.device("old-tags", server, "linux").withTags(lookAlikes);
      assertThat(tagged.tags()).isEqualTo(lookAlikes);
      assertThatThrownBy(() -> open(tagged, TestDevices.options(tmp.resolve("kh-tags"))))
          .isInstanceOf(java.io.IOException.class);
    }
    try (FakeDeviceServer server = FakeDeviceServer.start("linux")) {
      Device tagged = TestDevices.device("strict-tags", server, "linux").withTags(lookAlikes);
      SshOptions strict =
          SshOptions.defaults()
              .withHostKeyMode(HostKeyMode.STRICT)
              .withKnownHostsFile(tmp.resolve("kh-empty"));
      assertThatThrownBy(() -> open(tagged, strict)).isInstanceOf(HostKeyRejectedException.class);
    }
  }

  @Test
  void aBadPromptPatternFailsWhenTheOptionsAreMade() {
    assertThatThrownBy(() -> SshOptions.defaults().withExtraPromptPattern("(unclosed"))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }
}
