package io.netpool.monitor.inventory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the inventory when its file changes, and tells a {@link Listener}: either the new
 * inventory and what changed, or why the new content was rejected. A rejected file never replaces
 * the inventory in force; the last good one stays until a good file arrives.
 *
 * <h2>How changes are detected: polling the content</h2>
 *
 * One thread reads the file every {@code pollInterval} (default 1 s) and compares the SHA-256 of
 * its content with the last seen one. Polling was chosen over {@link java.nio.file.WatchService}
 * because it also sees the changes inotify misses or reports on other names: editors that write a
 * new file and rename it over the old one, Kubernetes ConfigMap mounts (a symlink swapped in the
 * parent folder), bind mounts and network file systems, and a folder that is itself replaced. It
 * does not depend on modification times (whose granularity can hide two writes in the same second).
 * Reading and hashing a few hundred kilobytes each second costs well under a millisecond.
 *
 * <p><b>Debounce:</b> a new content is loaded only once it has stayed the same for {@code
 * quietPeriod} (default 500 ms, checked at the next polls), so a file being written in several
 * steps is read once, complete. Contents already applied or already rejected are not reported
 * again; a file that disappears or becomes unreadable is reported once as rejected.
 *
 * <p>The listener runs on the watcher thread, one call at a time; an exception it throws is logged
 * and does not stop the watcher. {@link #close()} stops the thread and waits for it.
 */
public final class InventoryWatcher implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(InventoryWatcher.class);

  /** Receives reload outcomes, on the watcher thread. */
  public interface Listener {
    /**
     * A new valid inventory is now in force.
     *
     * @param inventory the new inventory
     * @param diff what changed from the previous one (empty when only comments changed)
     */
    void reloaded(Inventory inventory, InventoryDiff diff);

    /** The file changed but cannot be used; the previous inventory stays in force. */
    void rejected(InventoryException error);

    /**
     * The whole file that was just accepted, with the values of the loader's registered sections
     * (service settings, {@code zabbix:}); called after {@link #reloaded}, also when the inventory
     * itself did not change.
     */
    default void sectionsRead(InventoryLoader.MonitorFile file) {}
  }

  private final Path file;
  private final InventoryLoader loader;
  private final Listener listener;
  private final long quietNanos;
  private final InventoryThread worker;
  private volatile Inventory current;

  // touched only by the watcher thread
  private String lastSeen;
  private long pendingSince = -1;
  private String lastRejected;

  private InventoryWatcher(Builder b) {
    this.file = b.file;
    this.loader = b.loader;
    this.listener = b.listener;
    this.current = b.initial;
    this.quietNanos = b.quietPeriod.toNanos();
    this.lastSeen = b.initial.digest();
    this.worker = new InventoryThread("netpool-inventory-watcher");
    long poll = b.pollInterval.toNanos();
    worker.scheduleWithFixedDelay(this::pollSafely, poll);
  }

  /**
   * A watcher builder.
   *
   * @param file the inventory file
   * @param initial the inventory in force now (loaded from {@code file} by the caller, so that a
   *     bad file fails the start instead of being watched)
   * @param listener told about every reload or rejection
   */
  public static Builder builder(Path file, Inventory initial, Listener listener) {
    return new Builder(file, initial, listener);
  }

  /** Watches {@code file} with the default poll interval and quiet period. */
  public static InventoryWatcher start(Path file, Inventory initial, Listener listener) {
    return builder(file, initial, listener).start();
  }

  /** The inventory in force: the initial one or the last one that loaded without problems. */
  public Inventory current() {
    return current;
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException | Error e) {
      log.error("inventory watcher: unexpected failure while checking {}", file, e);
    }
  }

  private void poll() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      String marker = "unreadable:" + e.getClass().getName();
      if (!marker.equals(lastSeen)) {
        lastSeen = marker;
        pendingSince = -1;
        reject(unreadable(e));
      }
      return;
    }
    String digest = InventoryLoader.sha256(content);
    long now = System.nanoTime();
    if (!digest.equals(lastSeen)) {
      lastSeen = digest;
      pendingSince = now;
      if (quietNanos > 0) {
        return;
      }
    }
    if (pendingSince < 0 || now - pendingSince < quietNanos) {
      return;
    }
    pendingSince = -1;
    if (digest.equals(current.digest()) || digest.equals(lastRejected)) {
      return;
    }
    load(content, digest);
  }

  /**
   * Reads the file again now, even if it did not change (SIGHUP, {@code systemctl reload}): secrets
   * behind unchanged references (a rotated password file, a new environment) are read again, and a
   * router whose password changed gets new sessions. Runs on the watcher thread.
   */
  public void reloadNow() {
    worker.execute(
        () -> {
          try {
            byte[] content = Files.readAllBytes(file);
            String digest = InventoryLoader.sha256(content);
            lastSeen = digest;
            pendingSince = -1;
            log.info("inventory {}: reload requested", file);
            load(content, digest);
          } catch (IOException e) {
            reject(unreadable(e));
          } catch (RuntimeException e) {
            log.error("inventory watcher: unexpected failure while reloading {}", file, e);
          }
        });
  }

  private void load(byte[] content, String digest) {
    InventoryLoader.MonitorFile read;
    try {
      read = loader.parseMonitorFile(file, content);
    } catch (InventoryException e) {
      lastRejected = digest;
      reject(e);
      return;
    }
    lastRejected = null;
    Inventory next = read.inventory();
    InventoryDiff diff = InventoryDiff.between(current, next);
    current = next;
    if (diff.isEmpty()) {
      log.info("inventory {} read again: no change", file);
    } else {
      log.info("inventory {} reloaded: {}", file, diff.summary());
    }
    try {
      listener.reloaded(next, diff);
    } catch (RuntimeException e) {
      log.error("inventory listener failed on reload", e);
    }
    try {
      listener.sectionsRead(read);
    } catch (RuntimeException e) {
      log.error("inventory listener failed on the file's other sections", e);
    }
  }

  private InventoryException unreadable(IOException e) {
    return new InventoryException(
        List.of(
            new Problem(
                file.toString(),
                0,
                0,
                "",
                "cannot read the file ("
                    + e.getClass().getSimpleName()
                    + "); keeping the inventory in force")));
  }

  private void reject(InventoryException e) {
    log.warn("inventory {} rejected, keeping the one in force: {}", file, e.getMessage());
    try {
      listener.rejected(e);
    } catch (RuntimeException ex) {
      log.error("inventory listener failed on rejection", ex);
    }
  }

  /** Stops watching and waits for the watcher thread to end (unless called from the listener). */
  @Override
  public void close() {
    worker.close();
  }

  /** Options of a watcher. */
  public static final class Builder {
    private final Path file;
    private final Inventory initial;
    private final Listener listener;
    private InventoryLoader loader = new InventoryLoader();
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration quietPeriod = Duration.ofMillis(500);

    private Builder(Path file, Inventory initial, Listener listener) {
      this.file = Objects.requireNonNull(file, "file");
      this.initial = Objects.requireNonNull(initial, "initial");
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** How often the file is read (default 1 s; > 0). */
    public Builder pollInterval(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("pollInterval must be > 0, was " + d);
      }
      this.pollInterval = d;
      return this;
    }

    /** How long a new content must stay unchanged before it is loaded (default 500 ms; >= 0). */
    public Builder quietPeriod(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("quietPeriod must be >= 0, was " + d);
      }
      this.quietPeriod = d;
      return this;
    }

    /** The loader (for example one with another environment); default reads System.getenv. */
    public Builder loader(InventoryLoader l) {
      this.loader = Objects.requireNonNull(l, "loader");
      return this;
    }

    /** Starts the watcher thread. */
    public InventoryWatcher start() {
      return new InventoryWatcher(this);
    }
  }
}
