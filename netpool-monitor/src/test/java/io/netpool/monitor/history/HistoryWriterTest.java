package io.netpool.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netpool.monitor.check.CheckResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {
  static final Instant T0 = HistoryStoreTest.T0;

  @TempDir Path dir;

  /** A file whose first write blocks until released: a disk that stalls. */
  static final class StalledWrites implements HistoryWrites {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final ConcurrentLinkedQueue<CheckResult> stored = new ConcurrentLinkedQueue<>();
    volatile boolean closed;

    @Override
    public void append(List<CheckResult> batch, long nowMs) {
      writing.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stored.addAll(batch);
    }

    @Override
    public boolean rollUp(long nowMs, int maxBuckets) {
      return false;
    }

    @Override
    public HistoryStore.Retention enforceRetention(long nowMs) {
      return new HistoryStore.Retention(0, 0, 0);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void aStalledDiskNeverBlocksAcceptAndWhatAFullQueueDropsIsCounted() throws Exception {
    StalledWrites disk = new StalledWrites();
    AtomicLong batches = new AtomicLong();
    HistoryWriter w = new HistoryWriter(disk, 3, Clock.systemUTC(), n -> batches.incrementAndGet());
    w.accept(HistoryStoreTest.ok("a", T0, "1"));
    assertThat(disk.writing.await(10, TimeUnit.SECONDS)).isTrue(); // the writer is stuck in it
    // accept returns at once although the writer is stuck: the calling thread is a check's
    for (int i = 1; i <= 10; i++) {
      w.accept(HistoryStoreTest.ok("a", T0.plusSeconds(i), "1"));
    }
    assertThat(w.queued()).isEqualTo(3);
    assertThat(w.dropped()).isEqualTo(7);
    assertThat(w.droppedByWriteErrors()).isZero();

    disk.release.countDown();
    w.close(); // writes what is queued, then closes the file
    assertThat(disk.stored).hasSize(4);
    assertThat(w.written()).isEqualTo(4);
    assertThat(w.queued()).isZero();
    assertThat(disk.closed).isTrue();
    assertThat(batches.get()).isEqualTo(2);
  }

  @Test
  void aFailedWriteIsCountedAndReportedUntilAWriteSucceeds() {
    try (HistoryStore store =
        HistoryStore.open(dir.resolve(HistoryStore.FILE_NAME), HistorySettings.defaults())) {
      HistoryWrites failingOnce =
          new HistoryWrites() {
            int calls;

            @Override
            public void append(List<CheckResult> batch, long nowMs) {
              if (calls++ == 0) {
                throw new HistoryException("disk full", null);
              }
              store.append(batch, nowMs);
            }

            @Override
            public boolean rollUp(long nowMs, int maxBuckets) {
              return store.rollUp(nowMs, maxBuckets);
            }

            @Override
            public HistoryStore.Retention enforceRetention(long nowMs) {
              return store.enforceRetention(nowMs);
            }

            @Override
            public void close() {}
          };
      HistoryWriter w = new HistoryWriter(failingOnce, 100, Clock.systemUTC(), n -> {});
      w.accept(HistoryStoreTest.ok("a", T0, "1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> w.writeErrors() == 1);
      assertThat(w.problem()).isEqualTo("history: disk full");
      assertThat(w.droppedByWriteErrors()).isEqualTo(1);
      w.accept(HistoryStoreTest.ok("a", T0.plusSeconds(1), "2"));
      await().atMost(Duration.ofSeconds(10)).until(() -> w.written() == 1);
      assertThat(w.problem()).isNull();
      w.close();
      assertThat(store.reads().raw("a", T0, T0.plusSeconds(60), 10)).hasSize(1);
    }
  }
}
