package io.netpool.monitor.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code state_dir} of a running monitor: created if missing (owner-only), and locked for the
 * life of the process, so two monitors never share one folder of durable state. The lock is an OS
 * file lock on {@code netpool.lock} (which holds the owner's pid): it goes away with the process,
 * even after {@code kill -9}.
 */
public final class StateDir implements AutoCloseable {
  /** The lock file's name inside the folder. */
  public static final String LOCK_FILE = "netpool.lock";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private StateDir(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates (if needed) and locks {@code dir}.
   *
   * @throws IOException it cannot be created or written, or another process holds it
   */
  public static StateDir open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      try {
        Files.createDirectories(
            abs,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(abs);
      }
    }
    FileChannel ch =
        FileChannel.open(
            abs.resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process (a second runtime in one JVM)
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      String owner = readOwner(ch);
      ch.close();
      throw new IOException(
          "state_dir "
              + abs
              + " is in use by another netpool process"
              + (owner.isEmpty() ? "" : " (pid " + owner + ")")
              + "; give each monitor its own state_dir");
    }
    ch.truncate(0);
    ch.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    return new StateDir(abs, ch, lock);
  }

  private static String readOwner(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      ch.read(b, 0);
      return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** The folder (absolute). */
  public Path path() {
    return dir;
  }

  /** Releases the lock (the lock file stays). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
