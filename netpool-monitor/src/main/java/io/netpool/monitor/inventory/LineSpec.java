package io.netpool.monitor.inventory;

import io.netpool.monitor.ping.PingRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dedicated line, from {@code monitor.yml} or discovered in Zabbix: ping {@link #target} from the
 * device {@link #router} every {@link #interval}. Validated and with defaults applied.
 *
 * @param id unique line id
 * @param router id of the device that runs the ping (always a device of the same inventory)
 * @param target IPv4 or IPv6 address of the line's peer
 * @param source source interface or address, or null
 * @param vrf VRF / vpn-instance / routing-instance, or null
 * @param repeat probes per check
 * @param timeout per-probe reply timeout
 * @param size payload bytes, or null for the platform's default
 * @param interval time between checks
 * @param tags free labels (a YAML list becomes keys with empty values)
 * @param zabbix where its values go in Zabbix, or null for the default: the Zabbix host named like
 *     the line id, at the default destination
 * @param state when its state changes (hysteresis and flapping)
 * @param probes which probe types it runs and what they read ({@link ProbeSelection#PING_ONLY} when
 *     null)
 */
public record LineSpec(
    String id,
    String router,
    String target,
    String source,
    String vrf,
    int repeat,
    Duration timeout,
    Integer size,
    Duration interval,
    Map<String, String> tags,
    ZabbixRoute zabbix,
    StatePolicy state,
    ProbeSelection probes) {

  /** Default probes per check. */
  public static final int DEFAULT_REPEAT = 5;

  /** Default per-probe timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Default interval between checks (the original's default: 3 minutes). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

  /** The shortest interval accepted. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public LineSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    state = state == null ? StatePolicy.DEFAULT : state;
    probes = probes == null ? ProbeSelection.PING_ONLY : probes;
    tags =
        tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A line whose values go to the Zabbix host named like the line, at the default destination. */
  public LineSpec(
      String id,
      String router,
      String target,
      String source,
      String vrf,
      int repeat,
      Duration timeout,
      Integer size,
      Duration interval,
      Map<String, String> tags) {
    this(id, router, target, source, vrf, repeat, timeout, size, interval, tags, null, null, null);
  }

  /** A line with the default state policy. */
  public LineSpec(
      String id,
      String router,
      String target,
      String source,
      String vrf,
      int repeat,
      Duration timeout,
      Integer size,
      Duration interval,
      Map<String, String> tags,
      ZabbixRoute zabbix) {
    this(
        id, router, target, source, vrf, repeat, timeout, size, interval, tags, zabbix, null, null);
  }

  /** A ping-only line. */
  public LineSpec(
      String id,
      String router,
      String target,
      String source,
      String vrf,
      int repeat,
      Duration timeout,
      Integer size,
      Duration interval,
      Map<String, String> tags,
      ZabbixRoute zabbix,
      StatePolicy state) {
    this(
        id, router, target, source, vrf, repeat, timeout, size, interval, tags, zabbix, state,
        null);
  }

  /** Where this line's values go: {@link #zabbix}, or the host named like the line id. */
  public ZabbixRoute zabbixRoute() {
    return zabbix != null ? zabbix : new ZabbixRoute(id, null);
  }

  /** This line with another Zabbix route (null: the default). */
  public LineSpec withZabbix(ZabbixRoute route) {
    return new LineSpec(
        id, router, target, source, vrf, repeat, timeout, size, interval, tags, route, state,
        probes);
  }

  /** This line with other probe types (null: ping only). */
  public LineSpec withProbes(ProbeSelection selection) {
    return new LineSpec(
        id, router, target, source, vrf, repeat, timeout, size, interval, tags, zabbix, state,
        selection);
  }

  /** What to send to the router's ping command builder. */
  public PingRequest pingRequest() {
    return new PingRequest(target, repeat, timeout, source, vrf, size);
  }

  /** The longest a check can take when no reply comes: {@code repeat × timeout}. */
  public Duration worstCase() {
    return timeout.multipliedBy(repeat);
  }
}
