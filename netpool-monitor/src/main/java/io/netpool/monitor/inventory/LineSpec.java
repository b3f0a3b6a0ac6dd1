package io.netpool.monitor.inventory;

import io.netpool.probe.ping.PingRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dedicated line from {@code monitor.yml}: ping {@link #target} from the device {@link #router}
 * every {@link #interval}. Validated and with defaults applied.
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
    Map<String, String> tags) {

  public LineSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    tags =
        tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
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
