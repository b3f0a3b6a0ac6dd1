package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.SessionOptions;
import java.util.Map;
import java.util.Objects;

/**
 * One SSH hop (bastion) on the way to a device: its own address, credentials and host-key policy.
 * Its host key is checked against the device's known_hosts file under the bastion's own {@code
 * [host]:port}. {@link #toString()} shows no secret.
 *
 * @param id the bastion's name in the inventory (used in every message about it)
 * @param host host name or address, as the previous hop (or this machine, for the first) reaches it
 * @param port SSH port
 * @param credentials how to log in to the bastion
 * @param hostKeyMode how its host key is checked
 */
public record JumpHost(
    String id, String host, int port, Credentials credentials, HostKeyMode hostKeyMode) {

  public JumpHost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(hostKeyMode, "hostKeyMode");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("jump host " + id + ": port out of range: " + port);
    }
  }

  /** The bastion as a device to log in to (no platform, no options: a plain SSH login). */
  Device asDevice() {
    return new Device(id, host, port, "bastion", 0, Map.of(), SessionOptions.NONE, credentials);
  }

  @Override
  public String toString() {
    return "JumpHost["
        + id
        + " "
        + credentials.username()
        + "@"
        + host
        + ":"
        + port
        + " hostKey="
        + hostKeyMode.label()
        + "]";
  }
}
