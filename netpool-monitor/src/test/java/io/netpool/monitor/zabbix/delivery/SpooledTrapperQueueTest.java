package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.inventory.ZabbixEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A {@link TrapperQueue} with a real spool file and a real trapper server (TrapperServer). */
@Timeout(60)
class SpooledTrapperQueueTest {
  private static final Instant T = Instant.parse("2025-06-01T10:15:30.5Z");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static TrapperQueueConfig config(int port) {
    return TrapperQueueConfig.builder("127.0.0.1")
        .serverPort(port)
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2))
        .linger(Duration.ZERO)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(200))
        .closeTimeout(Duration.ofMillis(500))
        .build();
  }

  private TrapperQueue queue(int port) {
    SpoolSettings s = new SpoolSettings(dir, 1 << 20, Duration.ofDays(1));
    return TrapperQueue.spooled(
        config(port),
        ZabbixSpool.open(s, new ZabbixEndpoint("127.0.0.1", port), Clock.systemUTC()));
  }

  private static ZabbixValue value(int i) {
    return new ZabbixValue("line-" + i, "netpool.ping.loss", Integer.toString(i), T.plusSeconds(i));
  }

  private static List<TrapperServer.Item> items(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                new TrapperServer.Item(
                    "line-" + i,
                    "netpool.ping.loss",
                    Integer.toString(i),
                    T.getEpochSecond() + i,
                    T.getNano()))
        .toList();
  }

  @Test
  void valuesOfAnOutageStayInTheSpoolAcrossARestartAndKeepTheirClock() throws Exception {
    int port = TrapperServer.freePort(); // nothing listens: Zabbix is down
    TrapperQueue first = queue(port);
    first.start();
    for (int i = 0; i < 30; i++) {
      first.offer(value(i));
    }
    await().atMost(WAIT).until(() -> first.spool().values() == 30 && first.failedRequests() > 0);
    first.close();
    assertThat(first.keptOnClose()).isEqualTo(30);
    assertThat(first.lostOnClose()).isZero();

    try (TrapperServer server = TrapperServer.start(port)) {
      TrapperQueue second = queue(port);
      assertThat(second.spool().values()).isEqualTo(30);
      second.start();
      second.offer(value(30));

      await().atMost(WAIT).until(() -> second.spool().values() == 0 && second.sentValues() == 31);
      second.close();
      assertThat(server.acknowledgedItems()).containsExactlyElementsOf(items(0, 31));
      assertThat(server.violations()).isEmpty();
    }
  }

  @Test
  void acknowledgedValuesAreDeletedFromTheSpool() throws Exception {
    try (TrapperServer server = TrapperServer.start()) {
      TrapperQueue q = queue(server.port());
      q.start();
      for (int i = 0; i < 600; i++) {
        q.offer(value(i));
      }
      await().atMost(WAIT).until(() -> q.sentValues() == 600);
      await().atMost(WAIT).until(() -> q.spool().values() == 0);
      assertThat(q.spool().bytes()).isZero();
      assertThat(q.bufferedValues()).isZero();
      q.close();
      assertThat(q.keptOnClose()).isZero();
      assertThat(server.acknowledgedItems()).containsExactlyElementsOf(items(0, 600));
    }
  }
}
