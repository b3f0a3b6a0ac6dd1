package io.netpool.pool;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of the pool at one moment. Counts are read without stopping the pool, so they
 * are each exact but not a single atomic cut across devices.
 *
 * @param takenAt when the view was taken
 * @param closed whether the pool is closed
 * @param maxSessionsTotal the global cap
 * @param totals counts over all devices and protocols
 * @param devices one entry per device and protocol the pool has seen
 * @param sessionsCreated sessions opened since the pool started
 * @param sessionsClosed sessions closed since the pool started; {@code sessionsCreated -
 *     sessionsClosed} is the number of live sessions
 * @param droppedEvents listener events dropped because the event queue was full
 */
public record PoolSnapshot(
    Instant takenAt,
    boolean closed,
    int maxSessionsTotal,
    Counts totals,
    List<DeviceSnapshot> devices,
    long sessionsCreated,
    long sessionsClosed,
    long droppedEvents) {

  public PoolSnapshot {
    devices = List.copyOf(devices);
  }

  /** Counts per protocol. */
  public Map<Protocol, Counts> byProtocol() {
    Map<Protocol, Counts> out = new LinkedHashMap<>();
    for (DeviceSnapshot d : devices) {
      out.merge(d.protocol(), d.counts(), Counts::plus);
    }
    return Map.copyOf(out);
  }

  /** The entry for one device and protocol, if the pool has seen it. */
  public Optional<DeviceSnapshot> device(String deviceId, Protocol protocol) {
    return devices.stream()
        .filter(d -> d.deviceId().equals(deviceId) && d.protocol() == protocol)
        .findFirst();
  }

  /**
   * Session counts.
   *
   * @param total live sessions (idle, in use, being checked or rebuilt, closing)
   * @param idle sessions ready to lend
   * @param inUse sessions lent out
   * @param creating creations in progress
   * @param pending borrowers waiting
   */
  public record Counts(int total, int idle, int inUse, int creating, int pending) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
      return new Counts(
          total + o.total,
          idle + o.idle,
          inUse + o.inUse,
          creating + o.creating,
          pending + o.pending);
    }
  }

  /** A device's circuit breaker. */
  public enum Circuit {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /**
   * One device and protocol.
   *
   * @param deviceId the device id
   * @param protocol the protocol
   * @param cap the effective per-device cap
   * @param counts session counts
   * @param circuit circuit breaker state
   * @param consecutiveFailures failed creations in a row
   * @param lastFailure text of the last creation failure, or null
   * @param sessions each live session
   */
  public record DeviceSnapshot(
      String deviceId,
      Protocol protocol,
      int cap,
      Counts counts,
      Circuit circuit,
      int consecutiveFailures,
      String lastFailure,
      List<SessionSnapshot> sessions) {
    public DeviceSnapshot {
      sessions = List.copyOf(sessions);
    }
  }

  /**
   * One session.
   *
   * @param id pool-unique session number
   * @param state its state
   * @param createdAt when it was opened
   * @param lastUsedAt when it was last lent or returned (coarse, housekeeping resolution)
   * @param uses how many times it was lent
   */
  public record SessionSnapshot(
      long id, ConnectionState state, Instant createdAt, Instant lastUsedAt, long uses) {}
}
