package io.netpool.monitor.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a log folder: the active file and its gzipped archives. */
final class LogFiles {
  private LogFiles() {}

  static List<Path> list(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of one file, gunzipped when it ends in {@code .gz}. */
  static String read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True once logback's background compressions are finished: no renamed file waits for it and
   * every archive reads to its end. (Stopping the appender waits for the last compression only.)
   */
  static boolean archivesComplete(Path folder) {
    for (Path f : list(folder)) {
      String name = f.getFileName().toString();
      if (name.endsWith(".tmp")) {
        return false;
      }
      if (name.endsWith(".gz")) {
        try {
          read(f);
        } catch (UncheckedIOException partlyWritten) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every line ever written to the folder (archives and the active file). */
  static String readAll(Path folder) {
    StringBuilder all = new StringBuilder();
    for (Path f : list(folder)) {
      if (Files.isRegularFile(f)) {
        all.append(read(f));
      }
    }
    return all.toString();
  }
}
