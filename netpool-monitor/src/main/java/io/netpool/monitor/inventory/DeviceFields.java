package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingPlatform;
import io.netpool.pool.Protocol;
import io.netpool.ssh.platform.PlatformRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The fields of a device in {@code monitor.yml}: the "Devices" table of docs/inventory.md. */
public final class DeviceFields {
  private DeviceFields() {}

  public static final Field<String> ID =
      Field.of("id", Fields.id())
          .required()
          .ownOnly()
          .help("unique id, 1..128 of letters, digits and `_ . : / @ + -`");
  public static final Field<String> HOST =
      Field.of("host", Fields.host())
          .required()
          .help(
              "host name or IP address (v4 or v6; v6 also in brackets, `[2001:db8::1]`) to connect to");
  public static final Field<Integer> PORT =
      Field.of("port", Fields.integer(DeviceSpec.MIN_PORT, DeviceSpec.MAX_PORT))
          .orElse(DeviceSpec.DEFAULT_PORT)
          .help("SSH port, 1..65535");
  public static final Field<PingPlatform> PLATFORM =
      Field.of("platform", Fields.platform())
          .required()
          .help(
              "the name or an alias of a platform profile with a `ping:` block: "
                  + PlatformRegistry.shipped().names().stream()
                      .map(n -> "`" + n + "`")
                      .collect(Collectors.joining(", "))
                  + " ship with netpool (aliases such as `iosxe`, `nxos`, `vrp`, `junos`, `eos`"
                  + " are accepted); more from `platforms_dir` or `NETPOOL_PLATFORMS_DIR`");
  public static final Field<Protocol> PROTOCOL =
      Field.of("protocol", Fields.deviceProtocol())
          .orElse(DeviceSpec.DEFAULT_PROTOCOL)
          .help(
              "`ssh` (one exec channel per command) or `cli` (interactive shell with a PTY);"
                  + " `scrapli` is an alias of `cli`; `telnet`: the `cli` shell over Telnet"
                  + " (password in clear text: only on the device itself, never in `defaults:`)");
  public static final Field<String> USERNAME =
      Field.of("username", Fields.nonBlank()).required().help("login name");
  public static final Field<SecretRef> PASSWORD =
      Field.of("password", Fields.secret())
          .docRequired("yes, unless `private_key`")
          .help("a secret reference (below)");
  public static final Field<SecretRef> ENABLE_SECRET =
      Field.of("enable_secret", Fields.secret())
          .docDefault("none")
          .help("a secret reference, for platforms whose privileged mode needs one");
  public static final Field<Path> PRIVATE_KEY =
      Field.of("private_key", Fields.privateKey())
          .docDefault("none")
          .help(
              "path of a private key file (relative: to the inventory's folder); must be"
                  + " readable");
  public static final Field<Integer> MAX_SESSIONS =
      Field.of("max_sessions", Fields.integer(0, DeviceSpec.MAX_SESSIONS))
          .orElse(0)
          .help(
              "the device's own session cap (e.g. its vty lines), 0..10000; 0 = only the pool's"
                  + " per-device cap");
  public static final Field<HostKeyPolicy> HOST_KEY =
      Field.of("host_key", Fields.hostKey())
          .orElse(DeviceSpec.DEFAULT_HOST_KEY)
          .help(
              "`strict` (key must be in known_hosts), `accept-new` (trust on first use, a changed"
                  + " key is still rejected) or `off`");
  public static final Field<Map<String, String>> TAGS =
      Field.of("tags", Fields.tags())
          .orElse(Map.of())
          .merged(Fields::mergeTags)
          .docDefault("none")
          .help(
              "a list (`[lab, v6]`, each becomes a key with an empty value) or a mapping (`{site:"
                  + " bj}`) of scalars");

  public static final Field<String> ZABBIX_HOST =
      Field.of("zabbix_host", Fields.zabbixHost())
          .ownOnly()
          .docDefault("none")
          .help(
              "the router's own Zabbix host (template `netpool router`): its failures raise one"
                  + " problem there instead of one per line (docs/zabbix.md, \"Router problems\")");

  /** The table. */
  public static final Section SECTION =
      Section.of(
          AccessFields.appendedTo(
              ID,
              HOST,
              PORT,
              PLATFORM,
              PROTOCOL,
              USERNAME,
              PASSWORD,
              ENABLE_SECRET,
              PRIVATE_KEY,
              MAX_SESSIONS,
              HOST_KEY,
              TAGS,
              ZABBIX_HOST));

  /** The device of valid values. */
  static DeviceSpec build(Values v) {
    return new DeviceSpec(
        v.get(ID),
        v.get(HOST),
        v.get(PORT),
        v.get(PLATFORM),
        v.get(PROTOCOL),
        v.get(USERNAME),
        v.get(PASSWORD),
        v.get(ENABLE_SECRET),
        v.get(PRIVATE_KEY),
        v.get(MAX_SESSIONS),
        v.get(HOST_KEY),
        v.get(TAGS),
        v.has(ZABBIX_HOST) ? v.get(ZABBIX_HOST) : null,
        AccessFields.options(v));
  }
}
