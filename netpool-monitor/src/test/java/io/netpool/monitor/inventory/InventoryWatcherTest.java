package io.netpool.monitor.inventory;

import static io.netpool.monitor.inventory.InventoryTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryWatcherTest {
  private static final String THREAD = "netpool-inventory-watcher";

  @TempDir Path dir;
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final List<InventoryWatcher> watchers = new CopyOnWriteArrayList<>();

  private final InventoryWatcher.Listener recorder =
      new InventoryWatcher.Listener() {
        @Override
        public void reloaded(Inventory inventory, InventoryDiff diff) {
          events.add(diff);
        }

        @Override
        public void rejected(InventoryException error) {
          events.add(error);
        }
      };

  @AfterEach
  void closeWatchers() {
    watchers.forEach(InventoryWatcher::close);
  }

  private Path file() {
    return dir.resolve("monitor.yml");
  }

  private InventoryWatcher watch(Duration quiet, InventoryWatcher.Listener listener)
      throws Exception {
    Files.writeString(file(), BASE);
    Inventory initial = InventoryTestSupport.LOADER.read(file());
    InventoryWatcher w =
        InventoryWatcher.builder(file(), initial, listener)
            .loader(InventoryTestSupport.LOADER)
            .pollInterval(Duration.ofMillis(20))
            .quietPeriod(quiet)
            .start();
    watchers.add(w);
    return w;
  }

  private List<InventoryDiff> reloads() {
    return events.stream()
        .filter(InventoryDiff.class::isInstance)
        .map(InventoryDiff.class::cast)
        .toList();
  }

  private List<InventoryException> rejections() {
    return events.stream()
        .filter(InventoryException.class::isInstance)
        .map(InventoryException.class::cast)
        .toList();
  }

  private static String withLine(String id, String target) {
    return BASE + "  - {id: " + id + ", router: r1, target: " + target + "}\n";
  }

  @Test
  void reloadsWhenTheFileChangesAndReportsTheDiff() throws Exception {
    InventoryWatcher w = watch(Duration.ofMillis(50), recorder);
    Files.writeString(file(), withLine("l3", "192.0.2.3"));

    await().atMost(Duration.ofSeconds(10)).until(() -> reloads().size() == 1);
    InventoryDiff d = reloads().getFirst();
    assertThat(d.linesAdded()).extracting(LineSpec::id).containsExactly("l3");
    assertThat(w.current().lines()).containsKey("l3");

    // a move: l1 goes to r2
    Files.writeString(
        file(), withLine("l3", "192.0.2.3").replace("    router: r1\n", "    router: r2\n"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reloads().size() == 2);
    assertThat(reloads().get(1).linesMoved()).extracting(c -> c.next().id()).containsExactly("l1");
    assertThat(rejections()).isEmpty();
  }

  @Test
  void aBadFileIsRejectedOnceAndNeverReplacesTheGoodOne() throws Exception {
    InventoryWatcher w = watch(Duration.ofMillis(50), recorder);
    Inventory good = w.current();

    Files.writeString(file(), withLine("l3", "10.0.0.300"));
    await().atMost(Duration.ofSeconds(10)).until(() -> rejections().size() == 1);
    assertThat(rejections().getFirst().problems().getFirst().toString())
        .isEqualTo(file() + ":19:34: lines[2].target: '10.0.0.300' is not an IPv4 or IPv6 address");
    assertThat(w.current()).isSameAs(good);

    // another bad content is reported too, then a good one replaces the last good inventory
    Files.writeString(file(), "devices: [\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> rejections().size() == 2);
    assertThat(w.current()).isSameAs(good);

    Files.writeString(file(), withLine("l4", "192.0.2.4"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reloads().size() == 1);
    // the diff is against the last good inventory, not against the rejected files
    assertThat(reloads().getFirst().linesAdded()).extracting(LineSpec::id).containsExactly("l4");
    assertThat(w.current().lines()).containsKey("l4");
    // the first bad content was polled many times but reported once
    assertThat(rejections()).hasSize(2);
  }

  @Test
  void rapidSuccessiveWritesAreDebouncedIntoOneReload() throws Exception {
    InventoryWatcher w = watch(Duration.ofMillis(500), recorder);

    // a file written in pieces: truncated (invalid) content, then several versions, then the last
    String last = withLine("l9", "192.0.2.9");
    Files.writeString(file(), last.substring(0, last.length() / 2));
    for (int i = 3; i < 9; i++) {
      Files.writeString(file(), withLine("l" + i, "192.0.2." + i));
    }
    Files.writeString(file(), last);

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    assertThat(w.current().lines()).containsKey("l9");
    assertThat(events).hasSize(1);
    assertThat(reloads().getFirst().linesAdded()).extracting(LineSpec::id).containsExactly("l9");
  }

  @Test
  void seesAtomicRenameReplacement() throws Exception {
    InventoryWatcher w = watch(Duration.ZERO, recorder);
    Path tmp = dir.resolve(".monitor.yml.tmp");
    Files.writeString(tmp, withLine("l3", "192.0.2.3"));
    Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await().atMost(Duration.ofSeconds(10)).until(() -> reloads().size() == 1);
    assertThat(w.current().lines()).containsKey("l3");
  }

  @Test
  void aDeletedFileIsReportedOnceAndItsReturnIsLoaded() throws Exception {
    InventoryWatcher w = watch(Duration.ofMillis(50), recorder);
    Inventory good = w.current();
    Files.delete(file());

    await().atMost(Duration.ofSeconds(10)).until(() -> rejections().size() == 1);
    assertThat(rejections().getFirst().getMessage())
        .contains("cannot read the file (NoSuchFileException)");
    assertThat(w.current()).isSameAs(good);

    Files.writeString(file(), withLine("l3", "192.0.2.3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> reloads().size() == 1);
    assertThat(rejections()).hasSize(1);
  }

  @Test
  void aFailingListenerDoesNotStopTheWatcher() throws Exception {
    List<InventoryDiff> seen = new CopyOnWriteArrayList<>();
    InventoryWatcher w =
        watch(
            Duration.ZERO,
            new InventoryWatcher.Listener() {
              @Override
              public void reloaded(Inventory inventory, InventoryDiff diff) {
                seen.add(diff);
                throw new IllegalStateException("listener bug");
              }

              @Override
              public void rejected(InventoryException error) {}
            });
    Files.writeString(file(), withLine("l3", "192.0.2.3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    Files.writeString(file(), withLine("l4", "192.0.2.4"));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
    assertThat(w.current().lines()).containsKey("l4");
  }

  @Test
  void closeLeavesNoThreadAndMayBeCalledFromTheListener() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    InventoryWatcher[] self = new InventoryWatcher[1];
    self[0] =
        watch(
            Duration.ZERO,
            new InventoryWatcher.Listener() {
              @Override
              public void reloaded(Inventory inventory, InventoryDiff diff) {
                self[0].close();
                closed.countDown();
              }

              @Override
              public void rejected(InventoryException error) {}
            });
    assertThat(watcherThreads()).isPositive();
    Files.writeString(file(), withLine("l3", "192.0.2.3"));
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> watcherThreads() == 0);

    InventoryWatcher other = watch(Duration.ZERO, recorder);
    assertThat(watcherThreads()).isEqualTo(1);
    other.close(); // waits for the watcher's task to end; its thread exits right after
    await().atMost(Duration.ofSeconds(5)).until(() -> watcherThreads() == 0);
    other.close(); // idempotent
  }

  private static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(THREAD) && t.isAlive())
        .count();
  }
}
