package io.netpool.ssh.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;

/**
 * The four SSH algorithm lists a device may widen or narrow: key exchange, ciphers, MACs and
 * host-key (signature) algorithms. Each knows the names MINA SSHD supports in this JVM.
 */
public enum AlgorithmCategory {
  KEX("kex", "key exchange"),
  CIPHERS("ciphers", "cipher"),
  MACS("macs", "MAC"),
  HOST_KEY("host_key", "host key");

  private final String key;
  private final String description;

  AlgorithmCategory(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The key in configuration: {@code kex}, {@code ciphers}, {@code macs}, {@code host_key}. */
  public String key() {
    return key;
  }

  /** For messages: "key exchange", "cipher", "MAC", "host key". */
  public String description() {
    return description;
  }

  /** The category of a configuration key (case-insensitive; {@code -} as {@code _}), or null. */
  public static AlgorithmCategory ofKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (AlgorithmCategory c : values()) {
      if (c.key.equals(k)) {
        return c;
      }
    }
    return null;
  }

  /** The algorithm names this category accepts (supported by MINA SSHD here), in MINA's order. */
  public List<String> known() {
    return switch (this) {
      case KEX -> names(BuiltinDHFactories.VALUES, f -> true);
      // "none" is no cipher at all: never offered, whatever a file says
      case CIPHERS -> names(BuiltinCiphers.VALUES, c -> c != BuiltinCiphers.none);
      case MACS -> names(BuiltinMacs.VALUES, m -> true);
      case HOST_KEY -> names(BuiltinSignatures.VALUES, s -> true);
    };
  }

  /** True when {@code name} is one of {@link #known()}. */
  public boolean isKnown(String name) {
    return known().contains(name);
  }

  private static <T extends NamedResource & OptionalFeature> List<String> names(
      Iterable<T> all, Predicate<T> wanted) {
    List<String> out = new ArrayList<>();
    for (T t : all) {
      if (t.isSupported() && wanted.test(t) && !out.contains(t.getName())) {
        out.add(t.getName());
      }
    }
    return out;
  }
}
