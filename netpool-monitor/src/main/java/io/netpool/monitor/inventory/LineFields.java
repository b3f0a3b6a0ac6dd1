package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingRequest;
import java.time.Duration;
import java.util.Map;

/** The fields of a line in {@code monitor.yml}: the "Lines" table of docs/inventory.md. */
public final class LineFields {
  private LineFields() {}

  public static final Field<String> ID =
      Field.of("id", Fields.id())
          .required()
          .ownOnly()
          .help("unique id (same characters as device ids)");
  public static final Field<String> ROUTER =
      Field.of("router", Fields.id())
          .required()
          .help("id of the device that runs the ping; must be a device of this file");
  public static final Field<String> TARGET =
      Field.of("target", Fields.target()).required().help("the line peer's IPv4 or IPv6 address");
  public static final Field<String> SOURCE =
      Field.of("source", Fields.source())
          .docDefault("none")
          .help("source interface (`Loopback0`, `GigabitEthernet0/0/1`) or address");
  public static final Field<String> VRF =
      Field.of("vrf", Fields.vrf())
          .docDefault("none")
          .help(
              "VRF / vpn-instance / routing-instance name (letters, digits, `_ . : / -`, up to"
                  + " 64)");
  public static final Field<Integer> REPEAT =
      Field.of("repeat", Fields.integer(PingRequest.MIN_COUNT, PingRequest.MAX_COUNT))
          .orElse(LineSpec.DEFAULT_REPEAT)
          .help("probes per check, 1..10000");
  public static final Field<Duration> TIMEOUT =
      Field.of("timeout", Fields.duration(PingRequest.MIN_TIMEOUT, PingRequest.MAX_TIMEOUT))
          .orElse(LineSpec.DEFAULT_TIMEOUT)
          .help(
              "per-probe reply timeout, > 0 and at most `1h` (Huawei and H3C get it in"
                  + " milliseconds, the others in seconds rounded up)");
  public static final Field<Integer> SIZE =
      Field.of("size", Fields.integer(PingRequest.MIN_SIZE, PingRequest.MAX_SIZE))
          .docDefault("platform default")
          .help("payload bytes, 0..65000");
  public static final Field<Duration> INTERVAL =
      Field.of("interval", Fields.duration(LineSpec.MIN_INTERVAL, null))
          .orElse(LineSpec.DEFAULT_INTERVAL)
          .help("time between checks, at least `1s`");
  public static final Field<Map<String, String>> TAGS =
      Field.of("tags", Fields.tags())
          .orElse(Map.of())
          .merged(Fields::mergeTags)
          .docDefault("none")
          .help("as for devices");
  public static final Field<String> ZABBIX_HOST =
      Field.of("zabbix_host", Fields.zabbixHost())
          .ownOnly()
          .docDefault("the line id")
          .help(
              "technical name (`host.host`) of the Zabbix host its values go to (letters, digits,"
                  + " space, `_ . -`; no default in `defaults.line`)");

  public static final Field<Integer> DOWN_AFTER =
      Field.of("down_after", Fields.integer(1, StatePolicy.MAX_CHECKS))
          .orElse(StatePolicy.DEFAULT_DOWN_AFTER)
          .help(
              "checks in a row that must fail to be ok before an up line leaves `up` (and that"
                  + " must agree before it changes between `down`, `degraded` and `unknown`),"
                  + " 1..100");
  public static final Field<Integer> UP_AFTER =
      Field.of("up_after", Fields.integer(1, StatePolicy.MAX_CHECKS))
          .orElse(StatePolicy.DEFAULT_UP_AFTER)
          .help("ok checks in a row before a line is `up` again, 1..100");
  public static final Field<Integer> FLAP_CHANGES =
      Field.of("flap_changes", Fields.offOrInteger(2, StatePolicy.MAX_FLAP_CHANGES))
          .orElse(StatePolicy.DEFAULT_FLAP_CHANGES)
          .help(
              "state changes within `flap_window` that make the line `flapping`; 0 = never,"
                  + " else 2..1000");
  public static final Field<Duration> FLAP_WINDOW =
      Field.of("flap_window", Fields.duration(Duration.ofSeconds(1), null))
          .orElse(StatePolicy.DEFAULT_FLAP_WINDOW)
          .help("the window of `flap_changes`, at least `1s`");

  /** The table. */
  public static final Section SECTION =
      Section.of(
          ID,
          ROUTER,
          TARGET,
          SOURCE,
          VRF,
          REPEAT,
          TIMEOUT,
          SIZE,
          INTERVAL,
          TAGS,
          ZABBIX_HOST,
          DOWN_AFTER,
          UP_AFTER,
          FLAP_CHANGES,
          FLAP_WINDOW,
          ProbeFields.PROBE,
          ProbeFields.OPERATION,
          ProbeFields.OWNER,
          ProbeFields.ADMIN,
          ProbeFields.TEST,
          ProbeFields.FREQUENCY);

  /** The line of valid values. */
  static LineSpec build(Values v) {
    return new LineSpec(
        v.get(ID),
        v.get(ROUTER),
        v.get(TARGET),
        v.get(SOURCE),
        v.get(VRF),
        v.get(REPEAT),
        v.get(TIMEOUT),
        v.get(SIZE),
        v.get(INTERVAL),
        v.get(TAGS),
        v.has(ZABBIX_HOST) ? new ZabbixRoute(v.get(ZABBIX_HOST), null) : null,
        new StatePolicy(
            v.get(DOWN_AFTER), v.get(UP_AFTER), v.get(FLAP_CHANGES), v.get(FLAP_WINDOW)),
        ProbeFields.selection(v));
  }
}
