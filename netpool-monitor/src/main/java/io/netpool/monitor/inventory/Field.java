package io.netpool.monitor.inventory;

import io.netpool.pool.Protocol;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * One row of a {@link Section}: key, reader, required flag, default and help text, for example
 * {@code Field.of("port", Fields.integer(1, 65535)).orElse(DeviceSpec.DEFAULT_PORT).help("SSH
 * port")}. The same row validates the file, gives the typed value ({@link Values#get}) and renders
 * the documentation table ({@link Section#markdownRows}).
 *
 * @param key the YAML key
 * @param reader reads and validates a value
 * @param mandatory the key must be set and must not be empty ({@link #required()})
 * @param orElse the value when the key is absent or empty, or null
 * @param defaultable false when {@code defaults.*} must not set it (ids: each item has its own)
 * @param merge how an item's own value combines with the default (tags), or null: the own wins
 * @param help the meaning, as the documentation table states it (Markdown)
 * @param docRequired the "Required" cell when it is not simply "yes" or empty, or null
 * @param docDefault the "Default" cell when it is not {@code orElse}, or null
 * @param <T> the value's type
 */
public record Field<T>(
    String key,
    FieldReader<T> reader,
    boolean mandatory,
    T orElse,
    boolean defaultable,
    BinaryOperator<T> merge,
    String help,
    String docRequired,
    String docDefault) {

  public Field {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(help, "help");
  }

  /** An optional field without default. */
  public static <T> Field<T> of(String key, FieldReader<T> reader) {
    return new Field<>(key, reader, false, null, true, null, "", null, null);
  }

  /** This field, required (and not empty). */
  public Field<T> required() {
    return new Field<>(
        key, reader, true, orElse, defaultable, merge, help, docRequired, docDefault);
  }

  /** This field with a default value. */
  public Field<T> orElse(T value) {
    return new Field<>(
        key, reader, mandatory, value, defaultable, merge, help, docRequired, docDefault);
  }

  /** This field, which each item sets itself ({@code defaults.*} may not). */
  public Field<T> ownOnly() {
    return new Field<>(key, reader, mandatory, orElse, false, merge, help, docRequired, docDefault);
  }

  /** This field, whose own value is merged with the default by {@code how}. */
  public Field<T> merged(BinaryOperator<T> how) {
    return new Field<>(
        key, reader, mandatory, orElse, defaultable, how, help, docRequired, docDefault);
  }

  /** This field with its documentation text. */
  public Field<T> help(String text) {
    return new Field<>(
        key, reader, mandatory, orElse, defaultable, merge, text, docRequired, docDefault);
  }

  /** This field with its own "Required" cell in the documentation. */
  public Field<T> docRequired(String text) {
    return new Field<>(key, reader, mandatory, orElse, defaultable, merge, help, text, docDefault);
  }

  /** This field with its own "Default" cell in the documentation (such as "none"). */
  public Field<T> docDefault(String text) {
    return new Field<>(key, reader, mandatory, orElse, defaultable, merge, help, docRequired, text);
  }

  /** The "Required" cell. */
  public String requiredCell() {
    return docRequired != null ? docRequired : mandatory ? "yes" : "";
  }

  /** The "Default" cell. */
  public String defaultCell() {
    if (docDefault != null) {
      return docDefault;
    }
    return orElse == null ? "" : "`" + show(orElse) + "`";
  }

  /** How a value is written in monitor.yml and in messages: durations as {@code 1h30m}. */
  public static String show(Object v) {
    return switch (v) {
      case Duration d -> Durations.format(d);
      case HostKeyPolicy h -> h.label();
      case Protocol p -> p.toString();
      case SecretRef s -> s.describe();
      case Enum<?> e -> e.name().toLowerCase(java.util.Locale.ROOT);
      case Map.Entry<?, ?> e -> e.getKey() + "=" + e.getValue();
      default -> String.valueOf(v);
    };
  }
}
