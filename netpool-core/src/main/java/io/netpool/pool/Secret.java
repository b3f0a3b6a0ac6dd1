package io.netpool.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret value (password, enable secret, token) that never prints itself.
 *
 * <p>{@link #toString()} is always masked, so a secret can sit in records, configs and exceptions
 * without leaking into logs. The value is read only by {@link #reveal()}, which resolves references
 * (environment variable, file) lazily, so a rotated file is picked up by the next session.
 */
public final class Secret {
  private static final String MASK = "******";

  private final String description;
  private final Supplier<String> source;

  private Secret(String description, Supplier<String> source) {
    this.description = description;
    this.source = source;
  }

  /** A literal value. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret("literal", () -> value);
  }

  /** The value of an environment variable, read when revealed. */
  public static Secret fromEnv(String variable) {
    Objects.requireNonNull(variable, "variable");
    return new Secret(
        "env:" + variable,
        () -> {
          String value = System.getenv(variable);
          if (value == null) {
            throw new IllegalStateException("environment variable " + variable + " is not set");
          }
          return value;
        });
  }

  /** The first line of a file, read when revealed (trailing newline stripped). */
  public static Secret fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    return new Secret(
        "file:" + file,
        () -> {
          try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String line = newline < 0 ? text : text.substring(0, newline);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
          } catch (IOException e) {
            // The message names the file, never its content.
            throw new UncheckedIOException("cannot read secret file " + file, e);
          }
        });
  }

  /** The clear-text value. Call it only where the value is sent to a device. */
  public String reveal() {
    return source.get();
  }

  /** Where the value comes from ("literal", "env:NAME", "file:PATH"); never the value itself. */
  public String source() {
    return description;
  }

  /** Secrets compare by their revealed value, so a changed password is seen as a change. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Secret other)) {
      return false;
    }
    try {
      return reveal().equals(other.reveal());
    } catch (RuntimeException unreadable) {
      return description.equals(other.description);
    }
  }

  @Override
  public int hashCode() {
    return description.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
