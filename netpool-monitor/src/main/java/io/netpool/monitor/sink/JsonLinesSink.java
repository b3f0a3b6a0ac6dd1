package io.netpool.monitor.sink;

import io.netpool.monitor.check.CheckResult;
import io.netpool.monitor.check.CheckResultJson;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON object per check result and a newline (JSON Lines), to stdout or a file. The
 * object is described in {@link CheckResultJson}.
 *
 * <p>{@link #accept} serializes on the caller's thread and only queues the text: it never waits for
 * the output. One background thread writes and flushes. When the queue ({@value #DEFAULT_QUEUE}
 * lines by default) is full because the output is stuck, new lines are dropped and counted ({@link
 * #dropped()}). {@link #close()} writes what is queued and flushes; it closes a file but never
 * stdout.
 */
public final class JsonLinesSink implements ResultSink {

  public static final int DEFAULT_QUEUE = 10_000;

  private static final Logger log = LoggerFactory.getLogger(JsonLinesSink.class);
  private static final String STOP = new String("stop"); // identity marker

  private final Writer out;
  private final boolean closeOut;
  private final BlockingQueue<String> queue;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile String problem;
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param out where to write (UTF-8)
   * @param closeOut whether {@link #close()} closes {@code out}
   * @param queueCapacity lines buffered while the output is slow
   */
  public JsonLinesSink(OutputStream out, boolean closeOut, int queueCapacity) {
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
    this.closeOut = closeOut;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = Thread.ofPlatform().name("netpool-json-lines").daemon().unstarted(this::run);
    writer.start();
  }

  /** JSON lines on standard output (left open on close). */
  public static JsonLinesSink toStdout() {
    return new JsonLinesSink(System.out, false, DEFAULT_QUEUE);
  }

  /** JSON lines appended to a file, created if needed. */
  public static JsonLinesSink toFile(Path file) throws IOException {
    FileOutputStream out = new FileOutputStream(file.toFile(), true);
    if (endsInsideALine(file)) {
      // the last run ended mid-line (kill -9, power loss): end that torn line, so the next record
      // starts a line of its own instead of being glued to it
      out.write('\n');
    }
    return new JsonLinesSink(out, true, DEFAULT_QUEUE);
  }

  private static boolean endsInsideALine(Path file) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
      if (f.length() == 0) {
        return false;
      }
      f.seek(f.length() - 1);
      return f.read() != '\n';
    }
  }

  @Override
  public void accept(CheckResult result) {
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    String line;
    try {
      line = CheckResultJson.toJson(result);
    } catch (RuntimeException e) {
      log.warn("cannot write result of line {} as JSON: {}", result.lineId(), e.toString());
      dropped.incrementAndGet();
      return;
    }
    if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Writes another kind of record (a state change, {@code io.netpool.monitor.state}) between the
   * results: one JSON object, already serialized, without a newline. Never blocks, like {@link
   * #accept}.
   */
  public void acceptJson(String jsonObject) {
    if (closed || !queue.offer(jsonObject)) {
      dropped.incrementAndGet();
    }
  }

  /** Lines written so far. */
  public long written() {
    return written.get();
  }

  /** Lines dropped because the queue was full, the sink was closed or serialization failed. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!queue.offer(STOP, 10, TimeUnit.SECONDS)) {
        log.warn("JSON lines output is stuck; {} results not written", queue.size());
        return;
      }
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String problem() {
    return problem;
  }

  private void run() {
    List<String> batch = new ArrayList<>();
    boolean failed = false;
    try {
      while (true) {
        batch.clear();
        batch.add(queue.take());
        queue.drainTo(batch);
        boolean stop = false;
        for (String line : batch) {
          if (line == STOP) {
            stop = true;
            break;
          }
          if (!failed) {
            try {
              out.write(line);
              out.write('\n');
              written.incrementAndGet();
            } catch (IOException e) {
              failed = true;
              problem = "JSON lines output failed: " + e.getMessage();
              log.warn("JSON lines output failed, dropping further results: {}", e.toString());
            }
          }
          if (failed) {
            dropped.incrementAndGet();
          }
        }
        flush(failed);
        if (stop) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      flush(failed);
      if (closeOut) {
        try {
          out.close();
        } catch (IOException e) {
          log.warn("closing JSON lines output: {}", e.toString());
        }
      }
    }
  }

  private void flush(boolean failed) {
    if (!failed) {
      try {
        out.flush();
      } catch (IOException e) {
        log.warn("flushing JSON lines output: {}", e.toString());
      }
    }
  }
}
