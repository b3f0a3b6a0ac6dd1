package io.netpool.monitor.outputs;

import io.netpool.monitor.probe.CheckOutput;
import io.netpool.monitor.probe.CheckOutputListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves every output the parser could not read under {@code state_dir/unparsed-outputs/}, one
 * {@link SavedOutput} file each, so it can be sent in and re-read with {@code netpool parse FILE}.
 * Written by a thread of its own (a slow disk never delays a check; a full queue drops and counts);
 * the oldest files beyond {@code maxFiles} are deleted.
 */
public final class UnparsedOutputStore implements CheckOutputListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UnparsedOutputStore.class);

  /** The folder under the state folder. */
  public static final String FOLDER = "unparsed-outputs";

  /** Files kept by default. */
  public static final int DEFAULT_MAX_FILES = 200;

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final CheckOutput STOP =
      new CheckOutput("-", null, "-", null, "", java.time.Instant.EPOCH, null, null);

  private final Path dir;
  private final int maxFiles;
  private final BlockingQueue<CheckOutput> queue = new ArrayBlockingQueue<>(100);
  private final AtomicLong saved = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;

  /** Creates {@code stateDir/unparsed-outputs} (owner-only like the state folder). */
  public UnparsedOutputStore(Path stateDir, int maxFiles) {
    this.dir = stateDir.resolve(FOLDER);
    this.maxFiles = maxFiles;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    writer = Thread.ofPlatform().name("netpool-unparsed-outputs").daemon().start(this::run);
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void output(CheckOutput o) {
    if (o.unparsed() && !queue.offer(o)) {
      dropped.incrementAndGet();
    }
  }

  /** Files written so far. */
  public long saved() {
    return saved.get();
  }

  /** Outputs not saved: the queue was full or the disk failed. */
  public long dropped() {
    return dropped.get();
  }

  private void run() {
    try {
      for (CheckOutput o = queue.take(); o != STOP; o = queue.take()) {
        save(o);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void save(CheckOutput o) {
    String name =
        NAME_TIME.format(o.time()) + "-" + o.lineId().replaceAll("[^A-Za-z0-9_.@+-]", "_") + ".txt";
    Path file = dir.resolve(name);
    try {
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, SavedOutput.of(o).format(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      saved.incrementAndGet();
      log.info(
          "line {}: the {} output could not be read; saved as {} (netpool parse reads it; send it"
              + " in)",
          o.lineId(),
          o.platform(),
          file);
      trim();
    } catch (IOException e) {
      dropped.incrementAndGet();
      log.warn("cannot save the unreadable output of line {}: {}", o.lineId(), e.toString());
    }
  }

  /** Deletes the oldest files beyond {@code maxFiles} (names sort by time). */
  private void trim() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
    }
    for (int i = 0; i < files.size() - maxFiles; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  /** Writes what is queued (at most a few seconds) and stops. */
  @Override
  public void close() {
    try {
      if (queue.offer(STOP, 5, TimeUnit.SECONDS)) {
        writer.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
