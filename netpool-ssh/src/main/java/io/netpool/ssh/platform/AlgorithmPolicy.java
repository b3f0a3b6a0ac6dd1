package io.netpool.ssh.platform;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device's (or platform's) SSH algorithm lists, as a typed session option ({@code
 * SessionOptions.of(AlgorithmPolicy.class, policy)}): per category an {@link AlgorithmList} that
 * adds to or replaces the secure defaults; a category without one keeps the defaults. Naming
 * algorithms here is the explicit opt-in to legacy ones: nothing else (no tag, no default) can
 * weaken what a session offers.
 */
public record AlgorithmPolicy(Map<AlgorithmCategory, AlgorithmList> lists) {

  /** No change: the secure defaults in every category. */
  public static final AlgorithmPolicy DEFAULTS = new AlgorithmPolicy(Map.of());

  public AlgorithmPolicy {
    EnumMap<AlgorithmCategory, AlgorithmList> copy = new EnumMap<>(AlgorithmCategory.class);
    for (Map.Entry<AlgorithmCategory, AlgorithmList> e : lists.entrySet()) {
      if (e.getValue().category() != e.getKey()) {
        throw new IllegalArgumentException(
            "list of " + e.getValue().category().key() + " filed under " + e.getKey().key());
      }
      copy.put(e.getKey(), e.getValue());
    }
    lists = Map.copyOf(copy);
  }

  /** A policy of these lists (one per category). */
  public static AlgorithmPolicy of(Collection<AlgorithmList> lists) {
    EnumMap<AlgorithmCategory, AlgorithmList> m = new EnumMap<>(AlgorithmCategory.class);
    for (AlgorithmList l : lists) {
      if (m.put(l.category(), l) != null) {
        throw new IllegalArgumentException(l.category().key() + " given twice");
      }
    }
    return new AlgorithmPolicy(m);
  }

  public Optional<AlgorithmList> list(AlgorithmCategory category) {
    return Optional.ofNullable(lists.get(category));
  }

  public boolean isEmpty() {
    return lists.isEmpty();
  }

  /**
   * {@code this} over {@code base}: a category this policy names wins whole (a device's list
   * replaces its platform's list of that category); the others come from {@code base}.
   */
  public AlgorithmPolicy over(AlgorithmPolicy base) {
    EnumMap<AlgorithmCategory, AlgorithmList> m = new EnumMap<>(AlgorithmCategory.class);
    m.putAll(base.lists);
    m.putAll(lists);
    return new AlgorithmPolicy(m);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("AlgorithmPolicy[");
    String sep = "";
    for (AlgorithmCategory c : AlgorithmCategory.values()) {
      AlgorithmList l = lists.get(c);
      if (l != null) {
        b.append(sep)
            .append(c.key())
            .append(' ')
            .append(l.mode().name().toLowerCase(java.util.Locale.ROOT))
            .append(' ')
            .append(l.names());
        sep = ", ";
      }
    }
    return b.append(']').toString();
  }
}
