package io.netpool.monitor.zabbix.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.inventory.ZabbixEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ZabbixSpoolTest {
  private static final ZabbixEndpoint EP = new ZabbixEndpoint("zabbix.example", 10051);
  private static final Instant T = Instant.parse("2025-06-01T10:15:30.123456789Z");

  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private SpoolSettings settings(long maxBytes, Duration maxAge) {
    return new SpoolSettings(dir, maxBytes, maxAge);
  }

  private static ZabbixValue value(int i) {
    return new ZabbixValue("line-" + i, "netpool.ping.loss", Integer.toString(i), T.plusSeconds(i));
  }

  private static List<ZabbixValue> values(int from, int to) {
    return IntStream.range(from, to).mapToObj(ZabbixSpoolTest::value).toList();
  }

  private static List<ZabbixValue> valuesOf(List<ZabbixSpool.Spooled> spooled) {
    return spooled.stream().map(ZabbixSpool.Spooled::value).toList();
  }

  @Test
  void headIsInAppendOrderWithClockAndNanos() {
    try (ZabbixSpool spool =
        ZabbixSpool.open(settings(1 << 20, Duration.ofDays(1)), EP, Clock.systemUTC())) {
      spool.append(values(0, 3));
      spool.append(values(3, 5));
      spool.append(List.of(new ZabbixValue("h", "k", "no clock", null)));

      List<ZabbixSpool.Spooled> head = spool.head(10);
      assertThat(valuesOf(head))
          .containsExactlyElementsOf(
              java.util.stream.Stream.concat(
                      values(0, 5).stream(),
                      java.util.stream.Stream.of(new ZabbixValue("h", "k", "no clock", null)))
                  .toList());
      assertThat(head.get(0).value().clock()).isEqualTo(T); // nanoseconds kept
      assertThat(spool.values()).isEqualTo(6);
      assertThat(spool.head(2)).hasSize(2);
    }
  }

  @Test
  void removeDeletesOnlyWhatWasAcknowledged() {
    try (ZabbixSpool spool =
        ZabbixSpool.open(settings(1 << 20, Duration.ofDays(1)), EP, Clock.systemUTC())) {
      spool.append(values(0, 5));
      List<ZabbixSpool.Spooled> batch = spool.head(3);

      spool.remove(batch);
      spool.remove(batch); // a second remove of the same rows changes nothing

      assertThat(valuesOf(spool.head(10))).containsExactlyElementsOf(values(3, 5));
      assertThat(spool.values()).isEqualTo(2);
      assertThat(spool.bytes())
          .isEqualTo(values(3, 5).stream().mapToLong(ZabbixSpool::sizeOf).sum());
    }
  }

  @Test
  void reopenedSpoolHasTheValuesOfTheLastRun() throws Exception {
    SpoolSettings s = settings(1 << 20, Duration.ofDays(1));
    try (ZabbixSpool spool = ZabbixSpool.open(s, EP, Clock.systemUTC())) {
      spool.append(values(0, 4));
      spool.remove(spool.head(1));
    }
    assertThat(ZabbixSpool.existing(dir)).containsExactly(EP);
    try (ZabbixSpool spool = ZabbixSpool.open(s, EP, Clock.systemUTC())) {
      assertThat(spool.values()).isEqualTo(3);
      assertThat(valuesOf(spool.head(10))).containsExactlyElementsOf(values(1, 4));
      spool.append(values(4, 5));
      assertThat(valuesOf(spool.head(10))).containsExactlyElementsOf(values(1, 5));
    }
  }

  @Test
  void sizeBoundDropsTheOldestAndCountsThem() {
    long each = ZabbixSpool.sizeOf(value(0));
    try (ZabbixSpool spool =
        ZabbixSpool.open(settings(each * 10, Duration.ofDays(1)), EP, Clock.systemUTC())) {
      spool.append(values(0, 8)); // names of one digit: all the same size
      assertThat(spool.enforceBounds().any()).isFalse();

      spool.append(values(8, 10));
      spool.append(values(0, 3)); // 13 values, room for 10
      ZabbixSpool.Dropped d = spool.enforceBounds();

      assertThat(d.bySize()).isEqualTo(3);
      assertThat(spool.droppedBySize()).isEqualTo(3);
      assertThat(spool.values()).isEqualTo(10);
      assertThat(spool.bytes()).isLessThanOrEqualTo(each * 10);
      assertThat(valuesOf(spool.head(1))).containsExactly(value(3));
    }
  }

  @Test
  void ageBoundDropsValuesSpooledTooLongAgo() {
    TestClock clock = new TestClock();
    try (ZabbixSpool spool = ZabbixSpool.open(settings(1 << 20, Duration.ofHours(1)), EP, clock)) {
      spool.append(values(0, 3));
      clock.now = clock.now.plus(Duration.ofMinutes(40));
      spool.append(values(3, 5));
      assertThat(spool.oldestAgeSeconds()).isEqualTo(2400.0);
      clock.now = clock.now.plus(Duration.ofMinutes(30)); // first three are 70 min old

      ZabbixSpool.Dropped d = spool.enforceBounds();

      assertThat(d.byAge()).isEqualTo(3);
      assertThat(spool.droppedByAge()).isEqualTo(3);
      assertThat(valuesOf(spool.head(10))).containsExactlyElementsOf(values(3, 5));
      assertThat(spool.oldestAgeSeconds()).isEqualTo(1800.0);
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsAClearError() throws Exception {
    Path file = ZabbixSpool.fileOf(dir, EP);
    Files.writeString(file, "this is not an SQLite database, just some text ".repeat(100));

    assertThatThrownBy(
            () -> ZabbixSpool.open(settings(1 << 20, Duration.ofDays(1)), EP, Clock.systemUTC()))
        .isInstanceOf(SpoolException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("move it away");
  }

  @Test
  void aFileLockedByAnotherProgramIsAClearError() throws Exception {
    Path file = ZabbixSpool.fileOf(dir, EP);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = other.createStatement()) {
      st.execute("PRAGMA locking_mode=EXCLUSIVE");
      st.execute("CREATE TABLE t(x)");
      st.execute("BEGIN EXCLUSIVE");
      st.execute("INSERT INTO t VALUES (1)");

      assertThatThrownBy(
              () -> ZabbixSpool.open(settings(1 << 20, Duration.ofDays(1)), EP, Clock.systemUTC()))
          .isInstanceOf(SpoolException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("another program holds the file");
    }
  }
}
