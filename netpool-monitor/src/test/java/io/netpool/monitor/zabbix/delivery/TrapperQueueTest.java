package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.ping.PingResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TrapperQueueTest {

  private static final Instant T = Instant.parse("2025-06-01T10:15:30Z");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private TrapperServer server() throws Exception {
    return server(0);
  }

  private TrapperServer server(int port) throws Exception {
    TrapperServer s = TrapperServer.start(port);
    toClose.add(s);
    return s;
  }

  private static TrapperQueueConfig.Builder config(int port) {
    return TrapperQueueConfig.builder("127.0.0.1")
        .serverPort(port)
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2))
        .linger(Duration.ZERO)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(200))
        .closeTimeout(Duration.ofSeconds(5));
  }

  private TrapperQueue sink(TrapperQueueConfig.Builder config) {
    TrapperQueue s = new TrapperQueue(config.build());
    toClose.add(s);
    return s;
  }

  private static ZabbixValue value(int i) {
    return new ZabbixValue("10.0.0." + (i % 250), "netpool.ping.loss", Integer.toString(i), T);
  }

  private static List<String> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(Integer::toString).toList();
  }

  @Test
  void singleValueRoundTrip() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()));
    sink.start();

    assertThat(sink.offer(new ZabbixValue("10.0.0.1", "netpool.ping.loss", "0", T))).isTrue();

    await().atMost(WAIT).until(() -> sink.sentValues() == 1);
    assertThat(server.violations()).isEmpty();
    assertThat(server.acknowledgedItems())
        .containsExactly(
            new TrapperServer.Item("10.0.0.1", "netpool.ping.loss", "0", T.getEpochSecond(), 0));
    assertThat(sink.processedValues()).isEqualTo(1);
    assertThat(sink.requests()).isEqualTo(1);
    assertThat(sink.lastSuccess()).isNotNull();
  }

  @Test
  void sixHundredValuesGoInThreeRequestsOfAtMost250() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()));
    for (int i = 0; i < 600; i++) {
      sink.offer(value(i));
    }
    sink.start();

    await().atMost(WAIT).until(() -> sink.sentValues() == 600);
    assertThat(server.requests()).extracting(r -> r.items().size()).containsExactly(250, 250, 100);
    assertThat(server.acknowledgedValues()).containsExactlyElementsOf(range(0, 600));
    assertThat(server.violations()).isEmpty();
    assertThat(sink.requests()).isEqualTo(3);
  }

  @Test
  void failedCountsFromTheReplyAreCounted() throws Exception {
    TrapperServer server = server().fallback(new TrapperServer.FailSome(2));
    TrapperQueue sink = sink(config(server.port()));
    for (int i = 0; i < 10; i++) {
      sink.offer(value(i));
    }
    sink.start();

    await().atMost(WAIT).until(() -> sink.requests() == 1);
    assertThat(sink.sentValues()).isEqualTo(10);
    assertThat(sink.processedValues()).isEqualTo(8);
    assertThat(sink.failedValues()).isEqualTo(2);
    // Not retried: the server would refuse the same values again.
    assertThat(server.requests()).hasSize(1);
    assertThat(sink.retries()).isZero();
  }

  @Test
  void serverDownBuffersThenDeliversInOrderAfterRetries() throws Exception {
    int port = TrapperServer.freePort();
    TrapperQueue sink = sink(config(port));
    sink.start();
    for (int i = 0; i < 10; i++) {
      sink.offer(value(i));
    }

    await().atMost(WAIT).until(() -> sink.failedRequests() >= 3);
    assertThat(sink.bufferedValues()).isEqualTo(10);
    assertThat(sink.sentValues()).isZero();
    assertThat(sink.lastError()).contains("127.0.0.1:" + port);

    TrapperServer server = server(port);
    await().atMost(WAIT).until(() -> sink.sentValues() == 10);

    assertThat(server.acknowledgedValues()).containsExactlyElementsOf(range(0, 10));
    assertThat(server.violations()).isEmpty();
    assertThat(sink.retries()).isGreaterThanOrEqualTo(3);
    assertThat(sink.droppedValues()).isZero();
    assertThat(sink.bufferedValues()).isZero();
    sink.close();
    assertThat(sink.lostOnClose()).isZero();
  }

  @Test
  void backoffDoublesAndIsCapped() throws Exception {
    // Every connection is closed without a reply, so each attempt is visible to the server.
    TrapperServer server = server().fallback(new TrapperServer.Close());
    TrapperQueue sink =
        sink(
            config(server.port())
                .initialBackoff(Duration.ofMillis(40))
                .maxBackoff(Duration.ofMillis(160)));
    sink.start();
    sink.offer(value(1));

    await().atMost(WAIT).until(() -> server.connections() >= 6);
    List<Long> at = server.connectNanos();
    long[] expectedMinGapMs = {40, 80, 160, 160, 160};
    for (int i = 0; i < expectedMinGapMs.length; i++) {
      long gapMs = (at.get(i + 1) - at.get(i)) / 1_000_000;
      assertThat(gapMs).as("gap %d", i).isGreaterThanOrEqualTo(expectedMinGapMs[i] - 2);
    }

    server.fallback(TrapperServer.success());
    await().atMost(WAIT).until(() -> sink.sentValues() == 1);
    assertThat(server.acknowledgedValues()).containsExactly("1");
    assertThat(sink.retries()).isGreaterThanOrEqualTo(5);
    assertThat(sink.lastError()).contains("without a reply");
  }

  @Test
  void fullBufferDropsTheOldestAndCountsThem() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()).bufferCapacity(5));
    for (int i = 0; i < 8; i++) {
      assertThat(sink.offer(value(i))).isTrue();
    }
    assertThat(sink.droppedValues()).isEqualTo(3);
    assertThat(sink.bufferedValues()).isEqualTo(5);
    assertThat(sink.offeredValues()).isEqualTo(8);

    sink.start();
    await().atMost(WAIT).until(() -> sink.sentValues() == 5);
    assertThat(server.acknowledgedValues()).containsExactlyElementsOf(range(3, 8));
  }

  @Test
  void fullBufferWhileServerIsDownKeepsTheNewest() throws Exception {
    int port = TrapperServer.freePort();
    TrapperQueue sink = sink(config(port).bufferCapacity(5).batchSize(3));
    sink.start();
    sink.offer(value(0));
    await().atMost(WAIT).until(() -> sink.failedRequests() >= 1);

    for (int i = 1; i <= 20; i++) {
      sink.offer(value(i));
    }
    await().atMost(WAIT).until(() -> sink.droppedValues() == 16);
    assertThat(sink.bufferedValues()).isEqualTo(5);

    TrapperServer server = server(port);
    await().atMost(WAIT).until(() -> sink.sentValues() == 5);
    assertThat(server.acknowledgedValues()).containsExactlyElementsOf(range(16, 21));
    assertThat(sink.droppedValues()).isEqualTo(16);
  }

  @Test
  void closeDrainsTheBuffer() throws Exception {
    TrapperServer server = server();
    // A long linger: close must not wait for it.
    TrapperQueue sink = sink(config(server.port()).linger(Duration.ofSeconds(30)));
    sink.start();
    for (int i = 0; i < 300; i++) {
      sink.offer(value(i));
    }

    long start = System.nanoTime();
    sink.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(sink.sentValues()).isEqualTo(300);
    assertThat(sink.lostOnClose()).isZero();
    assertThat(sink.bufferedValues()).isZero();
    assertThat(server.acknowledgedValues()).containsExactlyElementsOf(range(0, 300));
    assertThat(sink.offer(value(1))).isFalse();
    assertThat(sink.rejectedOffers()).isEqualTo(1);
  }

  @Test
  void closeOfANeverStartedSinkStillDrains() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()));
    sink.offer(value(7));

    sink.close();

    assertThat(server.acknowledgedValues()).containsExactly("7");
  }

  @Test
  void closeWithTheServerDownGivesUpAtTheDeadlineAndReportsTheLoss() throws Exception {
    int port = TrapperServer.freePort();
    TrapperQueue sink =
        sink(
            config(port)
                .closeTimeout(Duration.ofMillis(300))
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(10)));
    sink.start();
    for (int i = 0; i < 7; i++) {
      sink.offer(value(i));
    }
    await().atMost(WAIT).until(() -> sink.failedRequests() >= 1);

    long start = System.nanoTime();
    sink.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(250))
        .isLessThan(Duration.ofSeconds(3));
    assertThat(sink.lostOnClose()).isEqualTo(7);
    assertThat(sink.sentValues()).isZero();
    // close() ended the backoff early and tried again at once
    assertThat(sink.failedRequests()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void stalledServerHitsTheReadTimeoutAndIsRetried() throws Exception {
    TrapperServer server = server().script(new TrapperServer.Stall());
    TrapperQueue sink = sink(config(server.port()).readTimeout(Duration.ofMillis(300)));
    for (int i = 0; i < 3; i++) {
      sink.offer(value(i));
    }
    sink.start();

    await().atMost(WAIT).until(() -> sink.sentValues() == 3);
    assertThat(server.requests())
        .extracting(TrapperServer.Request::answeredWith, r -> r.items().size())
        .containsExactly(tuple("stalled", 3), tuple("success", 3));
    assertThat(server.acknowledgedValues()).containsExactly("0", "1", "2");
    assertThat(sink.failedRequests()).isEqualTo(1);
    assertThat(sink.retries()).isEqualTo(1);
    assertThat(sink.lastError()).contains("no complete reply");
  }

  @Test
  void garbageReplyIsRetried() throws Exception {
    TrapperServer server = server().script(new TrapperServer.Raw("garbage!garbage!".getBytes()));
    TrapperQueue sink = sink(config(server.port()));
    sink.offer(value(1));
    sink.start();

    await().atMost(WAIT).until(() -> sink.sentValues() == 1);
    assertThat(server.requests()).hasSize(2);
    assertThat(sink.retries()).isEqualTo(1);
  }

  @Test
  void compressedReplyIsUnderstood() throws Exception {
    TrapperServer server =
        server()
            .fallback(
                TrapperServer.compressed(
                    "processed: 1; failed: 1; total: 2; seconds spent: 0.000055"));
    TrapperQueue sink = sink(config(server.port()));
    sink.offerAll(List.of(value(1), value(2)));
    sink.start();

    await().atMost(WAIT).until(() -> sink.requests() == 1);
    assertThat(sink.processedValues()).isEqualTo(1);
    assertThat(sink.failedValues()).isEqualTo(1);
  }

  @Test
  void explicitlyRefusedRequestIsDroppedNotRetried() throws Exception {
    TrapperServer server =
        server().script(TrapperServer.response("failed", "cannot process request"));
    TrapperQueue sink = sink(config(server.port()));
    sink.offerAll(List.of(value(1), value(2)));
    sink.start();

    await().atMost(WAIT).until(() -> sink.rejectedValues() == 2);
    sink.offer(value(3));
    await().atMost(WAIT).until(() -> sink.sentValues() == 1);
    assertThat(server.requests()).hasSize(2);
    assertThat(server.acknowledgedValues()).containsExactly("3");
    assertThat(sink.retries()).isZero();
  }

  @Test
  void errorResultSendsStatusAndReasonButNoRtt() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()));
    sink.offerResult("10.9.9.9", PingResult.error("connection refused by router r7"), T);
    sink.start();

    await().atMost(WAIT).until(() -> sink.sentValues() == 2);
    assertThat(server.violations()).isEmpty();
    assertThat(server.acknowledgedItems())
        .extracting(TrapperServer.Item::host, TrapperServer.Item::key, TrapperServer.Item::value)
        .containsExactly(
            tuple("10.9.9.9", "netpool.ping.status", "4"),
            tuple("10.9.9.9", "netpool.ping.error", "connection refused by router r7"));
  }

  @Test
  void degradedResultSendsLossWithItsDecimals() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()));
    sink.offerResult("10.1.1.1", PingResultItemsTest.degraded(), T);
    sink.start();

    await().atMost(WAIT).until(() -> sink.sentValues() == 9);
    assertThat(server.violations()).isEmpty();
    assertThat(server.acknowledgedItems())
        .extracting(TrapperServer.Item::key, TrapperServer.Item::value)
        .contains(
            tuple("netpool.ping.loss", "20.00"),
            tuple("netpool.ping.rtt.avg", "0.002500"),
            tuple("netpool.ping.status", "1"));
  }

  @Test
  void manyThreadsOfferConcurrentlyAndEverythingArrivesOnceInPerThreadOrder() throws Exception {
    TrapperServer server = server();
    TrapperQueue sink = sink(config(server.port()).linger(Duration.ofMillis(5)));
    sink.start();
    int threads = 8;
    int perThread = 500;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> offerers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      offerers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < perThread; i++) {
                      sink.offer(new ZabbixValue("t" + id, "k", Integer.toString(i), T));
                    }
                  }));
    }
    go.countDown();
    for (Thread t : offerers) {
      t.join();
    }

    await().atMost(WAIT).until(() -> sink.sentValues() == threads * perThread);
    List<TrapperServer.Item> items = server.acknowledgedItems();
    assertThat(items).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String host = "t" + t;
      assertThat(items.stream().filter(x -> x.host().equals(host)).map(TrapperServer.Item::value))
          .containsExactlyElementsOf(range(0, perThread));
    }
    assertThat(server.requests())
        .allSatisfy(r -> assertThat(r.items()).hasSizeLessThanOrEqualTo(250));
    assertThat(sink.droppedValues()).isZero();
  }

  @Test
  void offerNeverBlocksWhileTheServerStalls() throws Exception {
    TrapperServer server = server().fallback(new TrapperServer.Stall());
    TrapperQueue sink =
        sink(
            config(server.port())
                .readTimeout(Duration.ofSeconds(30))
                .bufferCapacity(1000)
                .closeTimeout(Duration.ofMillis(200)));
    sink.start();
    sink.offer(value(0));
    await().atMost(WAIT).until(() -> server.requests().size() == 1);

    long start = System.nanoTime();
    for (int i = 1; i <= 50_000; i++) {
      sink.offer(value(i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(sink.droppedValues()).isEqualTo(50_000 - 1000);

    // close() does not hang on the stalled request either
    long closeStart = System.nanoTime();
    sink.close();
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(Duration.ofSeconds(5));
    // The stalled request's value went back to the head of a full buffer and, being the oldest,
    // was dropped: the buffer never holds more than its capacity.
    assertThat(sink.lostOnClose()).isEqualTo(1000);
    assertThat(sink.droppedValues()).isEqualTo(50_000 - 1000 + 1);
  }
}
