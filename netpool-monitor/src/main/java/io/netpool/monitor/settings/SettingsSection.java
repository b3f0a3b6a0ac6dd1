package io.netpool.monitor.settings;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.FieldReader;
import io.netpool.monitor.inventory.ReadContext;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A top-level mapping of service settings in {@code monitor.yml} ({@code pool:}, {@code ssh:},
 * ...): a table of {@link Field}s (the documentation's table too) and how its values become the
 * typed settings. An absent section has every field's default.
 *
 * @param <T> the typed settings
 */
public final class SettingsSection<T> {
  private final String key;
  private final Section table;
  private final Build<T> build;

  /**
   * Makes the typed settings of a section's values; reports a rule between fields at {@code at} and
   * returns null.
   */
  @FunctionalInterface
  public interface Build<T> {
    T build(Values values, Located at);
  }

  /** Where to report a problem of the whole section (null when the section is absent). */
  public record Located(MapNode node, String path, ReadContext ctx) {
    /** Reports {@code message} at the section, under {@code path.field}. */
    public void problem(String field, String message) {
      if (ctx == null) {
        throw new IllegalArgumentException(path + "." + field + ": " + message);
      }
      var e = node.entries().get(field);
      ctx.problem(e != null ? e.value().mark() : node.mark(), path + "." + field, message);
    }
  }

  /**
   * What a section read: the typed settings and each key's value ({@code pool.max_uses} → {@code
   * 0}; a key without value is absent), to tell which keys a reload changed.
   */
  public record Read<T>(T value, Map<String, Object> values) {
    public Read {
      Objects.requireNonNull(value, "value");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  public SettingsSection(String key, Section table, Build<T> build) {
    this.key = Objects.requireNonNull(key, "key");
    this.table = Objects.requireNonNull(table, "table");
    this.build = Objects.requireNonNull(build, "build");
  }

  /** The top-level key. */
  public String key() {
    return key;
  }

  /** The fields, in documentation order. */
  public Section table() {
    return table;
  }

  /** The reader to register with {@code InventoryLoader.section(key(), ...)}. */
  public FieldReader<Read<T>> reader() {
    return (Node node, String path, ReadContext ctx) -> {
      if (!(node instanceof MapNode m)) {
        ctx.problem(
            node.mark(), path, "expected a mapping with " + String.join(", ", table.keys()));
        return null;
      }
      int before = ctx.problems().errorCount();
      Values v = table.read(m, path, Values.none(), ctx);
      if (!v.ok() || ctx.problems().errorCount() != before) {
        return null;
      }
      T value;
      try {
        value = build.build(v, new Located(m, path, ctx));
      } catch (IllegalArgumentException e) {
        // a rule of the typed settings that the table does not state: still located
        ctx.problem(m.mark(), path, e.getMessage());
        return null;
      }
      return value == null ? null : new Read<>(value, shown(v));
    };
  }

  /** The settings of an absent section: every default. */
  public Read<T> defaults() {
    Values none = Values.none();
    return new Read<>(build.build(none, new Located(null, key, null)), shown(none));
  }

  private Map<String, Object> shown(Values v) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field<?> f : table.fields()) {
      Object value = v.get(f);
      if (value != null) {
        values.put(key + "." + f.key(), value);
      }
    }
    return values;
  }
}
