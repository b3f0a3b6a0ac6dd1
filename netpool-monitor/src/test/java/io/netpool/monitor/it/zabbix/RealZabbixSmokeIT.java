package io.netpool.monitor.it.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.ping.PingResult;
import io.netpool.monitor.ping.PingStatus;
import io.netpool.monitor.zabbix.delivery.SenderResponse;
import io.netpool.monitor.zabbix.delivery.TrapperQueue;
import io.netpool.monitor.zabbix.delivery.TrapperQueueConfig;
import io.netpool.monitor.zabbix.delivery.ZabbixItemKeys;
import io.netpool.monitor.zabbix.delivery.ZabbixSender;
import io.netpool.monitor.zabbix.delivery.ZabbixValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production trapper sink against a real Zabbix 6.0: a ping result offered to {@link
 * TrapperQueue} ends up, value for value and with its timestamp, in Zabbix's history; a value for a
 * host Zabbix does not know is reported failed.
 */
@Timeout(300)
class RealZabbixSmokeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String READY_KEY = "netpool.it.ready";
  private static final ZabbixItemKeys KEYS = LineItems.KEYS;

  /** The item types docs/zabbix.md prescribes for the default keys. */
  private static final Map<String, ValueType> ITEMS = LineItems.TYPES;

  private static RealZabbix zabbix;
  private static ZabbixAdmin admin;
  private static String degradedLine;
  private static String failedLine;

  private TrapperQueue sink;

  @BeforeAll
  static void createLines() {
    if (!RealZabbix.available()) {
      return; // each test skips with the reason (requireZabbix)
    }
    zabbix = RealZabbix.get();
    admin = zabbix.admin();
    String group = admin.createHostGroup(admin.name("lines"));
    degradedLine = createLine(group, "line-degraded");
    failedLine = createLine(group, "line-failed");
    admin.reloadConfigCache();
    TrapperProbe probe = new TrapperProbe(zabbix.trapperHost(), zabbix.trapperPort());
    // The readiness item was created last: once the server accepts it, it knows the others.
    await("server configuration knows the new items")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                probe.accepts(degradedLine, READY_KEY, "1")
                    && probe.accepts(failedLine, READY_KEY, "1"));
  }

  private static String createLine(String groupId, String suffix) {
    String host = admin.name(suffix);
    String hostId =
        admin.createHost(
            HostSpec.of(host, groupId)
                .withTag("netpool", "line")
                .withMacro("{$NETPOOL.LINE.SOURCE}", "edge1")
                .withMacro("{$NETPOOL.LINE.TARGET}", "192.0.2.10"));
    ITEMS.forEach((key, type) -> admin.createTrapperItem(hostId, key, type));
    admin.createTrapperItem(hostId, READY_KEY, ValueType.TEXT);
    return host;
  }

  @AfterAll
  static void removeLines() {
    if (admin != null) {
      admin.close();
    }
  }

  @BeforeEach
  void requireZabbix() {
    RealZabbix.get();
  }

  @AfterEach
  void closeSink() {
    if (sink != null) {
      sink.close();
    }
  }

  private TrapperQueue startSink() {
    sink =
        new TrapperQueue(
            TrapperQueueConfig.builder(zabbix.trapperHost())
                .serverPort(zabbix.trapperPort())
                .linger(Duration.ZERO)
                .build());
    sink.start();
    return sink;
  }

  @Test
  void degradedResultIsStoredValueForValue() {
    PingResult result =
        new PingResult(
            5,
            4,
            new BigDecimal("20.00"),
            new BigDecimal("0.512"),
            new BigDecimal("1.234"),
            new BigDecimal("2.5"),
            PingStatus.DEGRADED,
            null);
    Instant checkedAt = Instant.ofEpochSecond(Instant.now().getEpochSecond(), 123_456_789);
    TrapperQueue sink = startSink();

    assertThat(sink.offerResult(degradedLine, result, checkedAt)).isEqualTo(9);

    await().atMost(WAIT).until(() -> sink.sentValues() == 9);
    assertThat(sink.processedValues()).isEqualTo(9);
    assertThat(sink.failedValues()).isZero();
    Map<String, HistoryValue> stored = awaitHistory(degradedLine, 9);
    assertThat(new BigDecimal(stored.get(KEYS.loss()).value())).isEqualByComparingTo("20.00");
    assertThat(new BigDecimal(stored.get(KEYS.rttMin()).value())).isEqualByComparingTo("0.000512");
    assertThat(new BigDecimal(stored.get(KEYS.rttAvg()).value())).isEqualByComparingTo("0.001234");
    assertThat(new BigDecimal(stored.get(KEYS.rttMax()).value())).isEqualByComparingTo("0.0025");
    assertThat(stored.get(KEYS.sent()).value()).isEqualTo("5");
    assertThat(stored.get(KEYS.received()).value()).isEqualTo("4");
    assertThat(stored.get(KEYS.status()).value()).isEqualTo("1"); // degraded
    assertThat(stored.get(KEYS.failure()).value()).isEqualTo("0");
    assertThat(stored).doesNotContainKey(KEYS.error());
    assertThat(stored.values()).allSatisfy(v -> assertThat(v.time()).isEqualTo(checkedAt));
  }

  @Test
  void failedCheckIsStoredAsErrorWithItsReasonAndNothingElse() {
    Instant checkedAt = Instant.ofEpochSecond(Instant.now().getEpochSecond(), 987_000_000);
    TrapperQueue sink = startSink();

    assertThat(
            sink.offerResult(
                failedLine, PingResult.error("authentication failed for netops"), checkedAt))
        .isEqualTo(2);

    await().atMost(WAIT).until(() -> sink.sentValues() == 2);
    assertThat(sink.failedValues()).isZero();
    Map<String, HistoryValue> stored = awaitHistory(failedLine, 2);
    assertThat(stored.keySet()).containsExactlyInAnyOrder(KEYS.status(), KEYS.error());
    assertThat(stored.get(KEYS.status()).value()).isEqualTo("4"); // error
    assertThat(stored.get(KEYS.error()).value()).isEqualTo("authentication failed for netops");
    assertThat(stored.get(KEYS.status()).time()).isEqualTo(checkedAt);
  }

  @Test
  void valueForUnknownHostIsReportedFailed() throws Exception {
    String unknownHost = admin.name("no-such-line");
    ZabbixSender sender =
        new ZabbixSender(
            zabbix.trapperHost(),
            zabbix.trapperPort(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15));

    SenderResponse response =
        sender.send(List.of(new ZabbixValue(unknownHost, KEYS.status(), "ok", Instant.now())));

    assertThat(response.processed()).isZero();
    assertThat(response.failed()).isEqualTo(1);
    assertThat(response.total()).isEqualTo(1);

    TrapperQueue sink = startSink();
    sink.offer(new ZabbixValue(unknownHost, KEYS.status(), "ok", Instant.now()));
    await().atMost(WAIT).until(() -> sink.sentValues() == 1);
    assertThat(sink.failedValues()).isEqualTo(1);
    assertThat(sink.processedValues()).isZero();
  }

  /**
   * Waits until {@code count} of the line's ping items have a value, then returns the value of each
   * item that has one, by key. Items without history are absent.
   */
  private static Map<String, HistoryValue> awaitHistory(String host, int count) {
    String hostId = admin.hostId(host).orElseThrow();
    Map<String, String> itemIds = new LinkedHashMap<>();
    admin.items(hostId).forEach(item -> itemIds.put(item.key(), item.itemId()));
    return await("history of " + host)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> storedValues(itemIds), stored -> stored.size() == count);
  }

  private static Map<String, HistoryValue> storedValues(Map<String, String> itemIds) {
    Map<String, HistoryValue> stored = new LinkedHashMap<>();
    ITEMS.forEach(
        (key, type) -> {
          List<HistoryValue> values = admin.history(itemIds.get(key), type);
          // One check was sent: one value per item, never a second (fails the wait at once).
          assertThat(values).as("history of %s", key).hasSizeLessThanOrEqualTo(1);
          values.forEach(value -> stored.put(key, value));
        });
    return stored;
  }
}
