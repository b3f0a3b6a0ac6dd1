package io.netpool.monitor.inventory;

import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.YamlTree.Mark;
import io.netpool.monitor.inventory.YamlTree.Node;
import io.netpool.monitor.inventory.YamlTree.Scalar;
import java.util.List;

/**
 * A mapping of {@code monitor.yml} declared as a table of {@link Field}s: a device, a line, or a
 * part of the {@code zabbix:} section. Reading it reports unknown keys (with a suggestion), every
 * invalid value and every missing required field.
 *
 * @param fields the rows, in documentation order
 */
public record Section(List<Field<?>> fields) {

  public Section {
    fields = List.copyOf(fields);
  }

  /** A section of {@code fields}. */
  public static Section of(Field<?>... fields) {
    return new Section(List.of(fields));
  }

  /** The known keys. */
  public List<String> keys() {
    return fields.stream().map(Field::key).toList();
  }

  /**
   * Reads {@code m}: its own values, else those of {@code defaults}.
   *
   * @param m the mapping
   * @param path its path, such as {@code devices[0]}
   * @param defaults the defaults read by {@link #readDefaults}, or {@link Values#none()}
   */
  public Values read(MapNode m, String path, Values defaults, ReadContext ctx) {
    Fields.unknownKeys(m, keys(), path, ctx);
    Values v = new Values();
    for (Field<?> f : fields) {
      Entry e = m.entries().get(f.key());
      Object own = e == null ? null : value(f, e.value(), path + "." + f.key(), ctx);
      Object d = f.defaultable() ? defaults.raw(f) : null;
      v.put(
          f,
          f.merge() != null ? merge(f, d, own) : own != null ? own : d == Values.UNSET ? null : d);
    }
    for (Field<?> f : fields) {
      if (f.mandatory() && (v.raw(f) == null || v.raw(f) == Values.UNSET)) {
        Entry own = m.entries().get(f.key());
        Mark at = own != null ? own.value().mark() : m.mark();
        ctx.problem(at, path + "." + f.key(), "missing required field '" + f.key() + "'");
        v.missing();
      }
    }
    return v;
  }

  /**
   * Reads the defaults of this section's items ({@code defaults.device}); a field that is not
   * {@link Field#defaultable()} is reported.
   *
   * @param kind "device" or "line", for messages
   */
  public Values readDefaults(MapNode m, String path, String kind, ReadContext ctx) {
    Fields.unknownKeys(m, keys(), path, ctx);
    Values v = new Values();
    for (Field<?> f : fields) {
      Entry e = m.entries().get(f.key());
      if (e == null) {
        continue;
      }
      if (!f.defaultable()) {
        ctx.problem(
            e.keyMark(),
            path + "." + f.key(),
            (f.key().equals("id") ? "an id" : "'" + f.key() + "'")
                + " cannot have a default; each "
                + kind
                + " has its own");
      } else {
        v.put(f, value(f, e.value(), path + "." + f.key(), ctx));
      }
    }
    return v;
  }

  /** One value: the reader's, {@link Values#UNSET} when empty, or {@link Values#INVALID}. */
  private static Object value(Field<?> f, Node node, String path, ReadContext ctx) {
    if (node instanceof Scalar s && s.isBroken()) {
      return Values.INVALID;
    }
    if (Fields.isNull(node)) {
      if (f.mandatory()) {
        ctx.problem(node.mark(), path, "'" + f.key() + "' must not be empty");
        return Values.INVALID;
      }
      return Values.UNSET;
    }
    Object v = f.reader().read(node, path, ctx);
    return v == null ? Values.INVALID : v;
  }

  @SuppressWarnings("unchecked")
  private static <T> Object merge(Field<T> f, Object dflt, Object own) {
    if (own == Values.INVALID || dflt == Values.INVALID) {
      return Values.INVALID;
    }
    T base = dflt != null && dflt != Values.UNSET && own != Values.UNSET ? (T) dflt : null;
    if (own == null || own == Values.UNSET) {
      return base;
    }
    return base == null ? own : f.merge().apply(base, (T) own);
  }

  /**
   * The Markdown rows of the documentation table, one per field: key (with {@code prefix}),
   * required, default, meaning.
   */
  public String markdownRows(String prefix) {
    StringBuilder b = new StringBuilder();
    for (Field<?> f : fields) {
      b.append(row("`" + prefix + f.key() + "`", f.requiredCell(), f.defaultCell(), f.help()));
    }
    return b.toString();
  }

  /** One Markdown table row; an empty cell is a single space. */
  public static String row(String... cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(c.isEmpty() ? " " : " " + c + " ").append('|');
    }
    return b.append('\n').toString();
  }
}
