package io.netpool.monitor.inventory;

import io.netpool.pool.SessionOptions;
import io.netpool.ssh.JumpHosts;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The device fields that say how a router is reached beyond host, port and host key (issue 14: jump
 * hosts, algorithm lists, Telnet, keepalive, AAA group, privilege). Each becomes one typed {@link
 * SessionOptions} value of the driver that reads it, so a new way of reaching routers is a field
 * here and a record in that driver, never a new component of {@link DeviceSpec}.
 */
final class AccessFields {
  private AccessFields() {}

  /** The access fields, in the order of the "Devices" table of docs/inventory.md. */
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

  static final List<Field<?>> FIELDS = List.of(JUMP, SSH_ALGORITHMS);

  /** {@code fields} followed by the access fields. */
  static Field<?>[] appendedTo(Field<?>... fields) {
    List<Field<?>> all = new ArrayList<>(Arrays.asList(fields));
    all.addAll(FIELDS);
    return all.toArray(Field<?>[]::new);
  }

  /** The typed options of the access fields that are set (valid values). */
  static SessionOptions options(Values v) {
    SessionOptions o = SessionOptions.NONE;
    if (v.has(JUMP) && !v.get(JUMP).isEmpty()) {
      o = o.with(JumpHosts.class, v.get(JUMP));
    }
    if (v.has(SSH_ALGORITHMS) && !v.get(SSH_ALGORITHMS).isEmpty()) {
      o = o.with(AlgorithmPolicy.class, v.get(SSH_ALGORITHMS));
    }
    return o;
  }
}
