package io.netpool.pool;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session protocol, such as {@code ssh} (one exec channel per command) or {@code cli} (one
 * interactive shell). Protocols are interned: {@link #of(String)} resolves names and aliases to one
 * instance, so {@code Protocol.of("scrapli") == Protocol.CLI}.
 */
public final class Protocol {
  private static final Map<String, Protocol> BY_NAME = new ConcurrentHashMap<>();

  /** SSH exec: each command runs in its own exec channel on the pooled session. */
  public static final Protocol SSH = define("ssh");

  /** Interactive CLI over an SSH shell with a PTY; {@code scrapli} is an alias. */
  public static final Protocol CLI = define("cli", "scrapli");

  /**
   * Interactive CLI over Telnet: the CLI driver's behaviour with a login dialog first. Credentials
   * cross the network in clear text, so a device uses it only when it asks for it explicitly.
   */
  public static final Protocol TELNET = define("telnet");

  private final String name;
  private final List<String> aliases;

  private Protocol(String name, List<String> aliases) {
    this.name = name;
    this.aliases = aliases;
  }

  /**
   * Defines a protocol with optional aliases. Defining the same name again with the same aliases
   * returns the existing instance.
   *
   * @throws IllegalArgumentException if a name or alias already belongs to another protocol
   */
  public static Protocol define(String name, String... aliases) {
    String canonical = normalize(name);
    List<String> aliasList = List.of(aliases).stream().map(Protocol::normalize).toList();
    Protocol created = new Protocol(canonical, aliasList);
    Protocol existing = BY_NAME.putIfAbsent(canonical, created);
    if (existing != null) {
      if (!existing.aliases.containsAll(aliasList)) {
        throw new IllegalArgumentException("protocol " + canonical + " is already defined");
      }
      return existing;
    }
    for (String alias : aliasList) {
      Protocol owner = BY_NAME.putIfAbsent(alias, created);
      if (owner != null && owner != created) {
        throw new IllegalArgumentException(
            "alias " + alias + " already names protocol " + owner.name);
      }
    }
    return created;
  }

  /**
   * The protocol with this name or alias (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known protocols when there is none
   */
  public static Protocol of(String nameOrAlias) {
    Protocol p = BY_NAME.get(normalize(nameOrAlias));
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown protocol '"
              + nameOrAlias
              + "'; known: "
              + new java.util.TreeSet<>(BY_NAME.keySet()));
    }
    return p;
  }

  private static String normalize(String s) {
    Objects.requireNonNull(s, "protocol name");
    String n = s.trim().toLowerCase(Locale.ROOT);
    if (n.isEmpty()) {
      throw new IllegalArgumentException("protocol name must not be blank");
    }
    return n;
  }

  public String name() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  @Override
  public String toString() {
    return name;
  }
}
