package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.ssh.fake.FakeDeviceServer;
import java.nio.file.Path;
import java.util.Map;

final class TestDevices {
  private TestDevices() {}

  static Credentials credentials() {
    return Credentials.password(FakeDeviceServer.USER, Secret.of(FakeDeviceServer.PASSWORD))
        .withEnableSecret(Secret.of(FakeDeviceServer.ENABLE_SECRET));
  }

  static Device device(String id, FakeDeviceServer server, String platform) {
    return device(id, server, platform, Map.of());
  }

  static Device device(
      String id, FakeDeviceServer server, String platform, Map<String, String> attributes) {
    return new Device(id, server.host(), server.port(), platform, 0, attributes, credentials());
  }

  /** Trust on first use against a test-local known_hosts file. */
  static SshOptions options(Path knownHosts) {
    return SshOptions.defaults()
        .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
        .withKnownHostsFile(knownHosts);
  }
}
