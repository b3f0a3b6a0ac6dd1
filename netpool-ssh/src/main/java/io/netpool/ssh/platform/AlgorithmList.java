package io.netpool.ssh.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One category's change to the secure defaults: {@link Mode#ADD} appends names (after the defaults,
 * so a peer that speaks both gets a default), {@link Mode#REPLACE} offers exactly these names in
 * this order. Every name must be {@linkplain AlgorithmCategory#known() known}.
 *
 * @param category which list
 * @param mode add to or replace the defaults
 * @param names algorithm names as on the wire, for example {@code diffie-hellman-group14-sha1}
 */
public record AlgorithmList(AlgorithmCategory category, Mode mode, List<String> names) {

  /** How the names combine with the defaults. */
  public enum Mode {
    ADD,
    REPLACE
  }

  public AlgorithmList {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(mode, "mode");
    names = List.copyOf(new LinkedHashSet<>(names));
    if (names.isEmpty()) {
      throw new IllegalArgumentException(category.key() + ": an empty algorithm list");
    }
    List<String> unknown = unknownNames(category, names);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(unknownMessage(category, unknown));
    }
  }

  /** The names of {@code names} that {@code category} does not know. */
  public static List<String> unknownNames(AlgorithmCategory category, List<String> names) {
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      if (!category.isKnown(n)) {
        unknown.add(n);
      }
    }
    return unknown;
  }

  /** "unknown kex algorithm 'x'; known: a, b, c". */
  public static String unknownMessage(AlgorithmCategory category, List<String> unknown) {
    return "unknown "
        + category.key()
        + " algorithm"
        + (unknown.size() == 1 ? " '" + unknown.get(0) + "'" : "s " + unknown)
        + "; known: "
        + String.join(", ", category.known());
  }

  /** The list offered: {@code defaults} changed by this. */
  public List<String> applyTo(List<String> defaults) {
    if (mode == Mode.REPLACE) {
      return names;
    }
    LinkedHashSet<String> out = new LinkedHashSet<>(defaults);
    out.addAll(names);
    return List.copyOf(out);
  }
}
