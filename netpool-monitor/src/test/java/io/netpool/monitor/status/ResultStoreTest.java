package io.netpool.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpool.monitor.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResultStoreTest {

  @Test
  void keepsLatestAndBoundedHistoryOldestFirst() {
    ResultStore store = new ResultStore(3);
    for (int i = 1; i <= 5; i++) {
      store.accept(TestResults.sequenced("l1", i));
    }
    store.accept(TestResults.sequenced("l2", 1));

    assertThat(store.latest("l1")).get().extracting(r -> r.ping().sent()).isEqualTo(5);
    assertThat(store.history("l1")).extracting(r -> r.ping().sent()).containsExactly(3, 4, 5);
    assertThat(store.line("l1").orElseThrow().accepted()).isEqualTo(5);
    assertThat(store.line("l1").orElseThrow().recent(2))
        .extracting(r -> r.ping().sent())
        .containsExactly(4, 5);
    assertThat(store.history("l2")).hasSize(1);
    assertThat(store.history("nope")).isEmpty();
    assertThat(store.latest("nope")).isEmpty();
    assertThat(store.snapshot().keySet()).containsExactly("l1", "l2");
    assertThat(store.version()).isEqualTo(6);
  }

  @Test
  void historyOfOneKeepsOnlyTheLatest() {
    ResultStore store = new ResultStore(1);
    store.accept(TestResults.sequenced("l1", 1));
    store.accept(TestResults.sequenced("l1", 2));
    assertThat(store.history("l1")).extracting(r -> r.ping().sent()).containsExactly(2);
  }

  @Test
  void rejectsHistorySizeBelowOne() {
    assertThatThrownBy(() -> new ResultStore(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forgetsRemovedLines() {
    ResultStore store = new ResultStore();
    store.accept(TestResults.sequenced("l1", 1));
    store.accept(TestResults.sequenced("l2", 1));
    store.accept(TestResults.sequenced("l3", 1));
    long v = store.version();

    store.retainLines(List.of("l1", "l3"));
    assertThat(store.lineIds()).containsExactlyInAnyOrder("l1", "l3");
    store.remove("l3");
    assertThat(store.lineIds()).containsExactly("l1");
    assertThat(store.version()).isGreaterThan(v);
  }

  @Test
  void snapshotIsACopy() {
    ResultStore store = new ResultStore();
    store.accept(TestResults.sequenced("l1", 1));
    Map<String, LineHistory> snap = store.snapshot();
    store.accept(TestResults.sequenced("l1", 2));
    store.accept(TestResults.sequenced("l2", 1));
    assertThat(snap).containsOnlyKeys("l1");
    assertThat(snap.get("l1").latest().ping().sent()).isEqualTo(1);
  }

  /**
   * Many writer threads (one per line, as the scheduler does, plus several sharing lines) and
   * readers at once: no result is lost from the counts, every history stays bounded and, for the
   * single-writer lines, in order and exactly the last N.
   */
  @Test
  void manyThreadsAcceptingWhileOthersRead() throws Exception {
    int history = 20;
    int ownLines = 16;
    int perLine = 2_000;
    int sharedWriters = 8;
    int perSharedWriter = 2_000;
    ResultStore store = new ResultStore(history);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);

    try (ExecutorService pool = Executors.newFixedThreadPool(ownLines + sharedWriters + 4)) {
      List<Future<?>> writers = new ArrayList<>();
      for (int l = 0; l < ownLines; l++) {
        String line = "own-" + l;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= perLine; i++) {
                    store.accept(TestResults.sequenced(line, i));
                  }
                  return null;
                }));
      }
      for (int w = 0; w < sharedWriters; w++) {
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= perSharedWriter; i++) {
                    store.accept(TestResults.sequenced("shared-" + (i % 3), i));
                  }
                  return null;
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (writing.get()) {
                    for (LineHistory h : store.snapshot().values()) {
                      List<CheckResult> recent = h.recent();
                      if (recent.size() > history || recent.isEmpty()) {
                        violations.add(h.lineId() + " has " + recent.size());
                      }
                      if (recent.getLast() != h.latest()) {
                        violations.add(h.lineId() + " latest is not last");
                      }
                      if (h.lineId().startsWith("own-")) {
                        for (int i = 1; i < recent.size(); i++) {
                          if (recent.get(i).ping().sent() != recent.get(i - 1).ping().sent() + 1) {
                            violations.add(h.lineId() + " out of order");
                          }
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(violations).isEmpty();
    long total = (long) ownLines * perLine + (long) sharedWriters * perSharedWriter;
    assertThat(store.version()).isEqualTo(total);
    Map<String, LineHistory> snap = store.snapshot();
    assertThat(snap).hasSize(ownLines + 3);
    assertThat(snap.values().stream().mapToLong(LineHistory::accepted).sum()).isEqualTo(total);
    for (int l = 0; l < ownLines; l++) {
      LineHistory h = snap.get("own-" + l);
      assertThat(h.accepted()).isEqualTo(perLine);
      assertThat(h.recent())
          .extracting(r -> r.ping().sent())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(perLine - history + 1, perLine)
                  .boxed()
                  .toList());
    }
    for (int s = 0; s < 3; s++) {
      assertThat(snap.get("shared-" + s).recent()).hasSize(history);
    }
  }

  @Test
  void aSkippedCheckKeepsTheLastMeasuredResultAndMarksTheLineLateUntilTheNextResult() {
    ResultStore store = new ResultStore(3);
    CheckResult down = TestResults.down("l1", "r1", "192.0.2.1");
    store.accept(down);
    long version = store.version();
    store.accept(TestResults.skipped("l1", "r1", "192.0.2.1", 10));
    store.accept(TestResults.skipped("l1", "r1", "192.0.2.1", 20));

    LineHistory h = store.line("l1").orElseThrow();
    assertThat(h.latest()).isSameAs(down);
    assertThat(store.latest("l1")).containsSame(down);
    assertThat(h.late()).isTrue();
    assertThat(h.skippedSinceLatest()).isEqualTo(2);
    assertThat(h.lateSince()).isEqualTo(TestResults.T0.plusSeconds(10));
    assertThat(h.lastSkip().due()).isEqualTo(TestResults.T0.plusSeconds(20));
    assertThat(h.recent()).containsExactly(down); // skips are not history
    assertThat(h.accepted()).isEqualTo(3);
    assertThat(store.version()).isGreaterThan(version); // views redraw: the line is late now

    CheckResult next = TestResults.sequenced("l1", 30);
    store.accept(next);
    h = store.line("l1").orElseThrow();
    assertThat(h.latest()).isSameAs(next);
    assertThat(h.late()).isFalse();
    assertThat(h.skippedSinceLatest()).isZero();
    assertThat(h.lateSince()).isNull();
    assertThat(h.lastSkip()).isNull();
    assertThat(h.recent()).containsExactly(down, next);
  }

  @Test
  void aLineSkippedBeforeItsFirstMeasurementShowsTheSkip() {
    ResultStore store = new ResultStore();
    CheckResult skip = TestResults.skipped("l1", "r1", "192.0.2.1", 0);
    store.accept(skip);
    LineHistory h = store.line("l1").orElseThrow();
    assertThat(h.latest()).isSameAs(skip);
    assertThat(h.late()).isTrue();
    assertThat(h.recent()).isEmpty();
  }
}
