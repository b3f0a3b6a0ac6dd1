package io.netpool.ssh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-session transcript appended to a file: {@code >>} lines were sent, {@code <<} lines were
 * received. Hidden input (passwords, enable secrets) is written as {@code ******}, and every
 * occurrence of the session's secrets in either direction is masked the same way. Writing never
 * fails the session: an I/O error is logged once and the transcript stops.
 */
final class Transcript implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transcript.class);
  static final String MASK = "******";

  private final Path file;
  private final String tag;
  private final List<String> secrets;
  private final ReentrantLock lock = new ReentrantLock();
  private final StringBuilder pending = new StringBuilder();
  private BufferedWriter out;

  private Transcript(Path file, String tag, List<String> secrets, BufferedWriter out) {
    this.file = file;
    this.tag = tag;
    this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    this.out = out;
  }

  /** Opens (appends to) {@code file}; {@code null} file gives {@code null}. */
  static Transcript open(Path file, String tag, List<String> secrets) throws IOException {
    if (file == null) {
      return null;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BufferedWriter w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Transcript t = new Transcript(file, tag, secrets, w);
    t.line("## " + Instant.now() + " " + tag + " opened");
    return t;
  }

  void sent(String text, boolean hidden) {
    lock.lock();
    try {
      flushPending();
      line(">> " + (hidden ? MASK : mask(text)));
    } finally {
      lock.unlock();
    }
  }

  void received(CharSequence text) {
    if (text.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      pending.append(text);
      int nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        line("<< " + mask(pending.substring(0, nl)));
        pending.delete(0, nl + 1);
      }
    } finally {
      lock.unlock();
    }
  }

  void note(String text) {
    lock.lock();
    try {
      flushPending();
      line("## " + mask(text));
    } finally {
      lock.unlock();
    }
  }

  /** {@code text} with every secret replaced by {@code ******}. */
  String mask(String text) {
    String s = text;
    for (String secret : secrets) {
      s = s.replace(secret, MASK);
    }
    return s;
  }

  private void flushPending() {
    if (!pending.isEmpty()) {
      line("<< " + mask(pending.toString()));
      pending.setLength(0);
    }
  }

  private void line(String s) {
    if (out == null) {
      return;
    }
    try {
      out.write(s);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      log.warn("transcript {} for {} stopped: {}", file, tag, e.toString());
      closeQuietly();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      flushPending();
      line("## " + Instant.now() + " " + tag + " closed");
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // nothing more to do for a transcript
      }
      out = null;
    }
  }
}
