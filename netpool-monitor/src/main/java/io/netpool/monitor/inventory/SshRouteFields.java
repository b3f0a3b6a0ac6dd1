package io.netpool.monitor.inventory;

import io.netpool.pool.SessionOptions;
import io.netpool.ssh.JumpHosts;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.List;

/** How a device's SSH connection is made: jump hosts on the way and algorithm lists. */
final class SshRouteFields {
  private SshRouteFields() {}

  static final Field<JumpHosts> JUMP =
      Field.of("jump", SshAccessReaders.jump())
          .docDefault("none")
          .help(
              "SSH jump hosts (bastions) on the way, first hop first: ids of `jump_hosts:`"
                  + " (`[b1, b2]`, or one id); many sessions share one connection per bastion");

  static final Field<AlgorithmPolicy> SSH_ALGORITHMS =
      Field.of("ssh_algorithms", SshAccessReaders.algorithms())
          .docDefault("secure defaults")
          .help(
              "SSH algorithm lists: `kex`, `ciphers`, `macs`, `host_key`, each `{add: [...]}`"
                  + " (after the secure defaults) or `{replace: [...]}` / a plain list (exactly"
                  + " these); over the platform's `ssh: algorithms:`");

  /** In the order of the "Devices" table of docs/inventory.md. */
  static final List<Field<?>> FIELDS = List.of(JUMP, SSH_ALGORITHMS);

  /** {@code o} with the jump hosts and algorithm lists that are set. */
  static SessionOptions options(Values v, SessionOptions o) {
    if (v.has(JUMP) && !v.get(JUMP).isEmpty()) {
      o = o.with(JumpHosts.class, v.get(JUMP));
    }
    if (v.has(SSH_ALGORITHMS) && !v.get(SSH_ALGORITHMS).isEmpty()) {
      o = o.with(AlgorithmPolicy.class, v.get(SSH_ALGORITHMS));
    }
    return o;
  }
}
