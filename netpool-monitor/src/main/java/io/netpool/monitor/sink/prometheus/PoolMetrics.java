package io.netpool.monitor.sink.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netpool.pool.Device;
import io.netpool.pool.EvictionReason;
import io.netpool.pool.PoolException;
import io.netpool.pool.PoolListener;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.PoolSnapshot.Counts;
import io.netpool.pool.PoolSnapshot.DeviceSnapshot;
import io.netpool.pool.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Pool metrics from the core's {@link PoolListener} events and {@link PoolSnapshot}s, per device
 * and protocol (names in docs/observability.md).
 *
 * <p>Unlike the original's collector: every meter is per device and protocol, not global; labels
 * are device ids, protocol names and enum names only (never exception text or numbers), so their
 * number is bounded by the inventory; meters are Micrometer's lock-free counters and timers (no
 * global lock); session gauges are read from the pool's own snapshot, never kept by adding and
 * subtracting, so they cannot drift or double count; timers keep count, sum and max rather than a
 * last value.
 *
 * <p>Gauges are read from one snapshot taken by {@link #refresh()}, which {@link
 * #register(MetricsRegistry, Supplier)} arranges before every scrape; it also adds gauges for
 * devices that appeared and removes them for devices the pool no longer has.
 */
public final class PoolMetrics implements PoolListener {

  private final MeterRegistry registry;
  private final Supplier<PoolSnapshot> snapshots;
  private volatile Current current = new Current(null, Map.of());
  private final Map<Key, List<Meter>> deviceGauges = new HashMap<>(); // guarded by this

  /**
   * @param registry where to register
   * @param snapshots the pool's state for gauges, or null for events only
   */
  public PoolMetrics(MeterRegistry registry, Supplier<PoolSnapshot> snapshots) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.snapshots = snapshots;
    if (snapshots != null) {
      registerGlobalGauges();
    }
  }

  /**
   * Pool metrics in {@code metrics}, gauges refreshed before each scrape. Add the result to the
   * pool with {@code PoolConfig}'s listeners.
   */
  public static PoolMetrics register(MetricsRegistry metrics, Supplier<PoolSnapshot> snapshots) {
    PoolMetrics m = new PoolMetrics(metrics.registry(), snapshots);
    if (snapshots != null) {
      metrics.beforeScrape(m::refresh);
    }
    return m;
  }

  /** Takes one snapshot for all gauges and syncs the set of per-device gauges with it. */
  public void refresh() {
    if (snapshots == null) {
      return;
    }
    PoolSnapshot snap = snapshots.get();
    Map<Key, DeviceSnapshot> byKey = new HashMap<>();
    if (snap != null) {
      for (DeviceSnapshot d : snap.devices()) {
        byKey.put(new Key(d.deviceId(), d.protocol().name()), d);
      }
    }
    current = new Current(snap, byKey);
    synchronized (this) {
      Set<Key> gone = new HashSet<>(deviceGauges.keySet());
      gone.removeAll(byKey.keySet());
      for (Key k : gone) {
        deviceGauges.remove(k).forEach(registry::remove);
      }
      for (Key k : byKey.keySet()) {
        deviceGauges.computeIfAbsent(k, this::registerDeviceGauges);
      }
    }
  }

  // ---- events

  @Override
  public void sessionCreated(Device device, Protocol protocol, Duration took) {
    counter(
            "netpool.pool.sessions.opened",
            "sessions opened (not _created: Prometheus reserves that suffix)",
            device,
            protocol)
        .increment();
    timer("netpool.pool.session.create.duration", "time to open a session", device, protocol)
        .record(took);
  }

  @Override
  public void sessionCreateFailed(Device device, Protocol protocol, Throwable cause) {
    counter(
            "netpool.pool.session.create.failures",
            "session creations that failed (connect, auth, host key...)",
            device,
            protocol)
        .increment();
  }

  @Override
  public void sessionCreateTimedOut(Device device, Protocol protocol, Duration timeout) {
    counter(
            "netpool.pool.session.create.timeouts",
            "session creations abandoned at the create timeout",
            device,
            protocol)
        .increment();
  }

  @Override
  public void sessionAcquired(Device device, Protocol protocol, Duration waited) {
    timer(
            "netpool.pool.acquire.wait",
            "wait for a session by successful acquires; the count is the number of acquires",
            device,
            protocol)
        .record(waited);
  }

  @Override
  public void acquireFailed(Device device, Protocol protocol, PoolException failure) {
    Counter.builder("netpool.pool.acquire.failures")
        .description("acquires that failed, by exception type")
        .tags(tags(device, protocol).and("exception", exceptionType(failure)))
        .register(registry)
        .increment();
  }

  @Override
  public void sessionReturned(Device device, Protocol protocol, Duration held) {
    timer(
            "netpool.pool.session.hold",
            "how long borrowers held a session; the count is the number of returns",
            device,
            protocol)
        .record(held);
  }

  @Override
  public void sessionInvalidated(Device device, Protocol protocol, Throwable cause) {
    counter(
            "netpool.pool.sessions.invalidated",
            "sessions discarded as broken by their borrower",
            device,
            protocol)
        .increment();
  }

  @Override
  public void sessionEvicted(Device device, Protocol protocol, EvictionReason reason) {
    Counter.builder("netpool.pool.sessions.evicted")
        .description("sessions closed by the pool, by reason")
        .tags(tags(device, protocol).and("reason", lower(reason)))
        .register(registry)
        .increment();
  }

  @Override
  public void sessionClosed(Device device, Protocol protocol) {
    counter("netpool.pool.sessions.closed", "session drivers closed", device, protocol).increment();
  }

  @Override
  public void healthCheckFailed(Device device, Protocol protocol, Throwable cause) {
    counter(
            "netpool.pool.health.check.failures",
            "health checks or validations that failed",
            device,
            protocol)
        .increment();
  }

  @Override
  public void leakSuspected(Device device, Protocol protocol, Duration held, Throwable acquiredAt) {
    counter(
            "netpool.pool.leaks.suspected",
            "leases held longer than the leak threshold (once per lease)",
            device,
            protocol)
        .increment();
  }

  @Override
  public void rebuildQueued(Device device, Protocol protocol) {
    counter("netpool.pool.rebuilds.queued", "broken sessions queued for rebuild", device, protocol)
        .increment();
  }

  @Override
  public void rebuildDone(Device device, Protocol protocol, boolean replaced) {
    Counter.builder("netpool.pool.rebuilds")
        .description("rebuilds done; replaced=true when a successor was requested")
        .tags(tags(device, protocol).and("replaced", Boolean.toString(replaced)))
        .register(registry)
        .increment();
  }

  @Override
  public void circuitOpened(Device device, Protocol protocol, int failures) {
    counter(
            "netpool.pool.circuit.opens",
            "times the device's circuit opened after failed creations",
            device,
            protocol)
        .increment();
  }

  @Override
  public void circuitClosed(Device device, Protocol protocol) {
    counter("netpool.pool.circuit.closes", "times the device's circuit closed", device, protocol)
        .increment();
  }

  // ---- helpers

  private Counter counter(String name, String help, Device device, Protocol protocol) {
    return Counter.builder(name).description(help).tags(tags(device, protocol)).register(registry);
  }

  private Timer timer(String name, String help, Device device, Protocol protocol) {
    return Timer.builder(name).description(help).tags(tags(device, protocol)).register(registry);
  }

  static Tags tags(Device device, Protocol protocol) {
    return Tags.of(
        "device", device == null ? "unknown" : device.id(),
        "protocol", protocol == null ? "unknown" : protocol.name());
  }

  private static String lower(Enum<?> e) {
    return e == null ? "unknown" : e.name().toLowerCase(Locale.ROOT);
  }

  /** The failure's class name: one of the pool's few exception types (bounded). */
  static String exceptionType(PoolException failure) {
    if (failure == null) {
      return "unknown";
    }
    String name = failure.getClass().getSimpleName();
    return name.isEmpty() ? "PoolException" : name;
  }

  private void registerGlobalGauges() {
    globalGauge("netpool.pool.sessions", "live sessions, all devices", Counts::total);
    globalGauge("netpool.pool.sessions.idle", "idle sessions, all devices", Counts::idle);
    globalGauge("netpool.pool.sessions.in.use", "sessions lent out, all devices", Counts::inUse);
    globalGauge(
        "netpool.pool.sessions.creating", "creations in progress, all devices", Counts::creating);
    globalGauge("netpool.pool.pending", "borrowers waiting, all devices", Counts::pending);
    Gauge.builder(
            "netpool.pool.sessions.max",
            this,
            m -> m.current.snapshot == null ? Double.NaN : m.current.snapshot.maxSessionsTotal())
        .description("the pool's global session cap")
        .register(registry);
    FunctionCounter.builder(
            "netpool.pool.events.dropped",
            this,
            m -> m.current.snapshot == null ? 0 : m.current.snapshot.droppedEvents())
        .description("listener events the pool dropped because its event queue was full")
        .register(registry);
  }

  private void globalGauge(String name, String help, ToDoubleFunction<Counts> f) {
    Gauge.builder(
            name,
            this,
            m ->
                m.current.snapshot == null
                    ? Double.NaN
                    : f.applyAsDouble(m.current.snapshot.totals()))
        .description(help)
        .register(registry);
  }

  private List<Meter> registerDeviceGauges(Key key) {
    List<Meter> meters = new ArrayList<>();
    Tags tags = Tags.of("device", key.device(), "protocol", key.protocol());
    meters.add(
        deviceGauge(
            "netpool.pool.device.sessions", "live sessions", key, tags, d -> d.counts().total()));
    meters.add(
        deviceGauge(
            "netpool.pool.device.sessions.idle",
            "idle sessions",
            key,
            tags,
            d -> d.counts().idle()));
    meters.add(
        deviceGauge(
            "netpool.pool.device.sessions.in.use",
            "sessions lent out",
            key,
            tags,
            d -> d.counts().inUse()));
    meters.add(
        deviceGauge(
            "netpool.pool.device.sessions.creating",
            "creations in progress",
            key,
            tags,
            d -> d.counts().creating()));
    meters.add(
        deviceGauge(
            "netpool.pool.device.pending",
            "borrowers waiting",
            key,
            tags,
            d -> d.counts().pending()));
    meters.add(
        deviceGauge(
            "netpool.pool.device.sessions.max",
            "the device's effective session cap",
            key,
            tags,
            DeviceSnapshot::cap));
    meters.add(
        deviceGauge(
            "netpool.pool.device.circuit",
            "circuit breaker: 0 closed, 1 open, 2 half-open",
            key,
            tags,
            d ->
                switch (d.circuit()) {
                  case CLOSED -> 0;
                  case OPEN -> 1;
                  case HALF_OPEN -> 2;
                }));
    meters.add(
        deviceGauge(
            "netpool.pool.device.consecutive.failures",
            "failed session creations in a row",
            key,
            tags,
            DeviceSnapshot::consecutiveFailures));
    return meters;
  }

  private Meter deviceGauge(
      String name, String help, Key key, Tags tags, ToDoubleFunction<DeviceSnapshot> f) {
    return Gauge.builder(
            name,
            this,
            m -> {
              DeviceSnapshot d = m.current.byKey.get(key);
              return d == null ? Double.NaN : f.applyAsDouble(d);
            })
        .description(help)
        .tags(tags)
        .register(registry);
  }

  private record Key(String device, String protocol) {}

  private record Current(PoolSnapshot snapshot, Map<Key, DeviceSnapshot> byKey) {}
}
