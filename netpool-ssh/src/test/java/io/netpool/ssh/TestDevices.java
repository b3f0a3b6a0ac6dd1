package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.pool.SessionOptions;
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
    return new Device(id, server.host(), server.port(), platform, 0, Map.of(), credentials());
  }

  /** A device that carries its own SSH options (a typed session option). */
  static Device device(String id, FakeDeviceServer server, String platform, SshOptions own) {
    return device(id, server, platform).withOptions(SessionOptions.of(SshOptions.class, own));
  }

  /** Trust on first use against a test-local known_hosts file. */
  static SshOptions options(Path knownHosts) {
    return SshOptions.defaults()
        .withHostKeyMode(HostKeyMode.ACCEPT_NEW)
        .withKnownHostsFile(knownHosts);
  }
}
