package io.netpool.monitor.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.Device;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.EvictionReason;
import io.netpool.pool.PoolClosedException;
import io.netpool.pool.PoolSnapshot;
import io.netpool.pool.PoolSnapshot.Circuit;
import io.netpool.pool.PoolSnapshot.Counts;
import io.netpool.pool.PoolSnapshot.DeviceSnapshot;
import io.netpool.pool.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

  private static final Device R1 = Device.of("r1", "10.0.0.1", "cisco_iosxe");
  private static final Device R2 = Device.of("r2", "10.0.0.2", "huawei_vrp");

  private final MetricsRegistry metrics = new MetricsRegistry();
  private final AtomicReference<PoolSnapshot> snapshot =
      new AtomicReference<>(
          snapshot(
              device("r1", Protocol.SSH, new Counts(3, 1, 2, 0, 1), Circuit.CLOSED),
              device("r2", Protocol.CLI, new Counts(1, 0, 0, 1, 4), Circuit.OPEN)));
  private final PoolMetrics pool = PoolMetrics.register(metrics, snapshot::get);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void countsEveryEventPerDeviceAndProtocol() {
    pool.sessionCreated(R1, Protocol.SSH, Duration.ofMillis(250));
    pool.sessionCreated(R1, Protocol.SSH, Duration.ofMillis(750));
    pool.sessionCreated(R2, Protocol.CLI, Duration.ofMillis(100));
    pool.sessionCreateFailed(
        R2, Protocol.CLI, new IOException("Connection refused to 10.0.0.2 port 22"));
    pool.sessionCreateTimedOut(R2, Protocol.CLI, Duration.ofSeconds(10));
    pool.sessionAcquired(R1, Protocol.SSH, Duration.ZERO);
    pool.sessionAcquired(R1, Protocol.SSH, Duration.ofMillis(500));
    pool.acquireFailed(
        R2,
        Protocol.CLI,
        new AcquireTimeoutException(
            R2,
            Protocol.CLI,
            Duration.ofSeconds(5),
            AcquireTimeoutException.Reason.values()[0],
            null));
    pool.acquireFailed(
        R2,
        Protocol.CLI,
        new DeviceUnavailableException(
            R2,
            Protocol.CLI,
            5,
            Duration.ofSeconds(30),
            new IOException("auth failed for 'netops'")));
    pool.acquireFailed(R2, Protocol.CLI, new PoolClosedException(R2, Protocol.CLI));
    pool.sessionReturned(R1, Protocol.SSH, Duration.ofSeconds(2));
    pool.sessionInvalidated(R1, Protocol.SSH, new IOException("broken pipe"));
    pool.sessionEvicted(R1, Protocol.SSH, EvictionReason.IDLE);
    pool.sessionEvicted(R1, Protocol.SSH, EvictionReason.IDLE);
    pool.sessionEvicted(R1, Protocol.SSH, EvictionReason.MAX_USES);
    pool.sessionClosed(R1, Protocol.SSH);
    pool.healthCheckFailed(R1, Protocol.SSH, new IOException("timeout after 1234 ms"));
    pool.leakSuspected(R1, Protocol.SSH, Duration.ofMinutes(5), new Throwable("acquired here"));
    pool.rebuildQueued(R1, Protocol.SSH);
    pool.rebuildDone(R1, Protocol.SSH, true);
    pool.circuitOpened(R2, Protocol.CLI, 5);
    pool.circuitClosed(R2, Protocol.CLI);

    ScrapeText s = new ScrapeText(metrics.scrape());
    String[] r1 = {"device", "r1", "protocol", "ssh"};
    String[] r2 = {"device", "r2", "protocol", "cli"};
    assertThat(s.value("netpool_pool_sessions_opened_total", r1)).hasValue(2);
    assertThat(s.value("netpool_pool_sessions_opened_total", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_session_create_duration_seconds_count", r1)).hasValue(2);
    assertThat(s.value("netpool_pool_session_create_duration_seconds_sum", r1)).hasValue(1.0);
    assertThat(s.value("netpool_pool_session_create_duration_seconds_max", r1)).hasValue(0.75);
    assertThat(s.value("netpool_pool_session_create_failures_total", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_session_create_timeouts_total", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_acquire_wait_seconds_count", r1)).hasValue(2);
    assertThat(s.value("netpool_pool_acquire_wait_seconds_sum", r1)).hasValue(0.5);
    assertThat(
            s.value("netpool_pool_acquire_failures_total", "exception", "AcquireTimeoutException"))
        .hasValue(1);
    assertThat(
            s.value(
                "netpool_pool_acquire_failures_total", "exception", "DeviceUnavailableException"))
        .hasValue(1);
    assertThat(s.value("netpool_pool_acquire_failures_total", "exception", "PoolClosedException"))
        .hasValue(1);
    assertThat(s.value("netpool_pool_session_hold_seconds_count", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_session_hold_seconds_sum", r1)).hasValue(2.0);
    assertThat(s.value("netpool_pool_sessions_invalidated_total", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_sessions_evicted_total", "reason", "idle")).hasValue(2);
    assertThat(s.value("netpool_pool_sessions_evicted_total", "reason", "max_uses")).hasValue(1);
    assertThat(s.value("netpool_pool_sessions_closed_total", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_health_check_failures_total", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_leaks_suspected_total", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_rebuilds_queued_total", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_rebuilds_total", "replaced", "true")).hasValue(1);
    assertThat(s.value("netpool_pool_circuit_opens_total", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_circuit_closes_total", r2)).hasValue(1);

    // labels: ids, protocol names, enum names and exception class names only; no message text
    Set<String> allowedLabels = Set.of("device", "protocol", "exception", "reason", "replaced");
    for (ScrapeText.Sample sample : s.samples) {
      assertThat(allowedLabels).containsAll(sample.labels().keySet());
      assertThat(sample.labels().values())
          .allSatisfy(v -> assertThat(v).matches("[A-Za-z0-9_.-]+"));
    }
    assertThat(s.text)
        .doesNotContain("refused", "netops", "broken pipe", "1234", "acquired here", "10.0.0");
  }

  @Test
  void gaugesComeFromTheSnapshotPerDeviceAndGlobal() {
    ScrapeText s = new ScrapeText(metrics.scrape());
    String[] r1 = {"device", "r1", "protocol", "ssh"};
    String[] r2 = {"device", "r2", "protocol", "cli"};
    assertThat(s.value("netpool_pool_device_sessions", r1)).hasValue(3);
    assertThat(s.value("netpool_pool_device_sessions_idle", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_device_sessions_in_use", r1)).hasValue(2);
    assertThat(s.value("netpool_pool_device_sessions_creating", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_device_pending", r2)).hasValue(4);
    assertThat(s.value("netpool_pool_device_sessions_max", r1)).hasValue(4);
    assertThat(s.value("netpool_pool_device_circuit", r1)).hasValue(0);
    assertThat(s.value("netpool_pool_device_circuit", r2)).hasValue(1);
    assertThat(s.value("netpool_pool_device_consecutive_failures", r2)).hasValue(7);
    assertThat(s.value("netpool_pool_sessions")).hasValue(4);
    assertThat(s.value("netpool_pool_sessions_idle")).hasValue(1);
    assertThat(s.value("netpool_pool_sessions_in_use")).hasValue(2);
    assertThat(s.value("netpool_pool_sessions_creating")).hasValue(1);
    assertThat(s.value("netpool_pool_pending")).hasValue(5);
    assertThat(s.value("netpool_pool_sessions_max")).hasValue(16);
    assertThat(s.value("netpool_pool_events_dropped_total")).hasValue(2);
    assertThat(s.help("netpool_pool_device_circuit")).contains("0 closed, 1 open, 2 half-open");

    // the numbers follow the pool; a device the pool no longer has loses its gauges
    snapshot.set(
        snapshot(device("r1", Protocol.SSH, new Counts(1, 1, 0, 0, 0), Circuit.HALF_OPEN)));
    s = new ScrapeText(metrics.scrape());
    assertThat(s.value("netpool_pool_device_sessions", r1)).hasValue(1);
    assertThat(s.value("netpool_pool_device_circuit", r1)).hasValue(2);
    assertThat(s.find("netpool_pool_device_sessions", r2)).isEmpty();
    assertThat(s.value("netpool_pool_sessions")).hasValue(1);
  }

  @Test
  void withoutSnapshotsOnlyEvents() {
    MetricsRegistry m = new MetricsRegistry();
    PoolMetrics events = PoolMetrics.register(m, null);
    events.sessionCreated(R1, Protocol.SSH, Duration.ofMillis(1));
    ScrapeText s = new ScrapeText(m.scrape());
    assertThat(s.value("netpool_pool_sessions_opened_total", "device", "r1")).hasValue(1);
    assertThat(s.find("netpool_pool_sessions")).isEmpty();
    m.close();
  }

  private static DeviceSnapshot device(String id, Protocol p, Counts c, Circuit circuit) {
    return new DeviceSnapshot(
        id, p, 4, c, circuit, circuit == Circuit.OPEN ? 7 : 0, "secret-free text", List.of());
  }

  private static PoolSnapshot snapshot(DeviceSnapshot... devices) {
    Counts total = Counts.ZERO;
    for (DeviceSnapshot d : devices) {
      total = total.plus(d.counts());
    }
    return new PoolSnapshot(Instant.now(), false, 16, total, List.of(devices), 10, 6, 2);
  }
}
